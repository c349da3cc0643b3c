"""What deserves a second look among the posts AI training may use.

Detectors run over the text column at once (pyarrow's RE2 regexes); only the few candidate
posts a cheap pattern finds are checked one by one (phone numbers, Luhn, IBAN checksums).
Nothing found is ever stored or shown: only which detector fired on which post.
"""

from __future__ import annotations

import re
import string
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files

import numpy as np
import pandas as pd
import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc

from .arrays import id_order, smallest
from .exposure import Exposure
from .i18n import N_

CATEGORIES = (
    "health",
    "religion",
    "politics",
    "sexual_orientation",
    "ethnic_origin",
    "trade_union",
)
DETECTORS = (
    "email",
    "phone",
    "payment_card",
    "iban",
    "location",
    "media",
    *CATEGORIES,
    "minor",
    "other_people",
)
LABELS = {
    "email": N_("an e-mail address"),
    "phone": N_("a phone number"),
    "payment_card": N_("a payment card number"),
    "iban": N_("a bank account number (IBAN)"),
    "location": N_("precise location (coordinates or a place)"),
    "media": N_("photos or videos"),
    "health": N_("terms related to health"),
    "religion": N_("terms related to religion or belief"),
    "politics": N_("terms related to political opinion"),
    "sexual_orientation": N_("terms related to sexual orientation"),
    "ethnic_origin": N_("terms related to racial or ethnic origin"),
    "trade_union": N_("terms related to trade-union membership"),
    "minor": N_("posted before you turned 18"),
    "other_people": N_("replies to or mentions of others"),
}
EXAMPLES = 5
URL = r"https?://\S+"
EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
DIGITS = r"\+?\d[\d \-().]{6,}\d"
DIGITS_OUTSIDE_LINKS = r"(?:^|[^/\w=])\+?\d[\d \-().]{6,}\d"  # not a post id in a link
IBAN_CANDIDATE = r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b"
MENTION = r"(?:^|[^\w])@\w{1,15}"
PY_DIGITS = re.compile(DIGITS)
PY_IBAN = re.compile(IBAN_CANDIDATE)
EMAIL_LOCAL_CHARS = string.ascii_letters + string.digits + "._%+-"
PY_EMAIL_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PY_URL = re.compile(URL)


@dataclass
class Sensitive:
    # One row per post in scope: id, category, row (in the item table), one bool per detector.
    flags: pd.DataFrame
    counts: dict  # detector → purpose → {"exposed": n, "uncertain": n}
    examples: dict  # detector → [row numbers into flags], earliest first


def detect(data, exposure: Exposure, country: str | None, vocabulary=None) -> Sensitive:
    """`data`: the platform's PlatformData; the detectors read its `text` column only."""
    posts = _posts_in_scope(data, exposure)
    own = posts["self_authored"].to_numpy()  # a repost's text is someone else's
    text = pa.array(posts["text"].astype("string[pyarrow]"), type=pa.large_string())
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    flags = {name: np.zeros(len(posts), dtype=bool) for name in DETECTORS}
    # Cheap passes find the few candidate posts; exact checks run on those only. The passes
    # are independent and pyarrow releases the GIL, so they share the cores.
    with ThreadPoolExecutor(max_workers=3) as threads:
        at_pass = threads.submit(pc.match_substring, text, "@")
        digit_pass = threads.submit(pc.match_substring_regex, text, DIGITS_OUTSIDE_LINKS)
        iban_pass = threads.submit(pc.match_substring_regex, text, IBAN_CANDIDATE)
        category_pass = threads.submit(lambda: list(_category_rows(_fold(text), own)))
        at_sign = _rows(at_pass.result(), own)
        plain_at = _strip_links(text.take(pa.array(at_sign)))
        flags["email"][at_sign] = _match(plain_at, EMAIL)
        mentions = at_sign[_match(plain_at, MENTION)]
        for row in _rows(digit_pass.result(), own):
            for name in _digit_kinds(_plain(text, row), country):
                flags[name][row] = True
        for row in _rows(iban_pass.result(), own):
            flags["iban"][row] = _has_iban(_plain(text, row))
        for row_set, category in category_pass.result():
            flags[category][row_set] = True
    flags["location"] = posts["geo"].to_numpy(dtype=bool)
    flags["media"] = posts["media"].to_numpy() > 0
    flags["minor"] = _minor(posts, data.birth_date)
    replies = [c.id for c in vocabulary.categories if c.reply] if vocabulary else []
    flags["other_people"] = posts["kind"].isin(replies).to_numpy().copy()
    flags["other_people"][mentions] = True
    columns = ["id", "category", "row", "created"] + [f"{p}_status" for p in exposure.purposes]
    table = pd.concat([posts[columns].reset_index(drop=True), pd.DataFrame(flags)], axis=1)
    return Sensitive(table, _counts(table), _examples(table))


