"""LinkedIn's words: item categories, purposes, the AI-training setting, narrative sentences."""

from __future__ import annotations

from datetime import date

from .. import PREDATES_DETAIL, Action, Category, Labels, Narrative, Purpose, Setting, Vocabulary

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
    # LinkedIn's English name of the setting, kept in every language (it is what the
    # English settings page shows; the other languages' wording is not known).
    name=Labels(*["'Data for Generative AI Improvement'"] * 4),
    assumption=Labels(
        "You did not say whether or when you switched off 'Data for Generative AI "
        "Improvement'; auditor assumed it stayed on, LinkedIn's default.",
        "Sie haben nicht angegeben, ob oder wann Sie „Data for Generative AI Improvement“ "
        "ausgeschaltet haben; auditor nimmt an, dass die Einstellung eingeschaltet blieb "
        "(Voreinstellung von LinkedIn).",
        "Vous n'avez pas dit si ni quand vous avez désactivé « Data for Generative AI "
        "Improvement » ; auditor a supposé qu'il est resté activé, le défaut de LinkedIn.",
        "No indicaste si ni cuándo desactivaste «Data for Generative AI Improvement»; auditor "
        "supuso que siguió activado, el valor por defecto de LinkedIn.",
    ),
    marker=Labels(
        "you opted out (LinkedIn)",
        "Widerspruch (LinkedIn)",
        "opposition (LinkedIn)",
        "exclusión (LinkedIn)",
    ),
    question=Labels(
        "When did you switch off LinkedIn's 'Data for Generative AI Improvement' setting?",
        "Wann haben Sie die LinkedIn-Einstellung „Data for Generative AI Improvement“ "
        "ausgeschaltet?",
        "Quand avez-vous désactivé le réglage LinkedIn « Data for Generative AI Improvement » ?",
        "¿Cuándo desactivaste el ajuste de LinkedIn «Data for Generative AI Improvement»?",
    ),
    label="Data for Generative AI Improvement",
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


