"""Name normalisation and romanisation variants: the keys under which place names are matched.

Names are matched ignoring case, diacritics, apostrophes, hyphens and spaces (``P'yŏngan`` =
``Pyongan``): :func:`normalize_name`. When that finds nothing, a second pass also folds Revised
Romanization onto McCune-Reischauer (``Pyeongan`` = ``Pyongan``, ``Hamgyeong`` = ``Hamgyong``,
``Jagang`` = ``Chagang``): :func:`fold_key`. Hangul and Kana are kept intact (Japanese voicing marks
survive).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["KIND_SUFFIXES", "clean_text", "fold_key", "normalize_name"]


_COMBINING = re.compile(r"[\u0300-\u036f]")
_NON_WORD = re.compile(r"[\W_]+")
_ASCII = re.compile(r"^[a-z0-9]+$")
_FOLDS: tuple[tuple[str, str], ...] = (
    ("ph", "p"),
    ("th", "t"),
    ("kh", "k"),
    ("eo", "o"),
    ("eu", "u"),
    ("ou", "o"),
    ("oo", "o"),
    ("uu", "u"),
    ("wo", "o"),
    ("j", "ch"),
    ("g", "k"),
    ("b", "p"),
    ("d", "t"),
    ("ll", "r"),
    ("l", "r"),
)


def normalize_name(text: str) -> str:
    """Matching key of a name: NFKC, lower case, Latin diacritics and all punctuation/spaces removed.

    Hangul and Kana are kept intact (only U+0300..U+036F combining marks are dropped, so the
    Japanese voicing marks survive).

    >>> normalize_name("P'yŏngan-namdo") == normalize_name("Pyongan Namdo")
    True
    >>> normalize_name("평안남도")
    '평안남도'
    """
    s = unicodedata.normalize("NFKC", text).lower()
    s = unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFD", s)))
    return _NON_WORD.sub("", s)


def fold_key(key: str) -> str:
    """Second-pass key: Revised Romanization folded onto McCune-Reischauer (ASCII keys only)."""
    if not _ASCII.match(key):
        return key
    for a, b in _FOLDS:
        key = key.replace(a, b)
    return key


def clean_text(text: str) -> str:
    """NFKC, diacritics removed, curly apostrophes straightened, spaces collapsed, lower case."""
    s = unicodedata.normalize("NFKC", text)
    s = unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFD", s)))
    s = re.sub(r"[’‘`ʼ]", "'", s).lower()
    return re.sub(r"\s+", " ", s).strip(' .;:!?"')


#: Kind words that may follow a name ("Yangdok county", "Yangdok-gun", "양덕군", "奥尻島"), with the
#: kind of entry they ask for.
KIND_SUFFIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[\s-]+(?:county|gun|kun)$|(?<=\S)(?:군|郡)$"), "county"),
    (re.compile(r"[\s-]+(?:district|guyok|kuyok|guyeok)$|(?<=\S)(?:구역|区域)$"), "county"),
    (re.compile(r"[\s-]+(?:province|prefecture|do|to|ken|fu)$|(?<=\S)(?:도|道|県|현|府)$"), "province"),
    (re.compile(r"[\s-]+(?:city|si|shi)$|(?<=\S)(?:시|市)$"), "city"),
    (re.compile(r"[\s-]+(?:islands?|isl\.?|is\.|shoto|jima|shima)$|(?<=\S)(?:島|諸島|섬|제도)$"), "island"),
    (re.compile(r"[\s-]+(?:international\s+)?(?:airport|air\s*base|airfield|air\s+field)$|(?<=\S)(?:空港|비행장)$"),
     "airport"),
)  # fmt: skip
