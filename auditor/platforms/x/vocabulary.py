"""X's words: item categories, purposes, the two opt-out settings, links and the sentences the
report prints about X. English message ids marked N_ are translated through the catalogs."""

from __future__ import annotations

import tomllib
from datetime import date
from functools import cache
from importlib.resources import files

from ...dataset import N_
from .. import Action, Category, Labels, Narrative, Purpose, Setting, Vocabulary

POST_URL = "https://x.com/{username}/status/{id}"


def _category(id_: str, label: str, singular: str | None, private: bool, **more) -> Category:
    url = POST_URL if not private else None
    return Category(id_, label, url, authored=True, private=private, singular=singular, **more)


CATEGORIES = (
    _category("original", N_("Original posts"), N_("original post"), False),
    _category("reply", N_("Replies"), N_("reply"), False, reply=True),
    # A repost's text is someone else's: not authored (the detectors skip it).
    Category(
        "repost", N_("Reposts"), POST_URL, authored=False, private=False, singular=N_("repost")
    ),  # fmt: skip
    _category("quote", N_("Quote posts"), N_("quote post"), False),
    # A like is someone else's post: no username known, X's id-only address.
    Category(
        "like",
        N_("Likes"),
        "https://x.com/i/web/status/{id}",
        authored=False,
        private=True,
        dated=False,
    ),  # fmt: skip
    _category("dm", N_("Direct messages"), None, True),
    _category("grok_chat", N_("Grok conversation turns"), None, True),
)
DELETED = Category(
    "deleted", N_("Recently deleted posts"), POST_URL, authored=True, private=False,
    singular=N_("deleted post"),
)  # fmt: skip

PURPOSES = (
    Purpose(
        "x_training",
        N_("X and xAI (Grok) training"),
        N_("X and its affiliate xAI may use it to train AI models such as Grok."),
    ),
    Purpose(
        "third_party_training",
        N_("Third-party AI training"),
        N_(
            "X may share it with 'third-party collaborators' who may train "
            "their own AI models on it."
        ),
    ),
)

GROK = (
    'Did you ever untick "Allow your public data ... to be used for training and '
    'fine-tuning"? It is in Settings and privacy > Privacy and safety > Data sharing and '
    'personalization > Grok & Third-party Collaborators (called "Grok" until 2025).'
)
# Not "Data sharing with business partners": privacy policy §3.1 says that option does not
# control sharing described elsewhere, and the collaborators clause is §3.2.
COLLABORATORS = (
    "Apart from that checkbox, did X ever offer you, and did you use, an opt-out from "
    'sharing with "third-party collaborators" (privacy policy §3.2)? Not "Data sharing '
    'with business partners", which X says does not control it.'
)


@cache
def _setting_data() -> dict[str, dict]:
    """First-offered dates and labels with their sources: policy data, in settings.toml."""
    text = (files("auditor.platforms.x") / "settings.toml").read_text(encoding="utf-8")
    return {raw["key"]: raw for raw in tomllib.loads(text)["setting"]}


def _same(text: str) -> Labels:
    return Labels(text, text, text, text)


def _first(key: str) -> date:
    return _setting_data()[key]["first_offered"]


SETTINGS = (
    Setting(
        "x_training",
        cli_name="x_training",
        purpose="x_training",
        default="on",
        first_offered=_first("x_training"),
        # X's own words for its menus (English UI): quoted as they appear, not translated.
        menu_path=_same(
            "Settings and privacy › Privacy and safety › Data sharing and personalization › "
            "Grok & Third-party Collaborators"
        ),
        name=N_("X/xAI training (the Grok setting)"),
        assumption=N_(
            "You did not say whether or when you turned off AI training (the "
            "Grok setting); auditor assumed it stayed on, X's default."
        ),
        marker=N_("you opted out (X/xAI)"),
        question=GROK,
        aliases=("--grok-opt-out",),
        help="When you unticked the training checkbox under Grok & Third-party Collaborators "
        "(earlier: Grok): DATE (from 2024-07-16), never or unknown.",
        label=_setting_data()["x_training"]["label"],
    ),
    Setting(
        "third_party_training",
        cli_name="third_party_training",
        purpose="third_party_training",
        default="on",
        first_offered=_first("third_party_training"),
        menu_path=_same("none named (privacy policy §3.2)"),
        name=N_("sharing with third-party collaborators"),
        assumption=N_(
            "You did not say whether or when you opted out of sharing with third-party "
            "collaborators; auditor assumed you did not."
        ),
        marker=N_("you opted out (third parties)"),
        question=COLLABORATORS,
        aliases=("--third-party-opt-out",),
        help="When you opted out of sharing with third-party collaborators (privacy policy "
        "§3.2; not 'Data sharing with business partners'): DATE (from 2024-11-15), never or "
        "unknown.",
        label=_setting_data()["third_party_training"]["label"],
    ),
)

