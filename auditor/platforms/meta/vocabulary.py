"""Meta's words shared by Facebook and Instagram: the purpose, the objection setting, the
category labels both use and the report's narrative sentences."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .. import Action, Category, Labels, Narrative, Purpose, Setting

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
    first_offered=date(2024, 9, 13),  # the earliest region (UK); per bloc below
    first_offered_by_bloc={
        "UK": date(2024, 9, 13),
        "EU_EEA": date(2025, 4, 14),  # notices from 14 April, training from 27 May
        "CH": None,  # no source found
        "ROW": None,  # no opt-out outside Europe
    },
    label="Meta's AI objection form",
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
    assumption=Labels(
        "You did not say whether or when you sent Meta's objection form (the export does not "
        "record it); auditor assumed you did not, Meta's default.",
        "Sie haben nicht angegeben, ob oder wann Sie Metas Widerspruchsformular abgeschickt "
        "haben (der Export verzeichnet es nicht); auditor nimmt an, dass nicht (Voreinstellung "
        "von Meta).",
        "Vous n'avez pas dit si ni quand vous avez envoyé le formulaire d'opposition de Meta "
        "(l'export ne l'indique pas) ; auditor suppose que non, ce qui est le réglage par "
        "défaut de Meta.",
        "No ha indicado si envió el formulario de oposición de Meta ni cuándo (la exportación "
        "no lo registra); auditor supone que no, la opción predeterminada de Meta.",
    ),
)


@dataclass(frozen=True)
class RegionOffer:
    """When the objection form counted for a region."""

    region: str
    first_offered: date | None  # None: never offered there


OBJECTION_OFFERED = tuple(
    RegionOffer(bloc, day) for bloc, day in OBJECTION.first_offered_by_bloc.items()
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


# --- the report's narrative (Facebook and Instagram differ in heading, limits, privacy) -----

OBJECT = labels(
    "In the EU, EEA and UK: open Accounts Center › Your information and permissions › "
    "Privacy Center › AI at Meta › Object to your information being used for AI at Meta, and "
    "send the form (one form covers the accounts in that Accounts Center). The objection counts "
    "from the day it is sent: content already used stays used. It does not cover Meta AI "
    "conversations in every case; avoid chatting with Meta AI about what you want kept out.",
    "In EU, EWR und Vereinigtem Königreich: Kontenübersicht › Deine Informationen und "
    "Berechtigungen › Privacy Center › KI bei Meta › Widerspruch gegen die Verwendung deiner "
    "Informationen für KI bei Meta öffnen und das Formular absenden (ein Formular gilt für die "
    "Konten dieser Kontenübersicht). Der Widerspruch wirkt ab dem Tag, an dem er eingeht: "
    "Bereits Verwendetes bleibt verwendet. Unterhaltungen mit Meta AI deckt er nicht in jedem "
    "Fall ab; besprechen Sie mit Meta AI nichts, was herausgehalten werden soll.",
    "Dans l'UE, l'EEE et au Royaume-Uni : ouvrez Espace comptes › Vos informations et "
    "autorisations › Espace confidentialité › L'IA chez Meta › S'opposer à l'utilisation de "
    "vos informations pour l'IA chez Meta, et envoyez le formulaire (un formulaire couvre les "
    "comptes de cet Espace comptes). L'opposition vaut à partir du jour de l'envoi : ce qui a "
    "déjà servi reste utilisé. Elle ne couvre pas toujours les conversations avec Meta AI ; "
    "évitez d'y aborder ce que vous voulez tenir à l'écart.",
    "En la UE, el EEE y el Reino Unido: abre Centro de cuentas › Tu información y permisos › "
    "Centro de privacidad › IA en Meta › Oponerte al uso de tu información para IA en Meta y "
    "envía el formulario (un formulario cubre las cuentas de ese Centro de cuentas). La "
    "oposición cuenta desde el día en que se envía: lo ya utilizado sigue utilizado. No cubre "
    "en todos los casos las conversaciones con Meta AI; evita tratar con Meta AI lo que "
    "quieras dejar fuera.",
)
NON_PUBLIC = labels(
    "Everywhere, and the only lever outside Europe: make content non-public (a post's audience "
    "to Friends or Only me, an Instagram account to private). Meta uses public content only; "
    "a change counts from the day you make it.",
    "Überall, und außerhalb Europas das einzige Mittel: Inhalte nicht öffentlich machen "
    "(Publikum eines Beitrags auf Freunde oder Nur ich, ein Instagram-Konto auf privat). Meta "
    "verwendet nur öffentliche Inhalte; eine Änderung zählt ab dem Tag, an dem Sie sie machen.",
    "Partout, et seul moyen hors d'Europe : rendre les contenus non publics (audience d'une "
    "publication sur Amis ou Moi uniquement, compte Instagram en privé). Meta n'utilise que "
    "les contenus publics ; un changement compte à partir du jour où vous le faites.",
    "En todas partes, y la única vía fuera de Europa: hacer el contenido no público (público "
    "de una publicación en Amigos o Solo yo, una cuenta de Instagram privada). Meta solo usa "
    "contenido público; un cambio cuenta desde el día en que lo haces.",
)
SCOPE = labels(
    "Private messages are not used for training. Conversations with Meta AI are, for people "
    "of any age; public content only of adults (18 and over). Threads is covered by the same "
    "Meta Privacy Policy and is treated like Instagram.",
    "Private Nachrichten werden nicht für Training verwendet. Unterhaltungen mit Meta AI "
    "schon, unabhängig vom Alter; öffentliche Inhalte nur von Erwachsenen (ab 18). Threads "
    "fällt unter dieselbe Meta-Datenschutzrichtlinie und wird wie Instagram behandelt.",
    "Les messages privés ne servent pas à l'entraînement. Les conversations avec Meta AI si, "
    "quel que soit l'âge ; les contenus publics seulement pour les adultes (18 ans et plus). "
    "Threads relève de la même Politique de confidentialité de Meta et est traité comme "
    "Instagram.",
    "Los mensajes privados no se usan para entrenar. Las conversaciones con Meta AI sí, sea "
    "cual sea la edad; el contenido público solo de adultos (18 años o más). Threads está "
    "cubierto por la misma Política de privacidad de Meta y se trata como Instagram.",
)
DELETE = labels(
    "Deleting a post, comment or the account ends an item's time in scope from that day. It "
    "does not undo training that already happened.",
    "Das Löschen eines Beitrags, Kommentars oder des Kontos beendet die Zeit im "
    "Geltungsbereich ab diesem Tag. Bereits erfolgtes Training macht es nicht rückgängig.",
    "Supprimer une publication, un commentaire ou le compte met fin à la période couverte à "
    "partir de ce jour. Cela n'annule pas un entraînement déjà fait.",
    "Borrar una publicación, un comentario o la cuenta pone fin al periodo cubierto desde ese "
    "día. No deshace el entrenamiento ya realizado.",
)
REGION = {
    "EU_EEA": labels(
        "EU/EEA: Meta uses adults' public content and Meta AI conversations from 27 May 2025, "
        "unless you objected (the form was offered from 14 April 2025); messages are not used.",
        "EU/EWR: Meta verwendet öffentliche Inhalte Erwachsener und Unterhaltungen mit Meta AI "
        "ab dem 27. Mai 2025, sofern Sie nicht widersprochen haben (Formular ab 14. April "
        "2025); Nachrichten nicht.",
        "UE/EEE : Meta utilise les contenus publics des adultes et les conversations avec Meta "
        "AI depuis le 27 mai 2025, sauf opposition (formulaire proposé dès le 14 avril 2025) ; "
        "pas les messages.",
        "UE/EEE: Meta usa el contenido público de adultos y las conversaciones con Meta AI "
        "desde el 27 de mayo de 2025, salvo oposición (formulario ofrecido desde el 14 de abril "
        "de 2025); no los mensajes.",
    ),
    "UK": labels(
        "UK: Meta uses adults' public content from 13 September 2024 unless you objected.",
        "Vereinigtes Königreich: Meta verwendet öffentliche Inhalte Erwachsener ab dem "
        "13. September 2024, sofern Sie nicht widersprochen haben.",
        "Royaume-Uni : Meta utilise les contenus publics des adultes depuis le 13 septembre "
        "2024, sauf opposition.",
        "Reino Unido: Meta usa el contenido público de adultos desde el 13 de septiembre de "
        "2024, salvo oposición.",
    ),
    "CH": labels(
        "Switzerland: no source says whether Meta's European training and its objection form "
        "cover Swiss accounts; public content is uncertain from 27 May 2025.",
        "Schweiz: Keine Quelle sagt, ob Metas europäisches Training und sein Widerspruchsformular "
        "Schweizer Konten erfassen; öffentliche Inhalte sind ab dem 27. Mai 2025 unklar.",
        "Suisse : aucune source ne dit si l'entraînement européen de Meta et son formulaire "
        "d'opposition couvrent les comptes suisses ; les contenus publics sont incertains "
        "depuis le 27 mai 2025.",
        "Suiza: ninguna fuente dice si el entrenamiento europeo de Meta y su formulario de "
        "oposición cubren las cuentas suizas; el contenido público es incierto desde el 27 de "
        "mayo de 2025.",
    ),
    "ROW": OUTSIDE_EUROPE,
}


def action(title: Labels, how: Labels) -> Action:
    return Action(title, how)


ACTIONS = (
    action(
        labels(
            "Object (EU, EEA, UK)",
            "Widersprechen (EU, EWR, UK)",
            "S'opposer (UE, EEE, R.-U.)",
            "Oponerse (UE, EEE, R. U.)",
        ),
        OBJECT,
    ),
    action(
        labels(
            "Make content non-public",
            "Inhalte nicht öffentlich machen",
            "Rendre les contenus non publics",
            "Hacer el contenido no público",
        ),
        NON_PUBLIC,
    ),
    action(
        labels("What is in scope", "Was erfasst ist", "Ce qui est couvert", "Qué se cubre"), SCOPE
    ),  # fmt: skip
)
SHORT_ACTIONS = (
    action(
        labels("Object", "Widersprechen", "S'opposer", "Oponerse"),
        labels(
            "EU, EEA, UK: the objection form in Accounts Center; it counts going forward.",
            "EU, EWR, UK: das Widerspruchsformular in der Kontenübersicht; es wirkt nur für "
            "die Zukunft.",
            "UE, EEE, R.-U. : le formulaire d'opposition dans l'Espace comptes ; il vaut pour "
            "l'avenir.",
            "UE, EEE, R. U.: el formulario de oposición en el Centro de cuentas; cuenta hacia "
            "adelante.",
        ),
    ),
    action(
        labels("Non-public", "Nicht öffentlich", "Non public", "No público"),
        labels(
            "Elsewhere the only lever: friends-only posts, a private account.",
            "Anderswo das einzige Mittel: Beiträge nur für Freunde, ein privates Konto.",
            "Ailleurs le seul moyen : publications réservées aux amis, compte privé.",
            "En otros lugares la única vía: publicaciones solo para amigos, cuenta privada.",
        ),
    ),
    action(
        labels("Meta AI", "Meta AI", "Meta AI", "Meta AI"),
        labels(
            "Messages are not used; Meta AI chats are, at any age.",
            "Nachrichten werden nicht verwendet; Chats mit Meta AI schon, in jedem Alter.",
            "Les messages ne sont pas utilisés ; les conversations avec Meta AI si, à tout âge.",
            "Los mensajes no se usan; los chats con Meta AI sí, a cualquier edad.",
        ),
    ),
)


def narrative(heading: Labels, description: Labels, limits: tuple[Labels, ...]) -> Narrative:
    """The Meta narrative; the platform names its heading and what its export cannot show."""
    return Narrative(
        heading=heading,
        description=description,
        predates=labels(
            "This export predates Meta's AI-training terms.",
            "Dieser Export ist älter als Metas KI-Trainingsbedingungen.",
            "Cet export est antérieur aux conditions de Meta sur l'entraînement de l'IA.",
            "Esta exportación es anterior a las condiciones de Meta sobre el entrenamiento de IA.",
        ),
        predates_detail=labels(
            "It was evaluated as of %(as_of)s, before the first terms took effect on "
            "%(first)s, so nothing counts yet. Run again with --as-of and today's date.",
            "Ausgewertet wurde zum %(as_of)s, vor dem Inkrafttreten der ersten Bedingungen am "
            "%(first)s; daher zählt noch nichts. Erneut mit --as-of und dem heutigen Datum "
            "ausführen.",
            "Il a été évalué au %(as_of)s, avant l'entrée en vigueur des premières conditions "
            "le %(first)s ; rien ne compte donc encore. Relancez avec --as-of et la date du "
            "jour.",
            "Se evaluó a fecha de %(as_of)s, antes de que entraran en vigor las primeras "
            "condiciones el %(first)s, así que aún no cuenta nada. Vuelve a ejecutarlo con "
            "--as-of y la fecha de hoy.",
        ),
        method=labels(
            "auditor reads every file of your export and compares each item's lifetime (from "
            "posting to deletion) with each rule's period, your region, your age, whether the "
            "item was public and the date you objected, if you did. The strongest result "
            "wins: exposed, then withdrawn, then uncertain, then not exposed. Rules and their "
            "sources (quoted in their original language):",
            "auditor liest jede Datei Ihres Exports und vergleicht die Lebensdauer jedes "
            "Eintrags (vom Posten bis zum Löschen) mit dem Zeitraum jeder Regel, Ihrer Region, "
            "Ihrem Alter, ob der Eintrag öffentlich war, und dem Tag Ihres Widerspruchs, falls "
            "es einen gab. Das stärkste Ergebnis gilt: betroffen, dann zurückgezogen, dann "
            "unklar, dann nicht betroffen. Regeln und ihre Quellen (in der Originalsprache "
            "zitiert):",
            "auditor lit chaque fichier de votre export et compare la durée de vie de chaque "
            "élément (de la publication à la suppression) avec la période de chaque règle, "
            "votre région, votre âge, le caractère public de l'élément et la date de votre "
            "opposition, s'il y en a une. Le résultat le plus fort l'emporte : exposé, puis "
            "retiré, puis incertain, puis non exposé. Règles et sources (citées dans leur "
            "langue d'origine) :",
            "auditor lee cada archivo de tu exportación y compara la vida de cada elemento (de "
            "la publicación al borrado) con el periodo de cada regla, tu región, tu edad, si el "
            "elemento era público y la fecha de tu oposición, si la hubo. Gana el resultado "
            "más fuerte: expuesto, luego retirado, luego incierto, luego no expuesto. Reglas y "
            "sus fuentes (citadas en su idioma original):",
        ),
        sources_note=labels(
            "A press report can make an item uncertain or exposed, never not exposed: only "
            "Meta's policy text can. Outside Europe only press sources were found.",
            "Ein Pressebericht kann einen Eintrag unklar oder betroffen machen, nie nicht "
            "betroffen: Das kann nur Metas Richtlinientext. Außerhalb Europas fanden sich nur "
            "Presseberichte.",
            "Un article de presse peut rendre un élément incertain ou exposé, jamais non "
            "exposé : seul le texte des politiques de Meta le peut. Hors d'Europe, seules des "
            "sources de presse ont été trouvées.",
            "Una noticia de prensa puede hacer que un elemento sea incierto o expuesto, nunca "
            "no expuesto: solo el texto de las políticas de Meta puede. Fuera de Europa solo se "
            "encontraron fuentes de prensa.",
        ),
        deleting=DELETE,
        limits=limits,
        region=REGION,
        actions=ACTIONS,
        short_actions=SHORT_ACTIONS,
        no_scenarios=labels(
            "No what-if table: an objection counts only from the day it is sent, and outside "
            "Europe there is none. What you can still do is said above.",
            "Keine Was-wäre-wenn-Tabelle: Ein Widerspruch wirkt erst ab dem Tag, an dem er "
            "eingeht, und außerhalb Europas gibt es keinen. Was Sie noch tun können, steht "
            "oben.",
            "Pas de tableau « et si » : une opposition ne vaut qu'à partir du jour de l'envoi, "
            "et hors d'Europe il n'y en a pas. Ce que vous pouvez encore faire est dit plus haut.",
            "Sin tabla de hipótesis: una oposición solo cuenta desde el día en que se envía, y "
            "fuera de Europa no existe. Lo que aún puedes hacer se explica arriba.",
        ),
    )
