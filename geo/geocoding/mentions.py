"""The mention finder: every gazetteer name in a running text, in one pass (Aho-Corasick).

Reports name places inside sentences ("fired from the vicinity of Kusong in North Pyongan
province", "평안북도 구성 일대에서", "北海道奥尻島の西約200キロ"). :func:`find_mentions` finds them all at
once with an Aho-Corasick automaton (``pyahocorasick``) over the text's *name stream*: the text
folded the way :func:`~geo.geocoding.names.normalize_name` folds a name (NFKC, lower case, Latin
diacritics dropped, spaces, hyphens and apostrophes removed), with every stream character mapped
back to its position in the text, so a mention's span is exact in the original text.

Where a match may start and end:

* Latin script: at word boundaries on both sides ("Oga" is not found in "Ogawa"; "North Korea's"
  ends at "Korea"). A GeoNames town is only found when written with a capital letter, and never
  when its name is a common English word.
* Hangul: at the start of a word; the end may be followed by particles ("평양에서", "동해상으로").
* Kanji: anywhere (Japanese writes no spaces), names of two characters or more; kana names only
  as a whole run of kana ("サイ" is not found in "ミサイル").

Overlapping matches keep the longest ("Sea of Japan" over "Japan", "北海道" over "北海"), then the
best name quality. When no exact name matches a Latin word, the romanisation-folded names are tried
(Revised Romanization = McCune-Reischauer: "Guseong" = "Kusong").

The index is built once per :class:`~geo.geocoding.index.Gazetteer` (about 0.1 s) and kept on it.

Examples
--------
>>> from geo.geocoding.index import Gazetteer
>>> gaz = Gazetteer.load()
>>> found = find_mentions(gaz, "fired from Guseong, North P'yŏngan, toward the East Sea")
>>> [(m.text, str(gaz.entries.at[m.entries[0], "entry_id"])) for m in found]
[('Guseong', 'gn-1875107'), ("North P'yŏngan", 'adm1-kp-03'), ('East Sea', 'sea-of-japan')]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import ahocorasick

from geo.geocoding.names import fold_key, normalize_name

if TYPE_CHECKING:
    from geo.geocoding.index import Gazetteer

__all__ = ["Mention", "MentionIndex", "find_mentions"]

_COMBINING = re.compile(r"[\u0300-\u036f]")
_LATIN, _HANGUL, _CJK, _OTHER, _KANA = 0, 1, 2, 3, 4
#: English words that are also town names somewhere: never a mention of a GeoNames town.
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "date",
        "did",
        "do",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "how",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "may",
        "might",
        "more",
        "most",
        "much",
        "must",
        "new",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "one",
        "only",
        "or",
        "our",
        "out",
        "over",
        "said",
        "says",
        "see",
        "she",
        "should",
        "since",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "up",
        "upon",
        "us",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "yet",
        "you",
        "your",
        "also",
        "after",
        "before",
        "again",
        "against",
        "between",
        "both",
        "each",
        "few",
        "other",
        "same",
        "own",
        "just",
        "don",
        "should",
        "now",
        "even",
        "ever",
        "many",
        "still",
        "well",
        "back",
        "way",
        "may",
        "said",
        "say",
        "says",
        "told",
        "kami",
        "ono",
        "nagai",
        "ogi",
        "oi",
        "ina",
        "tsu",
    ]
)


@dataclass(frozen=True)
class Mention:
    """A gazetteer name found in a text.

    Attributes
    ----------
    start, end : int
        Character span in the text (``text[start:end]`` is the name as written).
    text : str
        The name as written.
    entries : tuple of int
        Row positions in :attr:`Gazetteer.entries` of the entries with this name at the best
        name quality (several when the name is shared: "Kangwon" in both Koreas).
    tier : int
        Name quality: 0 main name, 1 other name, 2/3 the same through romanisation folding.
    """

    start: int
    end: int
    text: str
    entries: tuple[int, ...]
    tier: int


def _script(ch: str) -> int:
    o = ord(ch)
    if ch.isascii():
        return _LATIN
    if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
        return _HANGUL
    if 0x3040 <= o <= 0x30FF:
        return _KANA
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF:
        return _CJK
    if ch.isalpha():  # Latin letters with diacritics that survived (ß, ø, ł ...)
        return _LATIN
    return _OTHER


@dataclass
class _Stream:
    """The text folded for matching: ``chars`` with, per character, its text offset, its script,
    and whether a word starts / ends there."""

    chars: list[str] = field(default_factory=list)
    offset: list[int] = field(default_factory=list)
    script: list[int] = field(default_factory=list)
    word_start: list[bool] = field(default_factory=list)
    word_end: list[bool] = field(default_factory=list)
    upper: list[bool] = field(default_factory=list)


def _stream(text: str) -> _Stream:
    s = _Stream()
    gap = True  # a separator since the last kept character
    for i, ch in enumerate(text):
        norm = unicodedata.normalize("NFKC", ch)
        low = norm.lower()
        if low.isascii():
            pieces = low
        else:
            pieces = unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFD", low)))
        kept = False
        for j, p in enumerate(pieces):
            if not p.isalnum():
                continue
            sc = _script(p)
            if s.chars and (gap or sc != s.script[-1]):
                s.word_end[-1] = True
            s.word_start.append(gap or not s.chars or sc != s.script[-1])
            s.chars.append(p)
            s.offset.append(i)
            s.script.append(sc)
            s.word_end.append(False)
            s.upper.append(j == 0 and norm[:1].isupper())
            gap = False
            kept = True
        if not kept:
            gap = True
    if s.chars:
        s.word_end[-1] = True
    return s


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[\W_]+", name) if w]


def folded_words_key(name: str) -> str:
    """Romanisation-folded key of a name, folded word by word (as the text stream is).

    >>> folded_words_key("Hamgyeongbuk-do") == folded_words_key("Hamgyŏng-bukto")
    True
    """
    return "".join(fold_key(normalize_name(w)) for w in _words(name))


@dataclass
class MentionIndex:
    """The automata of one gazetteer: exact keys, and romanisation-folded keys of Latin names."""

    strict: Any
    folded: Any
    folded_entries: dict[str, dict[int, int]]
    common: frozenset[int]  # entries (GeoNames towns) that need a capital letter to be a mention

    @classmethod
    def build(cls, gaz: Gazetteer) -> MentionIndex:
        """Index every name of ``gaz`` (its exact keys and its per-word folded keys)."""
        strict = ahocorasick.Automaton()
        for key in gaz._strict:
            if _usable(key):
                strict.add_word(key, key)
        strict.make_automaton()
        folded_entries: dict[str, dict[int, int]] = {}
        e = gaz.entries
        for i, (names, alts) in enumerate(zip(e["names"].tolist(), e["alt_names"].tolist(), strict=True)):
            for tier, text in ((0, names), (1, alts)):
                for name in str(text or "").split("|"):
                    if not name or not normalize_name(name).isascii():
                        continue
                    key = folded_words_key(name)
                    if not _usable(key):
                        continue
                    d = folded_entries.setdefault(key, {})
                    if d.get(i, 9) > tier + 2:
                        d[i] = tier + 2
        folded = ahocorasick.Automaton()
        for key in folded_entries:
            folded.add_word(key, key)
        folded.make_automaton()
        common = frozenset(i for i, c in enumerate(gaz._curated) if not c)
        return cls(strict=strict, folded=folded, folded_entries=folded_entries, common=common)


def _usable(key: str) -> bool:
    if not key:
        return False
    if key.isascii():
        return len(key) >= 3 and not key.isdigit() and key not in _STOPWORDS
    return len(key) >= 2


def _candidates(
    gaz: Gazetteer, s: _Stream, chars: str, automaton: Any, lookup: dict[str, dict[int, int]], text: str
) -> list[tuple[int, int, int, tuple[int, ...]]]:
    """(stream start, stream end exclusive, tier, entries) of acceptable matches."""
    out: list[tuple[int, int, int, tuple[int, ...]]] = []
    if not chars or len(automaton) == 0:
        return out
    common = gaz._mention_index.common if gaz._mention_index is not None else frozenset()
    for end_incl, key in automaton.iter(chars):
        start = end_incl - len(key) + 1
        sc = s.script[start]
        if sc in (_LATIN, _KANA):  # kana: a whole run ("サイ" is not in "ミサイル")
            if not (s.word_start[start] and s.word_end[end_incl]):
                continue
        elif sc == _HANGUL:
            if not s.word_start[start]:
                continue
        elif sc != _CJK:
            continue
        found = lookup.get(key, {})
        if not found:
            continue
        best = min(found.values())
        idxs = [i for i, t in found.items() if t == best]
        if sc == _LATIN and not s.upper[start]:
            idxs = [i for i in idxs if i not in common]  # a town needs its capital letter
            if not idxs:
                continue
        out.append((start, end_incl + 1, best, tuple(sorted(idxs))))
    return out


def _folded_candidates(
    index: MentionIndex, s: _Stream, chars: str, covered: list[bool]
) -> list[tuple[int, int, int, tuple[int, ...]]]:
    """Matches of romanisation-folded names on the Latin words no exact name covers.

    Each Latin word is folded on its own (as :func:`folded_words_key` folds a name); a match must
    start at a folded word's start and end at a folded word's end, so it maps back to whole words.
    """
    fchars: list[str] = []
    starts: dict[int, int] = {}  # folded position of a word start -> stream position of the word start
    ends: dict[int, int] = {}  # folded position of a word end -> stream position of the word end
    k = 0
    while k < len(chars):
        j = k + 1
        while j < len(chars) and not s.word_start[j]:
            j += 1
        if s.script[k] == _LATIN and not any(covered[k:j]):
            fw = fold_key(chars[k:j])
            starts[len(fchars)] = k
            fchars.extend(fw)
            ends[len(fchars) - 1] = j - 1
        else:
            fchars.append("\x00")  # a barrier: no folded key spans a non-Latin or covered word
        k = j
    out: list[tuple[int, int, int, tuple[int, ...]]] = []
    fstream = "".join(fchars)
    if not fstream.strip("\x00") or len(index.folded) == 0:
        return out
    for end_incl, key in index.folded.iter(fstream):
        start = end_incl - len(key) + 1
        if start not in starts or end_incl not in ends:
            continue
        a, b = starts[start], ends[end_incl]
        if chars[a : b + 1] in _STOPWORDS:  # "Date" folds to a town's key, but is a word here
            continue
        found = index.folded_entries.get(key, {})
        best = min(found.values())
        idxs = [i for i, t in found.items() if t == best]
        if not s.upper[a]:
            idxs = [i for i in idxs if i not in index.common]
        if idxs:
            out.append((a, b + 1, best, tuple(sorted(idxs))))
    return out


def find_mentions(gaz: Gazetteer, text: str) -> list[Mention]:
    """Every gazetteer name in ``text``, in text order, without overlaps (see the module docstring).

    Parameters
    ----------
    gaz : Gazetteer
        The loaded gazetteer (its mention index is built on first use and kept).
    text : str
        Any text; spans refer to it as given.

    Returns
    -------
    list of Mention
        Non-overlapping mentions, longest names first when they compete, in text order.
    """
    if gaz._mention_index is None:
        gaz._mention_index = MentionIndex.build(gaz)
    index = gaz._mention_index
    s = _stream(text)
    chars = "".join(s.chars)
    cands = _candidates(gaz, s, chars, index.strict, gaz._strict, text)
    # romanisation-folded names, on Latin words only, where no exact name was found
    covered = [False] * len(chars)
    for a, b, _, _ in cands:
        for k in range(a, b):
            covered[k] = True
    cands += _folded_candidates(index, s, chars, covered)
    # longest first, then name quality, then leftmost; no overlaps
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken = [False] * len(chars)
    chosen: list[tuple[int, int, int, tuple[int, ...]]] = []
    for a, b, tier, idxs in cands:
        if any(taken[a:b]):
            continue
        for k2 in range(a, b):
            taken[k2] = True
        chosen.append((a, b, tier, idxs))
    out = []
    for a, b, tier, idxs in sorted(chosen):
        start, end = s.offset[a], s.offset[b - 1] + 1
        out.append(Mention(start, end, text[start:end], idxs, tier))
    return out