def _rows(matches, own: np.ndarray) -> np.ndarray:
    return np.flatnonzero(matches.fill_null(False).to_numpy(zero_copy_only=False) & own)


def _plain(text, row) -> str:
    return PY_URL.sub(" ", text[int(row)].as_py() or "")


def _strip_links(array):
    """No e-mail-like strings inside links: "https://x.com/a@b.com" is not an address."""
    return pc.replace_substring_regex(array, URL, " ")


def _category_rows(folded, own: np.ndarray):
    """One pass for all terms finds the candidates; one pass per category on those only."""
    anything = "|".join(f"(?:{term_pattern(c)})" for c in CATEGORIES)
    rows = _rows(pc.match_substring_regex(folded, anything), own)
    subset = folded.take(pa.array(rows))
    for category in CATEGORIES:
        yield rows[_match(subset, term_pattern(category))], category


def _posts_in_scope(data, exposure: Exposure) -> pd.DataFrame:
    """Items with text (live and deleted) that are exposed or uncertain for some purpose.

    The exposure table keeps the reader's rows in order: row i is data.items row i."""
    items = exposure.items
    in_scope = data.items["text"].notna().to_numpy()
    exposed = np.zeros(len(items), dtype=bool)
    for purpose in exposure.purposes:
        exposed |= items[f"{purpose}_status"].isin(("exposed", "uncertain")).to_numpy()
    rows = np.flatnonzero(in_scope & exposed)
    columns = ["id", "category", "kind", "created"] + [f"{p}_status" for p in exposure.purposes]
    chosen = items.iloc[rows][columns].reset_index(drop=True)
    source = data.items.iloc[rows][["text", "geo", "media", "self_authored"]]
    chosen["row"] = rows
    return pd.concat([chosen, source.reset_index(drop=True)], axis=1)


def _match(array, pattern: str) -> np.ndarray:
    return pc.match_substring_regex(array, pattern).fill_null(False).to_numpy(zero_copy_only=False)


def _fold(array):
    """Lower case without accents ("Diabète" → "diabete"), as the term lists are kept.

    Most posts are plain ASCII: only the others go through Unicode normalisation."""
    folded = pc.ascii_lower(array)
    other = pc.invert(pc.string_is_ascii(array))
    if pc.any(other).as_py():
        subset = pc.filter(array, other)
        lowered = pc.utf8_normalize(pc.utf8_lower(subset), "NFKD")
        folded = pc.replace_with_mask(
            folded, other, pc.replace_substring_regex(lowered, r"\p{Mn}", "")
        )
    return folded


