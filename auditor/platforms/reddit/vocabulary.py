"""Reddit's words: item categories, purposes, (no) settings, links, narrative sentences."""

from __future__ import annotations

from datetime import date

from .. import PREDATES_DETAIL, Action, Audience, Category, Labels, Narrative, Purpose, Vocabulary

WEB = "https://www.reddit.com"

CATEGORIES = (
    Category(
        "post",
        Labels("Posts", "Beiträge", "Publications", "Publicaciones"),
        WEB + "/comments/{id}/",
        authored=True,
        private=False,
        singular=Labels("post", "Beitrag", "publication", "publicación"),
    ),
    Category(
        "comment",
        Labels("Comments", "Kommentare", "Commentaires", "Comentarios"),
        None,  # needs the post's id too: the reader takes the export's permalink
        authored=True,
        private=False,
        singular=Labels("comment", "Kommentar", "commentaire", "comentario"),
        reply=True,  # a comment answers a post or another comment
    ),
    Category(
        "post_vote",
        Labels(
            "Votes on posts",
            "Stimmen für Beiträge",
            "Votes sur des publications",
            "Votos en publicaciones",
        ),
        WEB + "/comments/{id}/",
        authored=False,
        private=True,
        dated=False,  # the export gives no time for a vote
    ),  # fmt: skip
    Category(
        "comment_vote",
        Labels(
            "Votes on comments",
            "Stimmen für Kommentare",
            "Votes sur des commentaires",
            "Votos en comentarios",
        ),
        None,  # the export links the comment; a bare comment id has no address
        authored=False,
        private=True,
        dated=False,
    ),  # fmt: skip
    Category(
        "saved",
        Labels(
            "Saved posts and comments",
            "Gespeicherte Beiträge und Kommentare",
            "Publications et commentaires enregistrés",
            "Publicaciones y comentarios guardados",
        ),
        None,
        authored=False,
        private=True,
        dated=False,
    ),  # fmt: skip
    Category(
        "message",
        Labels("Private messages", "Private Nachrichten", "Messages privés", "Mensajes privados"),
        WEB + "/message/messages/{id}",
        authored=True,
        private=True,
    ),
    Category(
        "chat_message",
        Labels("Chat messages", "Chat-Nachrichten", "Messages de chat", "Mensajes de chat"),
        None,
        authored=True,
        private=True,
    ),
    Category(
        "draft",
        Labels(
            "Drafts (never published)",
            "Entwürfe (nie veröffentlicht)",
            "Brouillons (jamais publiés)",
            "Borradores (nunca publicados)",
        ),
        None,
        authored=True,
        private=True,
    ),  # fmt: skip
)

PURPOSES = (
    Purpose(
        "reddit_training",
        Labels(
            "Reddit's own AI training",
            "KI-Training durch Reddit selbst",
            "Entraînement de l'IA par Reddit",
            "Entrenamiento de IA por Reddit",
        ),
        Labels(
            "Reddit may use it to train its own AI and machine-learning models.",
            "Reddit darf es zum Training eigener KI- und Machine-Learning-Modelle nutzen.",
            "Reddit peut l'utiliser pour entraîner ses propres modèles d'IA et d'apprentissage "
            "automatique.",
            "Reddit puede usarlo para entrenar sus propios modelos de IA y de aprendizaje "
            "automático.",
        ),
    ),  # fmt: skip
    Purpose(
        "third_party_training",
        Labels(
            "AI training by Reddit's licensees (Google, OpenAI, ...)",
            "KI-Training durch Lizenznehmer von Reddit (Google, OpenAI, ...)",
            "Entraînement de l'IA par les licenciés de Reddit (Google, OpenAI, ...)",
            "Entrenamiento de IA por los licenciatarios de Reddit (Google, OpenAI, ...)",
        ),
        Labels(
            "Reddit licenses public content to companies such as Google and OpenAI, who may "
            "train their own AI models on it.",
            "Reddit lizenziert öffentliche Inhalte an Unternehmen wie Google und OpenAI, die "
            "damit eigene KI-Modelle trainieren dürfen.",
            "Reddit concède les contenus publics à des entreprises comme Google et OpenAI, qui "
            "peuvent entraîner leurs propres modèles d'IA avec.",
            "Reddit licencia el contenido público a empresas como Google y OpenAI, que pueden "
            "entrenar con él sus propios modelos de IA.",
        ),
    ),  # fmt: skip
)