REVIEW = Labels(
    "Review your earliest exposed posts",
    "Prüfen Sie Ihre frühesten betroffenen Beiträge",
    "Relisez vos publications exposées les plus anciennes",
    "Revisa tus publicaciones expuestas más antiguas",
)
NARRATIVE = Narrative(
    heading=Labels(
        "Your LinkedIn data and AI training",
        "Ihre LinkedIn-Daten und KI-Training",
        "Vos données LinkedIn et l'entraînement de l'IA",
        "Tus datos de LinkedIn y el entrenamiento de IA",
    ),
    description=Labels(
        "Which LinkedIn posts, comments and messages LinkedIn's terms allow to be used for AI "
        "training",
        "Welche LinkedIn-Beiträge, -Kommentare und -Nachrichten die Bedingungen von LinkedIn für "
        "KI-Training freigeben",
        "Quels publications, commentaires et messages LinkedIn les conditions de LinkedIn "
        "permettent d'utiliser pour entraîner l'IA",
        "Qué publicaciones, comentarios y mensajes de LinkedIn permiten sus condiciones usar "
        "para entrenar IA",
    ),
    predates=Labels(
        "This export predates LinkedIn's AI-training terms.",
        "Dieser Export ist älter als die KI-Trainingsbedingungen von LinkedIn.",
        "Cet export est antérieur aux conditions de LinkedIn sur l'entraînement de l'IA.",
        "Esta exportación es anterior a las condiciones de LinkedIn sobre el entrenamiento de IA.",
    ),
    predates_detail=PREDATES_DETAIL,
    method=Labels(
        "auditor reads every file in your export, sorts your items into posts, articles, "
        "comments, reposts, poll votes, reactions, messages and conversations with LinkedIn's AI "
        "features, and compares each item's lifetime (from posting to deletion) with each "
        "rule's period, your region (for Canada and Hong Kong, your country), your opt-out date "
        "and whether the item was public. The strongest result wins: exposed, then withdrawn, "
        "then uncertain, then not exposed. Rules and their sources (quoted in their original "
        "language):",
        "auditor liest jede Datei Ihres Exports, ordnet Ihre Einträge in Beiträge, Artikel, "
        "Kommentare, Reposts, Umfrage-Stimmen, Reaktionen, Nachrichten und Unterhaltungen mit "
        "den KI-Funktionen von LinkedIn und vergleicht die Lebensdauer jedes Eintrags (vom "
        "Posten bis zum Löschen) mit dem Zeitraum jeder Regel, Ihrer Region (für Kanada und "
        "Hongkong: Ihrem Land), Ihrem Widerspruchsdatum und ob der Eintrag öffentlich war. Das "
        "stärkste Ergebnis gilt: betroffen, dann zurückgezogen, dann unklar, dann nicht "
        "betroffen. Regeln und ihre Quellen (in der Originalsprache zitiert):",
        "auditor lit chaque fichier de votre export, classe vos éléments en publications, "
        "articles, commentaires, republications, votes aux sondages, réactions, messages et "
        "conversations avec les fonctions d'IA de LinkedIn, et compare la durée de vie de chaque "
        "élément (de la publication à la suppression) avec la période de chaque règle, votre "
        "région (pour le Canada et Hong Kong, votre pays), la date de votre opposition et le "
        "caractère public de l'élément. Le résultat le plus fort l'emporte : exposé, puis "
        "retiré, puis incertain, puis non exposé. Règles et sources (citées dans leur langue "
        "d'origine) :",
        "auditor lee cada archivo de tu exportación, clasifica tus elementos en publicaciones, "
        "artículos, comentarios, republicaciones, votos en encuestas, reacciones, mensajes y "
        "conversaciones con las funciones de IA de LinkedIn, y compara la vida de cada elemento "
        "(de la publicación al borrado) con el periodo de cada regla, tu región (para Canadá y "
        "Hong Kong, tu país), la fecha de tu exclusión y si el elemento era público. Gana el "
        "resultado más fuerte: expuesto, luego retirado, luego incierto, luego no expuesto. "
        "Reglas y sus fuentes (citadas en su idioma original):",
    ),
    sources_note=Labels(
        "A press report can make an item uncertain or exposed, never not exposed: only policy "
        "text or LinkedIn's own help pages can. Reactions are counted as not exposed because no "
        "term names them, not because a source says they are safe.",
        "Ein Pressebericht kann einen Eintrag unklar oder betroffen machen, nie nicht betroffen: "
        "Das können nur Richtlinientexte oder die Hilfeseiten von LinkedIn. Reaktionen gelten "
        "als nicht betroffen, weil keine Bedingung sie nennt, nicht weil eine Quelle sie für "
        "sicher erklärt.",
        "Un article de presse peut rendre un élément incertain ou exposé, jamais non exposé : "
        "seuls le texte d'une politique ou les pages d'aide de LinkedIn le peuvent. Les "
        "réactions sont comptées non exposées parce qu'aucune condition ne les mentionne, non "
        "parce qu'une source les dit protégées.",
        "Una noticia de prensa puede hacer que un elemento sea incierto o expuesto, nunca no "
        "expuesto: solo el texto de una política o las páginas de ayuda de LinkedIn pueden. Las "
        "reacciones cuentan como no expuestas porque ningún término las menciona, no porque una "
        "fuente diga que están a salvo.",
    ),
    deleting=Labels(
        "Deleting a post, article or comment on LinkedIn ends its time in scope from that day. "
        "It does not undo training that already happened, nor recall data already shared with "
        "Microsoft or other LinkedIn affiliates.",
        "Das Löschen eines Beitrags, Artikels oder Kommentars auf LinkedIn beendet seine Zeit im "
        "Geltungsbereich ab diesem Tag. Es macht bereits erfolgtes Training nicht rückgängig und "
        "holt keine Daten zurück, die schon an Microsoft oder andere verbundene Unternehmen "
        "weitergegeben wurden.",
        "Supprimer une publication, un article ou un commentaire sur LinkedIn met fin à sa "
        "période couverte à partir de ce jour. Cela n'annule pas l'entraînement déjà effectué "
        "et ne récupère pas les données déjà partagées avec Microsoft ou d'autres sociétés "
        "affiliées de LinkedIn.",
        "Borrar una publicación, un artículo o un comentario en LinkedIn pone fin a su periodo "
        "cubierto desde ese día. No deshace el entrenamiento ya realizado ni recupera los datos "
        "ya compartidos con Microsoft u otras filiales de LinkedIn.",
    ),
    limits=(
        Labels(
            "The export does not record the 'Data for Generative AI Improvement' setting nor "
            "when you changed it, and does not say when a deleted item was deleted.",
            "Der Export enthält weder die Einstellung „Data for Generative AI Improvement“ noch "
            "wann Sie sie geändert haben, und nicht, wann ein gelöschter Eintrag gelöscht wurde.",
            "L'export n'indique ni le réglage « Data for Generative AI Improvement » ni quand "
            "vous l'avez modifié, ni quand un élément supprimé l'a été.",
            "La exportación no registra el ajuste «Data for Generative AI Improvement» ni cuándo "
            "lo cambiaste, ni cuándo se borró un elemento borrado.",
        ),
        Labels(
            "A Basic export holds your profile and messages only; posts, comments, reactions "
            "and articles are in the Complete export, so a Basic export counts none of them.",
            "Ein Basis-Export enthält nur Profil und Nachrichten; Beiträge, Kommentare, "
            "Reaktionen und Artikel stehen im vollständigen Export, ein Basis-Export zählt also "
            "keine davon.",
            "Un export de base ne contient que votre profil et vos messages ; publications, "
            "commentaires, réactions et articles sont dans l'export complet, un export de base "
            "n'en compte donc aucun.",
            "Una exportación básica solo contiene tu perfil y tus mensajes; publicaciones, "
            "comentarios, reacciones y artículos están en la exportación completa, así que una "
            "básica no cuenta ninguno.",
        ),
    ),
    region={
        "EU_EEA": Labels(
            "You are treated as living in the EU or EEA. LinkedIn's European notice kept your "
            "content out of its content-generating models until 3 November 2025 (before 27 "
            "February 2025 only on LinkedIn's word, so uncertain); since then they are trained "
            "on it unless you switched the setting off.",
            "Sie werden als in der EU oder im EWR lebend behandelt. Der europäische Hinweis von "
            "LinkedIn hielt Ihre Inhalte bis zum 3. November 2025 aus seinen inhaltegenerierenden "
            "Modellen heraus (vor dem 27. Februar 2025 nur laut Aussage von LinkedIn, daher "
            "unklar); seitdem werden sie damit trainiert, sofern Sie die Einstellung nicht "
            "ausgeschaltet haben.",
            "Vous êtes considéré comme résidant dans l'UE ou l'EEE. L'avis européen de LinkedIn a "
            "tenu vos contenus à l'écart de ses modèles générateurs de contenu jusqu'au 3 "
            "novembre 2025 (avant le 27 février 2025 seulement selon LinkedIn, donc incertain) ; "
            "depuis, ils servent à leur entraînement sauf si vous avez désactivé le réglage.",
            "Se te trata como residente en la UE o el EEE. El aviso europeo de LinkedIn mantuvo "
            "tu contenido fuera de sus modelos generadores de contenido hasta el 3 de noviembre "
            "de 2025 (antes del 27 de febrero de 2025 solo según LinkedIn, por tanto incierto); "
            "desde entonces se entrenan con él salvo que hayas desactivado el ajuste.",
        ),
        "UK": Labels(
            "You are treated as living in the UK. As in the EU, LinkedIn's content-generating "
            "models are trained on your content from 3 November 2025 unless you switched the "
            "setting off; in the UK only, LinkedIn also shares your posts, comments and "
            "articles with Microsoft for Microsoft's own AI training from that day, and the "
            "same setting stops it.",
            "Sie werden als im Vereinigten Königreich lebend behandelt. Wie in der EU werden die "
            "inhaltegenerierenden Modelle von LinkedIn ab dem 3. November 2025 mit Ihren Inhalten "
            "trainiert, sofern Sie die Einstellung nicht ausgeschaltet haben; nur im Vereinigten "
            "Königreich gibt LinkedIn ab diesem Tag zudem Ihre Beiträge, Kommentare und Artikel "
            "für das eigene KI-Training von Microsoft an Microsoft weiter, und dieselbe "
            "Einstellung beendet das.",
            "Vous êtes considéré comme résidant au Royaume-Uni. Comme dans l'UE, les modèles "
            "générateurs de contenu de LinkedIn sont entraînés sur vos contenus à partir du 3 "
            "novembre 2025 sauf si vous avez désactivé le réglage ; au Royaume-Uni seulement, "
            "LinkedIn partage aussi dès ce jour vos publications, commentaires et articles avec "
            "Microsoft pour son propre entraînement de l'IA, et le même réglage l'arrête.",
            "Se te trata como residente en el Reino Unido. Como en la UE, los modelos generadores "
            "de contenido de LinkedIn se entrenan con tu contenido desde el 3 de noviembre de "
            "2025 salvo que hayas desactivado el ajuste; solo en el Reino Unido, LinkedIn "
            "comparte además desde ese día tus publicaciones, comentarios y artículos con "
            "Microsoft para su propio entrenamiento de IA, y el mismo ajuste lo detiene.",
        ),
        "CH": Labels(
            "You are treated as living in Switzerland. As in the EU, LinkedIn kept your content "
            "out of its content-generating models until 3 November 2025; since then they are "
            "trained on it unless you switched the setting off.",
            "Sie werden als in der Schweiz lebend behandelt. Wie in der EU hielt LinkedIn Ihre "
            "Inhalte bis zum 3. November 2025 aus seinen inhaltegenerierenden Modellen heraus; "
            "seitdem werden sie damit trainiert, sofern Sie die Einstellung nicht ausgeschaltet "
            "haben.",
            "Vous êtes considéré comme résidant en Suisse. Comme dans l'UE, LinkedIn a tenu vos "
            "contenus à l'écart de ses modèles générateurs de contenu jusqu'au 3 novembre 2025 ; "
            "depuis, ils servent à leur entraînement sauf si vous avez désactivé le réglage.",
            "Se te trata como residente en Suiza. Como en la UE, LinkedIn mantuvo tu contenido "
            "fuera de sus modelos generadores de contenido hasta el 3 de noviembre de 2025; desde "
            "entonces se entrenan con él salvo que hayas desactivado el ajuste.",
        ),
        "ROW": Labels(
            "You are treated under LinkedIn's global privacy policy: your content is in scope "
            "for LinkedIn's AI training from 18 September 2024 unless you switched the setting "
            "off, and your public posts may be shared with Microsoft. In Canada and Hong Kong "
            "training began on 3 November 2025; before that only the press says members there "
            "were left out, so those items are uncertain.",
            "Für Sie gilt die globale Datenschutzrichtlinie von LinkedIn: Ihre Inhalte fallen ab "
            "dem 18. September 2024 unter das KI-Training von LinkedIn, sofern Sie die "
            "Einstellung nicht ausgeschaltet haben, und Ihre öffentlichen Beiträge dürfen an "
            "Microsoft weitergegeben werden. In Kanada und Hongkong begann das Training am 3. "
            "November 2025; dass Mitglieder dort vorher ausgenommen waren, sagt nur die Presse, "
            "daher sind diese Einträge unklar.",
            "La politique de confidentialité globale de LinkedIn s'applique à vous : vos contenus "
            "entrent dans l'entraînement de l'IA de LinkedIn à partir du 18 septembre 2024 sauf "
            "si vous avez désactivé le réglage, et vos publications publiques peuvent être "
            "partagées avec Microsoft. Au Canada et à Hong Kong, l'entraînement a commencé le 3 "
            "novembre 2025 ; que les membres y aient été exclus avant, seule la presse le dit, "
            "ces éléments sont donc incertains.",
            "Se te aplica la política de privacidad global de LinkedIn: tu contenido entra en el "
            "entrenamiento de IA de LinkedIn desde el 18 de septiembre de 2024 salvo que hayas "
            "desactivado el ajuste, y tus publicaciones públicas pueden compartirse con "
            "Microsoft. En Canadá y Hong Kong el entrenamiento empezó el 3 de noviembre de 2025; "
            "que antes sus miembros quedaran fuera solo lo dice la prensa, así que esos "
            "elementos son inciertos.",
        ),
    },
    actions=(
        Action(
            Labels(
                "Switch off Data for Generative AI Improvement",
                "„Data for Generative AI Improvement“ ausschalten",
                "Désactiver « Data for Generative AI Improvement »",
                "Desactivar «Data for Generative AI Improvement»",
            ),
            Labels(
                "%(menu)s: switch it off. Opting out is not retroactive: it stops training from "
                "that day on, and what was used before stays used. Tell auditor the day with "
                "--opt-out data-for-generative-ai-improvement=DATE.",
                "%(menu)s: ausschalten. Der Widerspruch wirkt nicht rückwirkend: Er beendet das "
                "Training ab diesem Tag, was vorher verwendet wurde, bleibt verwendet. Geben Sie "
                "auditor den Tag mit --opt-out data-for-generative-ai-improvement=DATUM an.",
                "%(menu)s : désactivez-le. L'opposition n'est pas rétroactive : elle arrête "
                "l'entraînement à partir de ce jour, ce qui a déjà servi reste utilisé. Indiquez "
                "le jour à auditor avec --opt-out data-for-generative-ai-improvement=DATE.",
                "%(menu)s: desactívalo. La exclusión no es retroactiva: detiene el entrenamiento "
                "desde ese día y lo que ya se usó sigue usado. Indica el día a auditor con "
                "--opt-out data-for-generative-ai-improvement=FECHA.",
            ),
        ),
        Action(
            Labels(
                "Sharing with Microsoft",
                "Weitergabe an Microsoft",
                "Partage avec Microsoft",
                "Datos compartidos con Microsoft",
            ),
            Labels(
                "In the UK the same setting also stops LinkedIn sharing your posts, comments and "
                "articles with Microsoft for its AI training, from the day you switch it off. "
                "Outside the EU, EEA and Switzerland your public posts may still be shared with "
                "Microsoft 'to develop its services'; no setting is named for that.",
                "Im Vereinigten Königreich beendet dieselbe Einstellung ab dem Tag des "
                "Ausschaltens auch die Weitergabe Ihrer Beiträge, Kommentare und Artikel an "
                "Microsoft für dessen KI-Training. Außerhalb von EU, EWR und Schweiz dürfen Ihre "
                "öffentlichen Beiträge weiterhin an Microsoft gehen, „um dessen Dienste zu "
                "entwickeln“; dafür wird keine Einstellung genannt.",
                "Au Royaume-Uni, le même réglage arrête aussi, à partir du jour où vous le "
                "désactivez, le partage de vos publications, commentaires et articles avec "
                "Microsoft pour son entraînement de l'IA. Hors de l'UE, de l'EEE et de la Suisse, "
                "vos publications publiques peuvent toujours être partagées avec Microsoft « pour "
                "développer ses services » ; aucun réglage n'est indiqué pour cela.",
                "En el Reino Unido, el mismo ajuste detiene también, desde el día en que lo "
                "desactivas, que LinkedIn comparta tus publicaciones, comentarios y artículos con "
                "Microsoft para su entrenamiento de IA. Fuera de la UE, el EEE y Suiza, tus "
                "publicaciones públicas aún pueden compartirse con Microsoft «para desarrollar "
                "sus servicios»; no se indica ningún ajuste para ello.",
            ),
        ),
        Action(
            Labels("Messages", "Nachrichten", "Messages", "Mensajes"),
            Labels(
                "LinkedIn says private messages are not used for training. In Europe the notice "
                "leaves one-to-one messages out but names 'group messages'; elsewhere the "
                "exclusion is known from the press only, so this report counts messages as "
                "uncertain, not as safe.",
                "LinkedIn sagt, private Nachrichten würden nicht für das Training verwendet. In "
                "Europa lässt der Hinweis Nachrichten unter vier Augen aus, nennt aber „group "
                "messages“; anderswo ist die Ausnahme nur aus der Presse bekannt, daher zählt "
                "dieser Bericht Nachrichten als unklar, nicht als sicher.",
                "LinkedIn dit que les messages privés ne servent pas à l'entraînement. En Europe, "
                "l'avis exclut les messages individuels mais cite les « group messages » ; "
                "ailleurs l'exclusion n'est connue que par la presse, ce rapport compte donc les "
                "messages comme incertains, non comme protégés.",
                "LinkedIn dice que los mensajes privados no se usan para entrenar. En Europa el "
                "aviso deja fuera los mensajes individuales pero menciona los «group messages»; "
                "en otros lugares la exclusión solo se conoce por la prensa, así que este informe "
                "cuenta los mensajes como inciertos, no como a salvo.",
            ),
        ),
        Action(
            REVIEW,
            Labels(
                "They are listed below, earliest exposure first, with their links. Deleting "
                "ends an item's time in scope; it does not undo earlier training.",
                "Sie stehen unten, früheste Betroffenheit zuerst, mit ihren Links. Löschen "
                "beendet die Zeit im Geltungsbereich; früheres Training bleibt.",
                "Elles sont listées ci-dessous, exposition la plus ancienne d'abord, avec leurs "
                "liens. Supprimer met fin à la période couverte ; l'entraînement antérieur "
                "demeure.",
                "Aparecen abajo, primero la exposición más antigua, con sus enlaces. Borrar pone "
                "fin al periodo cubierto; el entrenamiento anterior no se deshace.",
            ),
        ),
    ),
    short_actions=(
        Action(
            Labels(
                "Switch off the setting",
                "Einstellung ausschalten",
                "Désactiver le réglage",
                "Desactivar el ajuste",
            ),
            Labels(
                "%(menu)s. Not retroactive: it protects only what comes next.",
                "%(menu)s. Nicht rückwirkend: Es schützt nur, was danach kommt.",
                "%(menu)s. Non rétroactif : cela ne protège que la suite.",
                "%(menu)s. No es retroactivo: solo protege lo que venga después.",
            ),
        ),  # fmt: skip
        Action(
            Labels("Microsoft", "Microsoft", "Microsoft", "Microsoft"),
            Labels(
                "In the UK the same setting stops sharing with Microsoft for its AI training.",
                "Im Vereinigten Königreich beendet dieselbe Einstellung die Weitergabe an "
                "Microsoft für dessen KI-Training.",
                "Au Royaume-Uni, le même réglage arrête le partage avec Microsoft pour son "
                "entraînement de l'IA.",
                "En el Reino Unido, el mismo ajuste detiene el envío a Microsoft para su "
                "entrenamiento de IA.",
            ),
        ),
        Action(
            Labels("Review", "Prüfen", "Relire", "Revisar"),
            Labels(
                "Your earliest exposed posts are listed under %(section)s.",
                "Ihre frühesten betroffenen Beiträge stehen unter %(section)s.",
                "Vos publications exposées les plus anciennes sont listées sous %(section)s.",
                "Tus publicaciones expuestas más antiguas aparecen en %(section)s.",
            ),
        ),
    ),
    quotes={"menu": MENU_PATH},
    timeline_note=Labels(
        "Items count from the day the rule that decides them first applied; deleted items "
        "included. Dashed lines:",
        "Einträge zählen ab dem Tag, an dem die für sie entscheidende Regel erstmals galt; "
        "gelöschte Einträge eingeschlossen. Gestrichelte Linien:",
        "Les éléments comptent à partir du jour où la règle qui en décide s'est appliquée pour "
        "la première fois ; éléments supprimés compris. Lignes pointillées :",
        "Los elementos cuentan desde el día en que se aplicó por primera vez la regla que los "
        "decide; incluidos los elementos borrados. Líneas discontinuas:",
    ),
    suspect_dates=Labels(
        "Items dated before LinkedIn existed (5 May 2003) have a wrong date; they are counted "
        "but not placed in time (%(count)s): %(dates)s.",
        "Einträge mit einem Datum vor dem Start von LinkedIn (5. Mai 2003) sind falsch datiert; "
        "sie werden gezählt, aber nicht zeitlich eingeordnet (%(count)s): %(dates)s.",
        "Les éléments datés d'avant l'existence de LinkedIn (5 mai 2003) ont une date erronée ; "
        "ils sont comptés mais pas placés dans le temps (%(count)s) : %(dates)s.",
        "Los elementos con fecha anterior a la existencia de LinkedIn (5 de mayo de 2003) tienen "
        "una fecha errónea; se cuentan pero no se sitúan en el tiempo (%(count)s): %(dates)s.",
    ),
    setting_unknown=Labels(
        "Whether you switched off %(setting)s is not known: LinkedIn's default (on) was assumed.",
        "Ob Sie %(setting)s ausgeschaltet haben, ist nicht bekannt: Die Voreinstellung von "
        "LinkedIn (eingeschaltet) wurde angenommen.",
        "On ne sait pas si vous avez désactivé %(setting)s : le défaut de LinkedIn (activé) a "
        "été supposé.",
        "No se sabe si desactivaste %(setting)s: se supuso el valor por defecto de LinkedIn "
        "(activado).",
    ),
)

