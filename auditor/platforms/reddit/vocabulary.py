"""Reddit's words: item categories, purposes, (no) settings, links, narrative sentences."""

from __future__ import annotations

from .. import Category, Labels, Purpose, Vocabulary

WEB = "https://www.reddit.com"

CATEGORIES = (
    Category(
        "post",
        Labels("Posts", "Beiträge", "Publications", "Publicaciones"),
        WEB + "/comments/{id}/",
        authored=True,
        private=False,
    ),
    Category(
        "comment",
        Labels("Comments", "Kommentare", "Commentaires", "Comentarios"),
        None,  # needs the post's id too: the reader takes the export's permalink
        authored=True,
        private=False,
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
    ),  # fmt: skip
    Purpose(
        "third_party_training",
        Labels(
            "AI training by Reddit's licensees (Google, OpenAI, ...)",
            "KI-Training durch Lizenznehmer von Reddit (Google, OpenAI, ...)",
            "Entraînement de l'IA par les licenciés de Reddit (Google, OpenAI, ...)",
            "Entrenamiento de IA por los licenciatarios de Reddit (Google, OpenAI, ...)",
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

VOCABULARY = Vocabulary(
    platform="reddit",
    title=Labels("Reddit", "Reddit", "Reddit", "Reddit"),
    categories=CATEGORIES,
    purposes=PURPOSES,
    settings=(),  # Reddit offers no AI-training setting (x-ai-terms.md §8.1)
    statements=(NO_SETTING, NO_VISIBILITY),
)
CATEGORY_IDS = VOCABULARY.category_ids