NO_SETTING = Labels(
    "Reddit has no setting to keep your content out of AI training. The only lever is deleting "
    "it: Reddit says its licensees should respect deletions.",
    "Reddit bietet keine Einstellung, mit der Sie Ihre Inhalte vom KI-Training ausschließen "
    "können. Das einzige Mittel ist Löschen: Laut Reddit sollen Lizenznehmer Löschungen "
    "respektieren.",
    "Reddit ne propose aucun réglage pour exclure vos contenus de l'entraînement de l'IA. Le seul "
    "moyen est de les supprimer : selon Reddit, ses licenciés doivent respecter les suppressions.",
    "Reddit no ofrece ningún ajuste para excluir tu contenido del entrenamiento de IA. La única "
    "vía es borrarlo: según Reddit, sus licenciatarios deben respetar los borrados.",
)
NO_VISIBILITY = Labels(
    "The export does not say whether a subreddit was public or private, so each post and comment "
    "is treated as possibly public.",
    "Der Export sagt nicht, ob ein Subreddit öffentlich oder privat war; jeder Beitrag und "
    "Kommentar gilt daher als möglicherweise öffentlich.",
    "L'export n'indique pas si un subreddit était public ou privé : chaque publication et "
    "commentaire est donc considéré comme possiblement public.",
    "La exportación no indica si un subreddit era público o privado, así que cada publicación y "
    "comentario se trata como posiblemente público.",
)

