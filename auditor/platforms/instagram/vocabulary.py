"""Instagram's (and Threads') words: item categories, the purpose, the objection setting."""

from __future__ import annotations

from .. import Vocabulary
from ..meta.vocabulary import (
    ADULTS_ONLY,
    AI_CHAT,
    COMMENT,
    FORWARD_ONLY,
    MESSAGE,
    OBJECTION,
    OUTSIDE_EUROPE,
    PURPOSE,
    category,
    labels,
    narrative,
)

CATEGORIES = (
    category("post", labels("Posts", "Beiträge", "Publications", "Publicaciones"), True, False),
    category("reel", labels("Reels", "Reels", "Reels", "Reels"), True, False),
    category("story", labels("Stories", "Storys", "Stories", "Historias"), True, False),
    COMMENT,
    category(
        "like",
        labels("Likes", "Gefällt-mir-Angaben", "J'aime", "Me gusta"),
        authored=False,
        private=False,
    ),
    category(
        "thread_post",
        labels(
            "Threads posts", "Threads-Beiträge", "Publications Threads", "Publicaciones de Threads"
        ),
        authored=True,
        private=False,
    ),
    category(
        "thread_reply",
        labels("Threads replies", "Threads-Antworten", "Réponses Threads", "Respuestas de Threads"),
        authored=True,
        private=False,
    ),
    category(
        "thread_like",
        labels("Threads likes", "Threads-Likes", "J'aime sur Threads", "Me gusta en Threads"),
        authored=False,
        private=False,
    ),
    MESSAGE,
    AI_CHAT,
)

PRIVATE_ACCOUNT = labels(
    "Instagram posts of a private account are not public: the report counts them as exposed "
    "only for the times the account was public.",
    "Beiträge eines privaten Instagram-Kontos sind nicht öffentlich: Der Bericht zählt sie nur "
    "für die Zeiten, in denen das Konto öffentlich war.",
    "Les publications d'un compte Instagram privé ne sont pas publiques : le rapport ne les "
    "compte que pour les périodes où le compte était public.",
    "Las publicaciones de una cuenta privada de Instagram no son públicas: el informe solo las "
    "cuenta en los periodos en que la cuenta fue pública.",
)
PRIVATE_PERIODS = labels(
    "The periods the Instagram account was private apply to all its public kinds of item, "
    "Threads posts and comments on others' posts included; the export does not keep Threads' "
    "own privacy history.",
    "Die Zeiträume, in denen das Instagram-Konto privat war, gelten für alle öffentlichen "
    "Eintragsarten, auch für Threads-Beiträge und Kommentare unter fremden Beiträgen; der "
    "Export enthält keinen eigenen Privatsphäre-Verlauf für Threads.",
    "Les périodes où le compte Instagram était privé valent pour tous les types d'éléments "
    "publics, publications Threads et commentaires sous les publications d'autrui compris ; "
    "l'export ne garde pas l'historique de confidentialité propre à Threads.",
    "Los periodos en que la cuenta de Instagram fue privada se aplican a todos los tipos de "
    "elementos públicos, incluidas las publicaciones de Threads y los comentarios en "
    "publicaciones ajenas; la exportación no guarda el historial de privacidad propio de "
    "Threads.",
)
THREADS_AS_INSTAGRAM = labels(
    "Threads is covered by the same Meta Privacy Policy as Instagram and is treated like it.",
    "Threads fällt unter dieselbe Meta-Datenschutzrichtlinie wie Instagram und wird wie "
    "Instagram behandelt.",
    "Threads relève de la même Politique de confidentialité de Meta qu'Instagram et est traité "
    "de la même façon.",
    "Threads está cubierto por la misma Política de privacidad de Meta que Instagram y se trata "
    "igual.",
)

VOCABULARY = Vocabulary(
    platform="instagram",
    title=labels(
        "Instagram and Threads",
        "Instagram und Threads",
        "Instagram et Threads",
        "Instagram y Threads",
    ),  # fmt: skip
    categories=CATEGORIES,
    purposes=(PURPOSE,),
    settings=(OBJECTION,),
    statements=(
        ADULTS_ONLY,
        FORWARD_ONLY,
        OUTSIDE_EUROPE,
        PRIVATE_ACCOUNT,
        PRIVATE_PERIODS,
        THREADS_AS_INSTAGRAM,
    ),
    narrative=narrative(
        labels(
            "Your Instagram and Threads content and Meta's AI training",
            "Ihre Instagram- und Threads-Inhalte und Metas KI-Training",
            "Vos contenus Instagram et Threads et l'entraînement de l'IA de Meta",
            "Tu contenido de Instagram y Threads y el entrenamiento de IA de Meta",
        ),
        labels(
            "Which Instagram and Threads items Meta may use to train its AI",
            "Welche Instagram- und Threads-Einträge Meta für KI-Training verwenden darf",
            "Quels éléments Instagram et Threads Meta peut utiliser pour entraîner son IA",
            "Qué elementos de Instagram y Threads puede usar Meta para entrenar su IA",
        ),
        (PRIVATE_PERIODS,),
    ),
    rules_translated=True,
)
CATEGORY_IDS = VOCABULARY.category_ids