REGION_TEXT = {
    "EU_EEA": N_(
        "You are treated as living in the EU/EEA. X's privacy policy allowed training on "
        "public posts from 29 September 2023. X processed EU/EEA public posts for Grok from "
        "7 May 2024 and undertook before the Irish High Court to delete what it processed up "
        "to 1 August 2024 (withdrawn); its terms for Europe grant a training licence from 15 "
        "November 2024, and since 24 April 2025 xAI's policy for Europe lists adults' public "
        "posts. Press reports, not the policy, say EU users' data is not shared with third "
        "parties, so that part is uncertain."
    ),
    "UK": N_(
        "You are treated as living in the UK. The 2024 EU undertaking does not cover the "
        "UK, so X's global terms apply from 29 September 2023; since 24 April 2025 xAI's "
        "policy for Europe also covers UK adults' public posts."
    ),
    "CH": N_(
        "You are treated as living in Switzerland. The 2024 EU undertaking does not cover "
        "Switzerland, so X's global terms apply from 29 September 2023; since 24 April "
        "2025 xAI's policy for Europe also covers Swiss adults' public posts."
    ),
    "ROW": N_(
        "You are treated under X's global terms: public posts are in scope for X and xAI "
        "from 29 September 2023, and for third-party collaborators from 15 November "
        "2024, unless you opted out."
    ),
}
ACTIONS = (
    Action(
        N_("Turn off AI training by X and xAI"),
        N_(
            "Settings and privacy › Privacy and safety › Data sharing and personalization › "
            "Grok & Third-party Collaborators: untick %(checkbox)s. On the web: "
            "x.com/settings/grok_settings. The checkbox names Grok and xAI only: whether it "
            "also stops sharing with third-party collaborators is not stated, so this report "
            "counts your later posts as uncertain for third parties, not as safe."
        ),
    ),
    Action(
        N_("Third-party collaborators: no setting is confirmed"),
        N_(
            "X's privacy policy (§3.2) lets third-party collaborators train their AI models on "
            "your information %(unless)s, but names no setting. %(partners)s does not control "
            "it: §3.1 says that option does not cover sharing described elsewhere in the "
            "policy. If X offers you an opt-out for collaborators, use it and give its date "
            "with --third-party-opt-out."
        ),
    ),
    Action(
        N_("Review your oldest public posts"),
        N_(
            "Opting out is not retroactive: what was already in scope stays so. Protecting your "
            "account (Privacy and safety › Audience and tagging › Protect your posts) keeps posts "
            "out of X's own training according to press reports, but the third-party clause has "
            "no public-only limit, so this report counts protected posts as uncertain. The posts "
            "listed below are the earliest in scope."
        ),
    ),
)
SHORT_ACTIONS = (
    Action(
        N_("Turn off AI training by X and xAI"),
        N_(
            "Settings and privacy › Privacy and safety › Data sharing and personalization › Grok & "
            "Third-party Collaborators. It may not stop sharing with third-party collaborators."
        ),
    ),
    Action(
        N_("Third-party collaborators"),
        N_("No setting is confirmed to control them; %(partners)s does not (privacy policy §3.1)."),
    ),
    Action(
        N_("Review your earliest exposed posts"),
        N_(
            "They are listed under %(section)s. Opting out or deleting does not undo earlier "
            "exposure or recall copies already shared or used for training; it protects what "
            "you post next."
        ),
    ),
)
# X's labels stay in English (the archive's language and the settings' names in most guides);
# the policy's words are translated. Quoted as the report's language quotes.
CHECKBOX = (
    "Allow your public data as well as your interactions, inputs, and results with Grok and "
    "xAI to be used for training and fine-tuning"
)
PARTNERS_SETTING = "Data sharing with business partners"
QUOTES = {
    "checkbox": _same(CHECKBOX),
    "partners": _same(PARTNERS_SETTING),
    "unless": N_("if you do not opt out"),
}
NARRATIVE = Narrative(
    heading=N_("Your X posts and AI training"),
    description=N_("Which posts and interactions X's terms allow to be used for AI training"),
    predates=N_("This archive predates X's AI-training terms."),
    predates_detail=N_(
        "It was evaluated as of %(as_of)s, before the first terms took effect on %(first)s, so "
        "nothing counts yet. To see what applies to these posts today, run again with --as-of "
        "and today's date."
    ),
    method=N_(
        "auditor reads every file in your archive, sorts your posts into originals, replies, "
        "reposts and quotes, and compares each item's lifetime (from posting to deletion) with "
        "each rule's period, your region, whether your account was public, and your opt-out "
        "dates. The strongest result wins: exposed, then withdrawn, then uncertain, then not "
        "exposed. Rules and their sources (quoted in their original language):"
    ),
    sources_note=N_(
        "A press report, or a newspaper quoting a regulator, can make an item uncertain, never "
        "not exposed: only policy text or X's own help pages can. Texts that bind others, such "
        "as X's rules for API developers, are shown for context and decide nothing."
    ),
    deleting=N_(
        "Deleting a post ends its time in scope from that day: X keeps what you post for the "
        "duration of your account or until you remove it. It does not remove the post from "
        "models already trained or recall copies already shared with third parties, and public "
        "content can exist elsewhere after it is removed from X."
    ),
    limits=(
        N_(
            "The archive contains none of X's AI-training or data-sharing settings; your answers "
            "(or X's defaults) are used instead."
        ),
        N_(
            "Likes carry no date; deletions older than about 14 days and protected periods older "
            "than six months are not in the archive."
        ),
    ),
    region=REGION_TEXT,
    setting_unknown=N_(
        "Whether you opted out of %(setting)s is not known: X's default (on) was assumed."
    ),
    quotes=QUOTES,
    actions=ACTIONS,
    short_actions=SHORT_ACTIONS,
    timeline_note=N_(
        "Items count from the day the rule that decides them first applied; likes and deleted "
        "posts included. Dashed lines:"
    ),
    suspect_dates=N_(
        "Posts dated before X existed (21 March 2006) have a wrong date; they are counted but "
        "not placed in time (%(count)s): %(dates)s."
    ),
)

VOCABULARY = Vocabulary(
    platform="x",
    title=Labels("X", "X", "X", "X"),
    categories=CATEGORIES,
    purposes=PURPOSES,
    settings=SETTINGS,
    statements=(
        N_(
            "X's archive shows protected-account changes for the last six months "
            "only; earlier protected periods are unknown unless you declare them."
        ),
    ),
    deleted_category=DELETED,
    scenarios=("opt_out_today", "protect_today", "opt_out_when_offered"),
    narrative=NARRATIVE,
    earliest=date(2006, 3, 21),
    rules_translated=True,
    signal_labels={
        "location_history": N_("X's location history")
    },  # X (then Twitter) opened on 21 March 2006
    reads="X (Twitter) account archive: zip or folder, layouts 2019 (Grailbird) to 2025",
    restricted_question=(
        "Was your account ever protected (only followers could see your "
        "posts)? X's archive only shows the last six months. Type periods "
        "as START..END separated by commas (END may be empty), or press "
        "Enter for no / don't know"
    ),
)
CATEGORY_IDS = VOCABULARY.category_ids
