"""Words and terms of the search index, read as the search box reads them
(docs/assets/search.js has the same words(), fold(), fnv1a(), shardKey() and kinds table;
tests keep them equal), and the result kind of a page URL.

Terms: NFC, lower case, runs of letters and digits ("01-CT/TU" -> 01 ct tu). Each record
is indexed by its folded words (no tone marks, "đ" -> "d"), its folded adjacent pairs
("chuyen doi": a phrase is found without storing positions) and its words with diacritics
(so exact matches can rank first).
"""

from __future__ import annotations

import re
import unicodedata

# Result kinds shown next to each result, by the first segments of a page URL; the most
# specific prefix wins. Pages of no kind (home, tab indexes, open data) are not indexed.
KINDS: tuple[tuple[str, str], ...] = (
    ("tien-do/nhiem-vu/", "Nhiệm vụ"),
    ("tien-do/don-vi/", "Đơn vị"),
    ("tien-do/chi-tieu/", "Chỉ tiêu"),
    ("van-ban/", "Văn bản"),
    ("chu-de/", "Chủ đề"),
    ("chi-tieu/", "Chỉ tiêu"),
    ("huong-dan/", "Hướng dẫn"),
)

# Tab index pages only list what has its own page: indexing them would double results.
LISTINGS = frozenset({"van-ban/", "chu-de/", "tien-do/", "chi-tieu/"})

# Equal scores list records in this order of kinds: the source documents first.
KIND_ORDER = ("Văn bản", "Chủ đề", "Chỉ tiêu", "Nhiệm vụ", "Đơn vị", "Hướng dẫn")

_WORD = re.compile(r"[^\W_]+")  # letters and digits (JS: /[\p{L}\p{N}]+/gu)

# i and y: after a consonant, a syllable whose whole rhyme is one i or y may be written
# either way (sĩ/sỹ, kĩ/kỹ, lí/lý, mĩ/mỹ, tì/tỳ): such a final y is read as i, its tone
# kept. Not in a longer rhyme ("ay", "uy", "yê": máy, quý, huy, yêu) nor a syllable that
# is y alone (y tế, ý kiến), where only y is written. SEARCH.md, "i and y".
_I_OR_Y = re.compile(r"[bcdđghklmnprstvx]+[yýỳỷỹỵ]")

_Y_AS_I = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")

_MARKS = re.compile("[\u0300-\u036f]")  # combining diacritical marks


def ident_term(ident: str) -> str:
    """The term under which a document number or task id is indexed: "=" and its folded
    words ("01-CT/TU" -> "=01 ct tu"); the box looks the whole query up the same way, so
    typing a number or an id finds its document or task first."""
    return "=" + " ".join(fold(w) for w in words(ident))


def words(text: str) -> list[str]:
    """The words of a text: NFC, lower case ("Ð" U+00D0 read as "Đ"), runs of letters and
    digits, a y that may be written i read as i (i_for_y()). search.js words() does the
    same."""
    lowered = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).lower())
    return [i_for_y(w) for w in _WORD.findall(lowered.replace("ð", "đ"))]


def i_for_y(word: str) -> str:
    """A lower-case NFC word with a final y that Vietnamese may write i, as i ("sỹ" ->
    "sĩ", "ky" -> "ki"); other words as they are ("máy", "quý", "huy", "y", "ý")."""
    if word[-1] in "yýỳỷỹỵ" and _I_OR_Y.fullmatch(word):
        return word.translate(_Y_AS_I)
    return word


def fold(word: str) -> str:
    """A word without diacritics: tone and vowel marks dropped, "đ" -> "d". As search.js."""
    return _MARKS.sub("", unicodedata.normalize("NFD", word)).replace("đ", "d")


def fnv1a(term: str) -> int:
    """32-bit FNV-1a of the term's UTF-8 bytes: which shard holds it (search.js too)."""
    value = 0x811C9DC5
    for byte in term.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def shard_key(term: str) -> str:
    """What a term's shard is hashed from: a word with diacritics lives in its folded
    word's shard ("chuyển" with "chuyen"), so looking it up costs no request; any other
    term is hashed as itself. search.js shardKey() does the same."""
    if " " in term or term.startswith("="):
        return term
    return fold(term)


def kind_for(url: str) -> str:
    """The Vietnamese result kind of a page URL ("van-ban/x/" -> "Văn bản"), or ""."""
    if url in LISTINGS:
        return ""
    for prefix, kind in KINDS:
        if url.startswith(prefix):
            return kind
    return ""
