"""LinkedIn's words: item categories, purposes, the AI-training setting, narrative sentences."""

from __future__ import annotations

from datetime import date

from .. import Category, Labels, Purpose, Setting, Vocabulary

WEB = "https://www.linkedin.com"
SETTING_ID = "data-for-generative-ai-improvement"


def _category(id_: str, label: Labels, authored: bool, private: bool) -> Category:
    # Every item carries the export's own link (ShareLink, Link): no template is needed.
    return Category(id_, label, None, authored=authored, private=private)


CATEGORIES = (
    _category("post", Labels("Posts", "Beiträge", "Publications", "Publicaciones"), True, False),
    _category("article", Labels("Articles", "Artikel", "Articles", "Artículos"), True, False),
    _category(
        "comment", Labels("Comments", "Kommentare", "Commentaires", "Comentarios"), True, False
    ),
    _category(
        "repost",
        Labels("Reposts", "Reposts", "Republications", "Republicaciones"),
        True,
        False,
    ),
    _category(
        "poll_vote",
        Labels("Poll votes", "Umfrage-Stimmen", "Votes aux sondages", "Votos en encuestas"),
        True,
        True,
    ),
    _category(
        "reaction",
        Labels("Reactions", "Reaktionen", "Réactions", "Reacciones"),
        False,
        False,
    ),
    _category(
        "message",
        Labels(
            "One-to-one messages",
            "Nachrichten unter vier Augen",
            "Messages individuels",
            "Mensajes individuales",
        ),
        True,
        True,
    ),
    _category(
        "group_message",
        Labels(
            "Group conversation messages",
            "Nachrichten in Gruppenunterhaltungen",
            "Messages de conversations de groupe",
            "Mensajes de conversaciones de grupo",
        ),
        True,
        True,
    ),
    _category(
        "ai_chat",
        Labels(
            "Conversations with LinkedIn's AI features",
            "Unterhaltungen mit den KI-Funktionen von LinkedIn",
            "Conversations avec les fonctions d'IA de LinkedIn",
            "Conversaciones con las funciones de IA de LinkedIn",
        ),
        True,
        True,
    ),
)

PURPOSES = (
    Purpose(
        "linkedin_training",
        Labels(
            "AI training by LinkedIn and its affiliates",
            "KI-Training durch LinkedIn und verbundene Unternehmen",
            "Entraînement de l'IA par LinkedIn et ses sociétés affiliées",
            "Entrenamiento de IA por LinkedIn y sus filiales",
        ),
    ),
    Purpose(
        "microsoft_training",
        Labels(
            "Data shared with Microsoft for its own AI training",
            "An Microsoft weitergegebene Daten für dessen eigenes KI-Training",
            "Données partagées avec Microsoft pour son propre entraînement de l'IA",
            "Datos compartidos con Microsoft para su propio entrenamiento de IA",
        ),
    ),
)

# English: the wording of LinkedIn's settings page and help article a5538339. The other
# languages are our translation: no capture of LinkedIn's de/fr/es settings page was found
# (one French press article calls the section "Confidentialité des données").
MENU_PATH = Labels(
    "Me > Settings & Privacy > Data privacy > Data for Generative AI Improvement",
    "Ich > Einstellungen & Datenschutz > Datenschutz > Daten zur Verbesserung generativer KI "
    "(translated)",
    "Vous > Préférences et confidentialité > Confidentialité des données > Données pour "
    "l'amélioration de l'IA générative (translated)",
    "Yo > Ajustes y privacidad > Privacidad de datos > Datos para mejorar la IA generativa "
    "(translated)",
)

SETTING = Setting(
    id=SETTING_ID,
    cli_name=SETTING_ID,
    purpose="linkedin_training",
    default="on",
    first_offered=date(2024, 9, 18),
    menu_path=MENU_PATH,
)

NOT_IN_EXPORT = Labels(
    "LinkedIn's export does not record the 'Data for Generative AI Improvement' setting. It is "
    "on unless you switched it off; say when with --opt-out "
    "data-for-generative-ai-improvement=DATE. Switching it off does not undo past training.",
    "Der LinkedIn-Export enthält die Einstellung „Data for Generative AI Improvement“ nicht. "
    "Sie ist eingeschaltet, sofern Sie sie nicht ausgeschaltet haben; geben Sie das Datum mit "
    "--opt-out data-for-generative-ai-improvement=DATUM an. Ausschalten macht bereits "
    "erfolgtes Training nicht rückgängig.",
    "L'export LinkedIn n'indique pas le réglage « Data for Generative AI Improvement ». Il est "
    "activé sauf si vous l'avez désactivé ; indiquez la date avec --opt-out "
    "data-for-generative-ai-improvement=DATE. Le désactiver n'annule pas l'entraînement déjà "
    "effectué.",
    "La exportación de LinkedIn no registra el ajuste «Data for Generative AI Improvement». "
    "Está activado salvo que lo hayas desactivado; indica la fecha con --opt-out "
    "data-for-generative-ai-improvement=FECHA. Desactivarlo no deshace el entrenamiento ya "
    "realizado.",
)
AUDIENCE = Labels(
    "Posts shared with 'Connections' are not public, posts shared with 'Public' are; for "
    "posts marked 'MEMBER_NETWORK' or without a visibility the audience is unknown. LinkedIn's "
    "AI-training setting covers your content whatever its audience.",
    "Mit „Kontakten“ geteilte Beiträge sind nicht öffentlich, mit „Öffentlich“ geteilte schon; "
    "bei „MEMBER_NETWORK“ oder ohne Angabe ist das Publikum unbekannt. Die KI-Einstellung von "
    "LinkedIn erfasst Ihre Inhalte unabhängig vom Publikum.",
    "Les publications partagées avec « Relations » ne sont pas publiques, celles partagées en "
    "« Public » le sont ; pour « MEMBER_NETWORK » ou sans indication, l'audience est inconnue. "
    "Le réglage d'IA de LinkedIn couvre vos contenus quelle que soit leur audience.",
    "Las publicaciones compartidas con «Contactos» no son públicas; las compartidas como "
    "«Público» sí; con «MEMBER_NETWORK» o sin indicación, el público es desconocido. El ajuste "
    "de IA de LinkedIn cubre tu contenido sea cual sea su público.",
)

VOCABULARY = Vocabulary(
    platform="linkedin",
    title=Labels("LinkedIn", "LinkedIn", "LinkedIn", "LinkedIn"),
    categories=CATEGORIES,
    purposes=PURPOSES,
    settings=(SETTING,),
    statements=(NOT_IN_EXPORT, AUDIENCE),
    rules_translated=True,
)
CATEGORY_IDS = VOCABULARY.category_ids

# Countries the rules treat apart from the rest of the world although the rule engine's blocs
# (EU_EEA, UK, CH, ROW) put them in ROW: LinkedIn excluded them from training until
# 2025-11-03 (press: TECHGOLLY-2025, The Register 2025-10-27). The rule files name them in
# `countries` / `except_countries` (rules/linkedin-2025-11-03-canada-hong-kong.toml); a test
# checks the two agree.
LATE_COUNTRIES = {"CA": date(2025, 11, 3), "HK": date(2025, 11, 3)}
