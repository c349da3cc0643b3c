"""Facebook's words: item categories, the purpose, the objection setting."""

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
    COMMENT,
    category(
        "reaction",
        labels(
            "Likes and reactions",
            "Gefällt mir und Reaktionen",
            "J'aime et réactions",
            "Me gusta y reacciones",
        ),  # fmt: skip
        authored=False,
        private=False,
    ),
    MESSAGE,
    AI_CHAT,
)

NO_AUDIENCE = labels(
    "Facebook's export does not say who could see each post (public, friends, only me), so "
    "each post and comment is treated as possibly public unless you declare your audience.",
    "Der Facebook-Export sagt nicht, wer einen Beitrag sehen konnte (öffentlich, Freunde, nur "
    "ich); jeder Beitrag und Kommentar gilt daher als möglicherweise öffentlich, sofern Sie "
    "Ihr Publikum nicht angeben.",
    "L'export Facebook n'indique pas qui pouvait voir chaque publication (public, amis, moi "
    "uniquement) : chaque publication et commentaire est considéré comme possiblement public, "
    "sauf si vous déclarez votre audience.",
    "La exportación de Facebook no indica quién podía ver cada publicación (público, amigos, "
    "solo yo), así que cada publicación y comentario se trata como posiblemente público salvo "
    "que declares tu público.",
)

VOCABULARY = Vocabulary(
    platform="facebook",
    title=labels("Facebook", "Facebook", "Facebook", "Facebook"),
    categories=CATEGORIES,
    purposes=(PURPOSE,),
    settings=(OBJECTION,),
    statements=(ADULTS_ONLY, FORWARD_ONLY, OUTSIDE_EUROPE, NO_AUDIENCE),
    narrative=narrative(
        labels(
            "Your Facebook content and Meta's AI training",
            "Ihre Facebook-Inhalte und Metas KI-Training",
            "Vos contenus Facebook et l'entraînement de l'IA de Meta",
            "Tu contenido de Facebook y el entrenamiento de IA de Meta",
        ),
        labels(
            "Which Facebook items Meta may use to train its AI",
            "Welche Facebook-Einträge Meta für KI-Training verwenden darf",
            "Quels éléments Facebook Meta peut utiliser pour entraîner son IA",
            "Qué elementos de Facebook puede usar Meta para entrenar su IA",
        ),
        (NO_AUDIENCE,),
    ),
    rules_translated=True,
)
CATEGORY_IDS = VOCABULARY.category_ids