SAME_EVERYWHERE = Labels(
    "Reddit's terms and licensing deals apply the same way in every region, so your region "
    "does not change the answer.",
    "Die Bedingungen und Lizenzverträge von Reddit gelten in jeder Region gleich; Ihre Region "
    "ändert die Antwort daher nicht.",
    "Les conditions et accords de licence de Reddit s'appliquent de la même façon dans toutes "
    "les régions ; votre région ne change donc pas la réponse.",
    "Las condiciones y acuerdos de licencia de Reddit se aplican igual en todas las regiones, "
    "así que tu región no cambia la respuesta.",
)
DELETE = Labels(
    "Delete posts and comments you do not want used, in your profile on reddit.com. Reddit "
    "says its licensees should respect deletions: deleting ends an item's time in scope from "
    "that day. It does not undo training that already happened, recall copies already "
    "licensed, or remove copies kept elsewhere (archives, search engines). Deleting your "
    "account does not delete your posts and comments: delete them first.",
    "Löschen Sie Beiträge und Kommentare, die nicht verwendet werden sollen, in Ihrem Profil auf "
    "reddit.com. Laut Reddit sollen Lizenznehmer Löschungen respektieren: Löschen beendet die "
    "Zeit im Geltungsbereich ab diesem Tag. Es macht bereits erfolgtes Training nicht "
    "rückgängig, holt bereits lizenzierte Kopien nicht zurück und entfernt keine anderswo "
    "gespeicherten Kopien (Archive, Suchmaschinen). Das Löschen des Kontos löscht Ihre Beiträge "
    "und Kommentare nicht: Löschen Sie diese zuerst.",
    "Supprimez les publications et commentaires que vous ne voulez pas voir utilisés, dans "
    "votre profil sur reddit.com. Selon Reddit, ses licenciés doivent respecter les "
    "suppressions : supprimer met fin à la période couverte à partir de ce jour. Cela n'annule "
    "pas un entraînement déjà fait, ne rappelle pas les copies déjà concédées et ne supprime "
    "pas les copies conservées ailleurs (archives, moteurs de recherche). Supprimer votre "
    "compte ne supprime pas vos publications et commentaires : supprimez-les d'abord.",
    "Borra las publicaciones y comentarios que no quieras que se usen, en tu perfil de "
    "reddit.com. Según Reddit, sus licenciatarios deben respetar los borrados: borrar pone fin "
    "al periodo cubierto desde ese día. No deshace el entrenamiento ya realizado, no recupera "
    "copias ya licenciadas ni elimina copias guardadas en otros sitios (archivos, buscadores). "
    "Borrar tu cuenta no borra tus publicaciones y comentarios: bórralos antes.",
)
NARRATIVE = Narrative(
    heading=Labels(
        "Your Reddit posts and AI training",
        "Ihre Reddit-Beiträge und KI-Training",
        "Vos publications Reddit et l'entraînement de l'IA",
        "Tus publicaciones de Reddit y el entrenamiento de IA",
    ),
    description=Labels(
        "Which Reddit posts and comments may be used for AI training",
        "Welche Reddit-Beiträge und -Kommentare für KI-Training verwendet werden dürfen",
        "Quelles publications et quels commentaires Reddit peuvent servir à entraîner l'IA",
        "Qué publicaciones y comentarios de Reddit pueden usarse para entrenar IA",
    ),
    predates=Labels(
        "This export predates Reddit's AI-training terms.",
        "Dieser Export ist älter als die KI-Trainingsbedingungen von Reddit.",
        "Cet export est antérieur aux conditions de Reddit sur l'entraînement de l'IA.",
        "Esta exportación es anterior a las condiciones de Reddit sobre el entrenamiento de IA.",
    ),
    predates_detail=PREDATES_DETAIL,
    method=Labels(
        "auditor reads every file in your export, sorts your items into posts, comments, votes, "
        "saved items, messages, chat and drafts, and compares each item's lifetime (from "
        "posting to deletion) with each rule's period, your region and whether the item was "
        "public. The strongest result wins: exposed, then withdrawn, then uncertain, then not "
        "exposed. Rules and their sources (quoted in their original language):",
        "auditor liest jede Datei Ihres Exports, ordnet Ihre Einträge in Beiträge, Kommentare, "
        "Stimmen, gespeicherte Einträge, Nachrichten, Chat und Entwürfe und vergleicht die "
        "Lebensdauer jedes Eintrags (vom Posten bis zum Löschen) mit dem Zeitraum jeder Regel, "
        "Ihrer Region und ob der Eintrag öffentlich war. Das stärkste Ergebnis gilt: betroffen, "
        "dann zurückgezogen, dann unklar, dann nicht betroffen. Regeln und ihre Quellen (in "
        "der Originalsprache zitiert):",
        "auditor lit chaque fichier de votre export, classe vos éléments en publications, "
        "commentaires, votes, éléments enregistrés, messages, chat et brouillons, et compare "
        "la durée de vie de chaque élément (de la publication à la suppression) avec la période "
        "de chaque règle, votre région et le caractère public de l'élément. Le résultat le plus "
        "fort l'emporte : exposé, puis retiré, puis incertain, puis non exposé. Règles et "
        "sources (citées dans leur langue d'origine) :",
        "auditor lee cada archivo de tu exportación, clasifica tus elementos en publicaciones, "
        "comentarios, votos, elementos guardados, mensajes, chat y borradores, y compara la vida "
        "de cada elemento (de la publicación al borrado) con el periodo de cada regla, tu región "
        "y si el elemento era público. Gana el resultado más fuerte: expuesto, luego retirado, "
        "luego incierto, luego no expuesto. Reglas y sus fuentes (citadas en su idioma "
        "original):",
    ),
    sources_note=Labels(
        "A press report can make an item uncertain or exposed, never not exposed: only policy "
        "text or Reddit's own help pages can. Votes, saved items and drafts are counted as not "
        "exposed because no term names them, not because a source says they are safe.",
        "Ein Pressebericht kann einen Eintrag unklar oder betroffen machen, nie nicht betroffen: "
        "Das können nur Richtlinientexte oder Reddits eigene Hilfeseiten. Stimmen, gespeicherte "
        "Einträge und Entwürfe gelten als nicht betroffen, weil keine Bedingung sie nennt, nicht "
        "weil eine Quelle sie für sicher erklärt.",
        "Un article de presse peut rendre un élément incertain ou exposé, jamais non exposé : "
        "seuls le texte d'une politique ou les pages d'aide de Reddit le peuvent. Les votes, "
        "éléments enregistrés et brouillons sont comptés non exposés parce qu'aucune condition "
        "ne les mentionne, non parce qu'une source les dit protégés.",
        "Una noticia de prensa puede hacer que un elemento sea incierto o expuesto, nunca no "
        "expuesto: solo el texto de una política o las páginas de ayuda de Reddit pueden. Los "
        "votos, elementos guardados y borradores cuentan como no expuestos porque ningún "
        "término los menciona, no porque una fuente diga que están a salvo.",
    ),
    deleting=DELETE,
    limits=(
        Labels(
            "The export does not say whether a subreddit was public or private, nor when a "
            "deleted or removed post or comment was deleted.",
            "Der Export sagt nicht, ob ein Subreddit öffentlich oder privat war, und nicht, wann "
            "ein gelöschter oder entfernter Beitrag oder Kommentar gelöscht wurde.",
            "L'export ne dit pas si un subreddit était public ou privé, ni quand une publication "
            "ou un commentaire supprimé ou retiré l'a été.",
            "La exportación no dice si un subreddit era público o privado, ni cuándo se borró "
            "una publicación o un comentario borrado o retirado.",
        ),
        Labels(
            "Votes and saved items carry no date.",
            "Stimmen und gespeicherte Einträge haben kein Datum.",
            "Les votes et les éléments enregistrés ne sont pas datés.",
            "Los votos y los elementos guardados no tienen fecha.",
        ),
    ),
    region={bloc: SAME_EVERYWHERE for bloc in ("EU_EEA", "UK", "CH", "ROW")},
    actions=(
        Action(
            Labels(
                "There is no setting to opt out",
                "Es gibt keine Einstellung zum Widerspruch",
                "Aucun réglage ne permet de s'y opposer",
                "No hay ningún ajuste para excluirse",
            ),
            NO_SETTING,
        ),
        Action(
            Labels(
                "Delete what you do not want used",
                "Löschen, was nicht verwendet werden soll",
                "Supprimer ce que vous ne voulez pas voir utilisé",
                "Borrar lo que no quieras que se use",
            ),
            Labels(
                "Posts and comments can be deleted one by one in your profile on reddit.com; "
                "deleting your account does not delete them, so delete them first. What "
                "deleting does and does not undo is said below.",
                "Beiträge und Kommentare lassen sich einzeln in Ihrem Profil auf reddit.com "
                "löschen; das Löschen des Kontos löscht sie nicht, löschen Sie sie also zuerst. "
                "Was Löschen bewirkt und was nicht, steht unten.",
                "Les publications et commentaires se suppriment un par un dans votre profil sur "
                "reddit.com ; supprimer votre compte ne les supprime pas, supprimez-les donc "
                "d'abord. Ce que la suppression annule ou non est dit ci-dessous.",
                "Las publicaciones y comentarios se borran uno a uno en tu perfil de "
                "reddit.com; borrar tu cuenta no los borra, así que bórralos antes. Lo que "
                "borrar deshace y lo que no se explica abajo.",
            ),
        ),
        Action(
            Labels(
                "Review your earliest exposed posts and comments",
                "Prüfen Sie Ihre frühesten betroffenen Beiträge und Kommentare",
                "Relisez vos publications et commentaires exposés les plus anciens",
                "Revisa tus publicaciones y comentarios expuestos más antiguos",
            ),
            Labels(
                "They are listed below, earliest exposure first, with their links.",
                "Sie stehen unten, früheste Betroffenheit zuerst, mit ihren Links.",
                "Ils sont listés ci-dessous, exposition la plus ancienne d'abord, avec leurs "
                "liens.",
                "Aparecen abajo, primero la exposición más antigua, con sus enlaces.",
            ),
        ),
    ),
    short_actions=(
        Action(
            Labels(
                "No opt-out",
                "Kein Widerspruch möglich",
                "Pas d'opposition possible",
                "Sin exclusión posible",
            ),  # fmt: skip
            Labels(
                "Reddit offers no setting that keeps your content out of AI training.",
                "Reddit bietet keine Einstellung, die Ihre Inhalte vom KI-Training ausschließt.",
                "Reddit ne propose aucun réglage qui exclut vos contenus de l'entraînement de "
                "l'IA.",
                "Reddit no ofrece ningún ajuste que excluya tu contenido del entrenamiento de IA.",
            ),
        ),
        Action(
            Labels("Delete", "Löschen", "Supprimer", "Borrar"),
            Labels(
                "Deleting ends an item's time in scope; it does not undo earlier use.",
                "Löschen beendet die Zeit im Geltungsbereich; frühere Nutzung bleibt.",
                "Supprimer met fin à la période couverte ; l'usage antérieur demeure.",
                "Borrar pone fin al periodo cubierto; el uso anterior no se deshace.",
            ),
        ),
        Action(
            Labels("Review", "Prüfen", "Relire", "Revisar"),
            Labels(
                'Your earliest exposed posts and comments are listed under "What you can do".',
                "Ihre frühesten betroffenen Beiträge und Kommentare stehen unter „Was Sie tun "
                "können“.",
                "Vos publications et commentaires exposés les plus anciens sont listés sous « Ce "
                "que vous pouvez faire ».",
                "Tus publicaciones y comentarios expuestos más antiguos aparecen en «Qué puedes "
                "hacer».",
            ),
        ),
    ),
    timeline_note=Labels(
        "Items count from the day the rule that decides them first applied; deleted posts and "
        "comments included. Dashed lines:",
        "Einträge zählen ab dem Tag, an dem die für sie entscheidende Regel erstmals galt; "
        "gelöschte Beiträge und Kommentare eingeschlossen. Gestrichelte Linien:",
        "Les éléments comptent à partir du jour où la règle qui en décide s'est appliquée pour "
        "la première fois ; publications et commentaires supprimés compris. Lignes pointillées :",
        "Los elementos cuentan desde el día en que se aplicó por primera vez la regla que los "
        "decide; incluidas las publicaciones y comentarios borrados. Líneas discontinuas:",
    ),
    suspect_dates=Labels(
        "Posts and comments dated before Reddit existed (23 June 2005) have a wrong date; they "
        "are counted but not placed in time (%(count)s): %(dates)s.",
        "Beiträge und Kommentare mit einem Datum vor der Gründung von Reddit (23. Juni 2005) "
        "sind falsch datiert; sie werden gezählt, aber nicht zeitlich eingeordnet (%(count)s): "
        "%(dates)s.",
        "Les publications et commentaires datés d'avant l'existence de Reddit (23 juin 2005) "
        "ont une date erronée ; ils sont comptés mais pas placés dans le temps (%(count)s) : "
        "%(dates)s.",
        "Las publicaciones y comentarios con fecha anterior a la existencia de Reddit (23 de "
        "junio de 2005) tienen una fecha errónea; se cuentan pero no se sitúan en el tiempo "
        "(%(count)s): %(dates)s.",
    ),
    no_scenarios=Labels(
        "Reddit offers no setting that would change these numbers, so there is no what-if "
        "table. The only lever is deleting: it ends an item's time in scope from the day you "
        "delete it and does not undo use that already happened.",
        "Reddit bietet keine Einstellung, die diese Zahlen ändern würde; daher gibt es keine "
        "Was-wäre-wenn-Tabelle. Das einzige Mittel ist Löschen: Es beendet die Zeit im "
        "Geltungsbereich ab dem Tag des Löschens und macht bereits erfolgte Nutzung nicht "
        "rückgängig.",
        "Reddit ne propose aucun réglage qui changerait ces chiffres ; il n'y a donc pas de "
        "tableau « et si ». Le seul moyen est la suppression : elle met fin à la période "
        "couverte à partir du jour de la suppression et n'annule pas l'usage déjà fait.",
        "Reddit no ofrece ningún ajuste que cambie estas cifras, así que no hay tabla de "
        "hipótesis. La única vía es borrar: pone fin al periodo cubierto desde el día del "
        "borrado y no deshace el uso que ya se produjo.",
    ),
)

VOCABULARY = Vocabulary(
    platform="reddit",
    title=Labels("Reddit", "Reddit", "Reddit", "Reddit"),
    categories=CATEGORIES,
    purposes=PURPOSES,
    settings=(),  # Reddit offers no AI-training setting (x-ai-terms.md §8.1)
    statements=(NO_SETTING, NO_VISIBILITY),
    narrative=NARRATIVE,
    earliest=date(2005, 6, 23),
    rules_translated=True,
    # The export has no subreddit type: `[reddit] private_subreddits = ["name", ...]`.
    audience=Audience(
        "private_subreddits", r"reddit\.com/r/([^/]+)/"
    ),  # Reddit opened on 23 June 2005
    reads="Reddit data request export (reddit.com/settings/data-request): zip of CSV files",
)
CATEGORY_IDS = VOCABULARY.category_ids