def fold_text(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def terms(category: str) -> tuple[str, ...]:
    text = (files("auditor.data.sensitive") / f"{category}.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if "\t" in line]
    return tuple(sorted({fold_text(term.strip()) for _, term in rows}))


@cache
def term_pattern(category: str) -> str:
    """Whole words only: a letter or digit may not touch either end of the term."""
    words = "|".join(re.sub(r"([.^$*+?()\[\]{}|\\])", r"\\\1", t) for t in terms(category))
    return rf"(?:^|[^\pL\pN])(?:{words})(?:$|[^\pL\pN])"


def _digit_kinds(text: str, country: str | None) -> set[str]:
    found = set()
    for match in PY_DIGITS.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if 13 <= len(digits) <= 19 and luhn(digits):
            found.add("payment_card")
    region = country or "US"
    for _ in phonenumbers.PhoneNumberMatcher(
        text, region, leniency=phonenumbers.Leniency.STRICT_GROUPING
    ):
        found.add("phone")
        break
    return found


def luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _has_iban(text: str) -> bool:
    return any(iban_valid(m.group()) for m in PY_IBAN.finditer(text))


def iban_valid(candidate: str) -> bool:
    """ISO 13616 check digits: move the first four characters to the end, mod 97 == 1."""
    compact = candidate.replace(" ", "").upper()
    if not 15 <= len(compact) <= 34 or not compact.isalnum():
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def _minor(posts: pd.DataFrame, birth: date | None) -> np.ndarray:
    if birth is None:
        return np.zeros(len(posts), dtype=bool)
    try:
        adult = birth.replace(year=birth.year + 18)
    except ValueError:  # 29 February
        adult = birth.replace(year=birth.year + 18, day=28)
    cutoff = np.datetime64(adult.isoformat(), "s").astype(np.int64)
    return posts["created"].to_numpy() < cutoff


def _counts(table: pd.DataFrame) -> dict:
    result = {}
    for name in DETECTORS:
        fired = table[name].to_numpy()
        result[name] = {"posts": int(fired.sum())}
        for purpose in [c.removesuffix("_status") for c in table if c.endswith("_status")]:
            status = table[f"{purpose}_status"]
            result[name][purpose] = {
                s: int((fired & (status == s).to_numpy()).sum()) for s in ("exposed", "uncertain")
            }
    return result


def _examples(table: pd.DataFrame) -> dict:
    created, ids = table["created"].to_numpy(), id_order(table["id"])
    examples = {}
    for name in DETECTORS:
        rows = np.flatnonzero(table[name].to_numpy())
        examples[name] = [int(i) for i in rows[smallest(EXAMPLES, created[rows], ids[rows])]]
    return examples


def mask_text(text: str) -> str:
    """A post excerpt safe to print: contact and account numbers replaced by their kind.

    Links stay as they are (they are not contact details), unless they hide an address."""
    parts, cursor = [], 0
    for link in PY_URL.finditer(text):
        parts.append(_mask_plain(text[cursor : link.start()]))
        parts.append("[link]" if "@" in link.group() else link.group())
        cursor = link.end()
    parts.append(_mask_plain(text[cursor:]))
    return "".join(parts)


def mask_emails(text: str) -> str:
    """What `re.sub(EMAIL, ...)` gives, in time linear in the text.

    Python's backtracking engine tries every letter of a long word as the start of an
    address (a 250,000-letter word took 64 s). Here each address is found from its "@":
    the local part is the run of address characters before it, the domain a match after it,
    so every character is looked at a bounded number of times."""
    parts, cursor, searched = [], 0, 0
    at = text.find("@")
    while at != -1:
        local = searched + len(text[searched:at].rstrip(EMAIL_LOCAL_CHARS))
        domain = PY_EMAIL_DOMAIN.match(text, at + 1)
        if local < at and domain:
            parts += [text[cursor:local], "[e-mail address]"]
            cursor = searched = domain.end()
        else:
            searched = at + 1
        at = text.find("@", searched)
    parts.append(text[cursor:])
    return "".join(parts)


def _mask_plain(text: str) -> str:
    text = mask_emails(text)
    text = PY_IBAN.sub(lambda m: "[bank account]" if iban_valid(m.group()) else m.group(), text)
    return PY_DIGITS.sub(
        lambda m: "[number]" if len(re.sub(r"\D", "", m.group())) >= 7 else m.group(), text
    )
