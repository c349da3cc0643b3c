"""Meta's words shared by Facebook and Instagram: the purpose, the objection setting, the
category labels both use and the report's narrative sentences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import Category, Labels, Purpose, Setting

PURPOSE = Purpose(
    "meta_training",
    Labels(
        "AI training by Meta (AI at Meta, for its products and for third parties)",
        "KI-Training durch Meta (KI bei Meta, für eigene Produkte und für Dritte)",
        "Entraînement de l'IA par Meta (l'IA chez Meta, pour ses produits et des tiers)",
        "Entrenamiento de IA por Meta (IA en Meta, para sus productos y para terceros)",
    ),
)

# The menu wording is Meta's English; the translations follow Meta's usual terms but were not
# seen in a localised capture.
OBJECTION = Setting(
    id="meta-ai-objection",
    cli_name="meta-ai-objection",
    purpose="meta_training",
    default="on",  # included unless the objection form was sent
    first_offered=date(2024, 9, 13),  # UK restart; per region see OBJECTION_OFFERED
    menu_path=Labels(
        "Settings and privacy › Privacy Center › AI at Meta › Object to your information "
        "being used for AI at Meta (objection form)",
        "Einstellungen und Privatsphäre › Privacy Center › KI bei Meta › Widerspruch gegen "
        "die Verwendung deiner Informationen für KI bei Meta (Widerspruchsformular)",
        "Paramètres et confidentialité › Espace confidentialité › L'IA chez Meta › S'opposer "
        "à l'utilisation de vos informations pour l'IA chez Meta (formulaire d'opposition)",
        "Configuración y privacidad › Centro de privacidad › IA en Meta › Oponerte al uso de "
        "tu información para IA en Meta (formulario de oposición)",
    ),
)


@dataclass(frozen=True)
class RegionOffer:
    """When the objection form counted for a region (the Setting holds one date only)."""

    region: str
    first_offered: date | None  # None: never offered there


OBJECTION_OFFERED = (
    RegionOffer("UK", date(2024, 9, 13)),
    RegionOffer("EU_EEA", date(2025, 4, 14)),  # notices from 14 April, training from 27 May
    RegionOffer("CH", None),  # no source found
    RegionOffer("ROW", None),  # no opt-out outside Europe
)


def labels(en: str, de: str, fr: str, es: str) -> Labels:
    return Labels(en, de, fr, es)


def category(cid: str, label: Labels, authored: bool, private: bool) -> Category:
    return Category(cid, label, None, authored=authored, private=private)


MESSAGE = category(
    "message",
    labels("Private messages", "Private Nachrichten", "Messages privés", "Mensajes privados"),
    authored=True,
    private=True,
)
AI_CHAT = category(
    "ai_chat",
    labels(
        "Meta AI conversations",
        "Unterhaltungen mit Meta AI",
        "Conversations avec Meta AI",
        "Conversaciones con Meta AI",
    ),
    authored=True,
    private=True,
)
COMMENT = category(
    "comment",
    labels("Comments", "Kommentare", "Commentaires", "Comentarios"),
    authored=True,
    private=False,
)

OUTSIDE_EUROPE = labels(
    "Outside the EU, EEA and UK Meta offers no way to object: the only lever is to make "
    "content non-public (friends only, a private account).",
    "Außerhalb von EU, EWR und Vereinigtem Königreich bietet Meta keinen Widerspruch an: "
    "Das einzige Mittel ist, Inhalte nicht öffentlich zu machen (nur Freunde, privates Konto).",
    "Hors de l'UE, de l'EEE et du Royaume-Uni, Meta ne propose aucune opposition : le seul "
    "moyen est de rendre les contenus non publics (amis seulement, compte privé).",
    "Fuera de la UE, el EEE y el Reino Unido, Meta no ofrece oposición: la única vía es hacer "
    "el contenido no público (solo amigos, cuenta privada).",
)
FORWARD_ONLY = labels(
    "An objection counts from the day it is sent: content already used before stays used.",
    "Ein Widerspruch wirkt ab dem Tag, an dem er eingeht: Bereits verwendete Inhalte bleiben "
    "verwendet.",
    "Une opposition vaut à partir du jour où elle est envoyée : ce qui a déjà servi reste utilisé.",
    "Una oposición cuenta desde el día en que se envía: lo ya utilizado sigue utilizado.",
)
ADULTS_ONLY = labels(
    "Meta says it uses public content of adults (18 and over) only; private messages are not "
    "used. Conversations with Meta AI are used for people of any age.",
    "Meta verwendet nach eigenen Angaben nur öffentliche Inhalte Erwachsener (ab 18); private "
    "Nachrichten nicht. Unterhaltungen mit Meta AI werden unabhängig vom Alter verwendet.",
    "Meta dit n'utiliser que les contenus publics des adultes (18 ans et plus), pas les "
    "messages privés. Les conversations avec Meta AI sont utilisées quel que soit l'âge.",
    "Meta dice usar solo el contenido público de adultos (18 años o más), no los mensajes "
    "privados. Las conversaciones con Meta AI se usan sea cual sea la edad.",
)