VOCABULARY = Vocabulary(
    platform="linkedin",
    title=Labels("LinkedIn", "LinkedIn", "LinkedIn", "LinkedIn"),
    categories=CATEGORIES,
    purposes=PURPOSES,
    settings=(SETTING,),
    statements=(NOT_IN_EXPORT, AUDIENCE),
    rules_translated=True,
    narrative=NARRATIVE,
    # Opting out is not retroactive: what switching off today, or on the first day it could
    # be switched off, would have changed.
    scenarios=("opt_out_today", "opt_out_when_offered"),
    reads="zip of CSV files (Basic or Complete)",
    earliest=date(2003, 5, 5),  # LinkedIn opened on 5 May 2003
)
CATEGORY_IDS = VOCABULARY.category_ids

# Countries the rules treat apart from the rest of the world although the rule engine's blocs
# (EU_EEA, UK, CH, ROW) put them in ROW: LinkedIn excluded them from training until
# 2025-11-03 (press: TECHGOLLY-2025, The Register 2025-10-27). The rule files name them in
# `countries` / `except_countries` (rules/linkedin-2025-11-03-canada-hong-kong.toml); a test
# checks the two agree.
LATE_COUNTRIES = {"CA": date(2025, 11, 3), "HK": date(2025, 11, 3)}
