"""Report segmentation: sentences, the cue words that tell what a sentence speaks of, and the grouping
of sentences into launch events (the main event, background launches).

A sentence that speaks of a launch (a missile noun, a launch or landing verb, or a flight length)
belongs to the main event unless its dates say otherwise: the main date is chosen among the dates
of launch sentences (earliest sentence first, explicit dates before weekdays, never a date governed
by "said" / "aired" / "supplied", never one that follows "since"); a sentence dated otherwise, or
marked "earlier", "last time", "前回", "앞서"..., is background, one background event per date.
"N days after ..." dates a background launch N days before the main one. A sentence that dates two
launches is cut into pieces at its clause boundaries.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from geo.geocoding.dates import DateMention, TimeMention, find_dates
from geo.geocoding.index import Gazetteer
from geo.geocoding.mentions import Mention
from geo.geocoding.quantities import find_lengths
from geo.geocoding.vocabulary import find_system_types

__all__ = ["split_sentences"]

_ABBREV = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "adm",
        "gov",
        "rep",
        "sen",
        "no",
        "nos",
        "vol",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.n",
        "u.k",
        "a.m",
        "p.m",
        "e.g",
        "i.e",
        "approx",
        "est",
        "etc",
        "inc",
        "corp",
        "co",
        "ltd",
        "vs",
    ]
)


_CAPTION = re.compile(
    r"\b(?:photo|photos|pictured|picture|image|file\s+photo|screenshot|getty|afp\s+photo|epoch\s+times\s+photo)\b"
    r"|写真|사진|画像|\[사진|（写真",
    re.I,
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of ``text`` (line breaks end a sentence too).

    >>> t = "N. Korea fired a missile on Sept. 15 at 6 a.m. It flew 800 km.\\n北朝鮮が発射。북한이 발사했다."
    >>> [t[a:b] for a, b in split_sentences(t)]  # doctest: +NORMALIZE_WHITESPACE
    ['N. Korea fired a missile on Sept. 15 at 6 a.m.', 'It flew 800 km.',
     '北朝鮮が発射。', '북한이 발사했다.']
    """
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        seg = line.group(0)
        for m in re.finditer(
            r"[.!?。！？]+[\"'”’」)）]*(?=\s|$)|。|(?<=[a-z0-9][a-z0-9])\.(?=[A-Z][a-z])", seg
        ):
            end = m.end()
            if m.group(0)[0] == ".":
                before = re.search(r"(\S+)$", seg[: m.start()])
                word = before.group(1).lower().lstrip("(\"'“‘") if before else ""
                nxt = seg[end:].lstrip()
                if re.fullmatch(r"[a-z]|(?:[a-z]\.)+[a-z]", word) and word not in ("a.m", "p.m"):
                    continue  # initials: "N. Korea", "U.S. forces"
                if word in _ABBREV and not (word in ("a.m", "p.m") and nxt[:1].isupper()):
                    continue  # "Sept. 15"; but "at 6 a.m. It flew" ends a sentence
            spans.append((start, line.start() + end))
            start = line.start() + end
            while start < line.end() and text[start].isspace():
                start += 1
        if start < line.end():
            spans.append((start, line.end()))
    return [(a, b) for a, b in (_strip(text, s) for s in spans) if b > a]


def _strip(text: str, span: tuple[int, int]) -> tuple[int, int]:
    a, b = span
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


_LAUNCH_VERB = re.compile(
    r"\b(?:fir(?:e|es|ed|ing)|launch(?:es|ed|ing)?|test[-\s]fir(?:e|es|ed|ing)|test[-\s]launch(?:ed|es)?|"
    r"shot|sho+ts?|lift(?:ed|s)?\s+off|blast(?:ed)?\s+off|tested|test(?:-firing|ing)?\s+of|firing|salvo|volley)\b"
    r"|発射|打ち上げ|撃っ|발사|쏘아|쐈|시험사격|사격",
    re.I,
)


_MISSILE_NOUN = re.compile(
    r"\b(?:missiles?|rockets?|projectiles?|ICBMs?|SRBMs?|IRBMs?|MRBMs?|SLBMs?|satellites?|launch\s+vehicles?)\b"
    r"|ミサイル|飛翔体|飛しょう体|ロケット|衛星|미사일|발사체|로켓|위성",
    re.I,
)


_LANDING_VERB = re.compile(
    r"\b(?:landed|land(?:s|ing)?|fell|fall(?:s|ing)?|splash(?:ed|es)?\s+down|splashdown|crashed|impact(?:ed)?)\b"
    r"|落下|着弾|낙하|떨어",
    re.I,
)


_REPORTING_VERB = re.compile(
    r"\b(?:said|says|say|told|reported|reports|aired|airs|announced|showed|shows|released|published|supplied|"
    r"provided|added|confirmed|disclosed|stated|briefed|noted|wrote|claimed|according|issued|distributed|"
    r"met|meet|meeting|held|hold|condemned|warned|visited|called|spoke|carried|broadcast)\b",
    re.I,
)


_BACKGROUND = re.compile(
    r"\b(?:earlier|previous(?:ly)?|last\s+(?:time|month|week|year)|days?\s+(?:earlier|before|ago|after)|weeks?\s+"
    r"(?:earlier|ago|before|after)|months?\s+(?:earlier|ago|before|after)|last\s+(?:fired|launched|tested|test-fired)|"
    r"marks?\s+the|came\s+(?:after|days|weeks|\d+\s+days)|comes?\s+(?:after|days|weeks|\d+\s+days)|following|"
    r"the\s+day\s+before|in\s+(?:19|20)\d\d|last\s+(?:monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday))\b|前回|先月|先週|昨年|以来|今年に入って|に続き|앞서|지난(?:달|주|해|번|\s*\d+일)|이후|이어|이번이",
    re.I,
)


_DISTANCE_CUE = re.compile(
    r"\b(?:fl[eo]w|fly|flying|flight|travel(?:l?ed|l?ing|s)?|range[ds]?|distance|cover(?:ed|ing)?|went|"
    r"reach(?:ed|ing)?\s+targets?|targets?|struck|strike|hit(?:ting)?|away|downrange|horizontal)\b"
    r"|飛翔|飛しょう|飛行|飛ん|飛び|射程|비행|비거리|날아|사거리|사정거리",
    re.I,
)


_APOGEE_CUE = re.compile(
    r"\b(?:altitude|apogee|height|high|peak|maximum\s+altitude|climb(?:ed|ing)?|soar(?:ed|ing)?|reaching\s+an?\s+"
    r"altitude|vertical)\b|高度|頂点|고도|정점|높이",
    re.I,
)


@dataclass
class _Sentence:
    start: int
    end: int
    text: str
    launch: bool  # speaks of a launch (a launch verb or a missile noun)
    dates: list[DateMention]
    cue_background: bool
    caption: bool
    group: int = -1  # 0 main, 1.. background groups, -1 none


@dataclass
class _Ctx:
    text: str
    gaz: Gazetteer
    published: date | None
    mentions: list[Mention]
    times: list[TimeMention]


def _sentences(text: str, published: date | None) -> list[_Sentence]:
    out = []
    all_dates = find_dates(text, published=published)
    for a, b in split_sentences(text):
        s = text[a:b]
        dates = [d for d in all_dates if a <= d.start < b]
        launch = bool(_MISSILE_NOUN.search(s) or _LAUNCH_VERB.search(s) or _LANDING_VERB.search(s))
        launch = launch or bool((_DISTANCE_CUE.search(s) or _APOGEE_CUE.search(s)) and find_lengths(s))
        caption = bool(_CAPTION.search(s)) and not re.match(r"^\(?\s*(?:photo|写真|사진)\s*[:：]", s, re.I)
        if re.match(r"^\(?\s*(?:photo|写真|사진)\s*[:：][^.]*$", s, re.I):
            caption = True
        cue = any(
            not re.search(r"\b(?:said|say|says|reported|told|announced)\s+$", s[: m.start()], re.I)
            for m in _BACKGROUND.finditer(s)
        )
        out.extend(_pieces(_Sentence(a, b, s, launch, dates, cue, caption)))
    return out


_PIECE_START = re.compile(
    r",\s|\bwhich\b|\bthan\b|\bwhile\b|\bwhereas\b|올해\s|지난\s|작년\s|昨年|先月|今年の"
)


def _pieces(s: _Sentence) -> list[_Sentence]:
    """A sentence that dates two launches ("... higher than the Hwasong-15 that was launched in November
    2017, the one today ...") is cut into pieces, one per date, at the clause boundary before each
    date and the comma after it; other sentences are kept whole."""
    values = {d.value for d in s.dates if d.value is not None and not _is_reference(s, d)}
    if len(values) < 2:
        return [s]
    cuts = {0, len(s.text)}
    for d in s.dates:
        lo, hi = d.start - s.start, d.end - s.start
        before = [m.start() for m in _PIECE_START.finditer(s.text, 0, lo)]
        if before:
            cuts.add(before[-1])
        nxt = re.search(r",\s", s.text[hi:])
        if nxt:
            cuts.add(hi + nxt.start())
    bounds = sorted(cuts)
    out = []
    for lo, hi in itertools.pairwise(bounds):
        a, b = _strip(s.text, (lo, hi))
        a2 = a
        while a2 < b and s.text[a2] in ",":
            a2 += 1
        a, b = _strip(s.text, (a2, b))
        if b <= a:
            continue
        piece = s.text[a:b]
        dates = [d for d in s.dates if s.start + a <= d.start < s.start + b]
        launch = bool(
            _MISSILE_NOUN.search(piece) or _LAUNCH_VERB.search(piece) or _LANDING_VERB.search(piece)
        )
        launch = launch or bool(
            (_DISTANCE_CUE.search(piece) or _APOGEE_CUE.search(piece)) and find_lengths(piece)
        )
        cue = bool(_BACKGROUND.search(piece))
        out.append(_Sentence(s.start + a, s.start + b, piece, launch, dates, cue, s.caption))
    return out or [s]


def _is_reference(s: _Sentence, d: DateMention) -> bool:
    """A date that dates another event: "the first launch since November", "since Jan. 1"."""
    after = s.text[d.end - s.start : d.end - s.start + 100]
    if re.match(r"^\W*(?:when|as|after)\b[^.;]{0,80}?" + _LAUNCH_VERB.pattern.split("|発射")[0], after, re.I):
        return False  # "since Sept. 18, when the North fired ...": the date of a launch it describes
    if re.match(r"(?:since|until|till)\b", s.text[d.start - s.start : d.end - s.start], re.I):
        return True
    m = re.search(
        r"\b(?:since|until|till)\s+((?:[\w-]+\s+){0,8})$|以来$|이후$", s.text[: d.start - s.start], re.I
    )
    return m is not None and not (m.group(1) and _LAUNCH_VERB.search(m.group(1)))


def _date_is_launch(s: _Sentence, d: DateMention) -> bool:
    """False when the words before the date are a reporting verb's ("said on Monday", "aired ... on
    Thursday", "supplied on Sept. 13"), not a launch verb's."""
    before = s.text[: d.start - s.start]
    verbs = list(_LAUNCH_VERB.finditer(before)) + list(_REPORTING_VERB.finditer(before))
    if not verbs:
        return True
    last = max(verbs, key=lambda m: m.end())
    return bool(_LAUNCH_VERB.fullmatch(last.group(0))) or (d.start - s.start - last.end()) > 80


def _main_date(sentences: list[_Sentence]) -> DateMention | None:
    best: tuple[tuple[int, int, int], DateMention] | None = None
    for order, s in enumerate(sentences):
        s_dates = [d for d in s.dates if not _is_reference(s, d)]
        if not s.launch or s.caption:
            continue
        for d in s_dates:
            if d.value is None or d.precision != "day" or d.kind == "weekend":
                continue
            rank = 0 if d.kind == "explicit" else 1
            gov = 0 if _date_is_launch(s, d) else 2
            bg = 1 if s.cue_background else 0
            key = (gov + bg, order, rank)
            if best is None or key < best[0]:
                best = (key, d)
    if best is None:  # no launch sentence is dated: the first date not governed by a reporting verb
        for s in sentences:
            for d in s.dates:
                if (
                    not s.caption
                    and d.value
                    and d.precision == "day"
                    and d.kind != "weekend"
                    and _date_is_launch(s, d)
                ):
                    return d
    return best[1] if best is not None else None


_DAY_WORDS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "하루": 1, "이틀": 2, "사흘": 3, "나흘": 4, "닷새": 5, "엿새": 6, "이레": 7, "열흘": 10,
}  # fmt: skip


#: "The launch comes three days after ...", "coming ten days after ...", "사흘만의 발사", "27일 만이다": the
#: launch being reported is N days after the one the clause describes (not "envoys met a day after").
_DAYS_AFTER = re.compile(
    r"\b(?:comes?|came|coming|was|is|were)\s+(?:just\s+|only\s+|about\s+)?"
    r"(?P<n>a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|\d{1,2})\s+days?\s+"
    r"(?:after|since)\b|(?P<nk>하루|이틀|사흘|나흘|닷새|엿새|이레|열흘|\d{1,2}일)\s*만(?:의|에|이다|입니다)",
    re.I,
)


_PRONOUN_START = re.compile(
    r"^(?:It|They|That|This|Those|These|The\s+(?:missile|rocket|weapon|projectile|launch)s?)\b"
)


def _group(sentences: list[_Sentence], main: DateMention | None) -> list[tuple[int, list[_Sentence]]]:
    """(group id, sentences): 0 is the main event, 1.. background events (one per distinct date)."""
    bg_dates: dict[str, int] = {}
    prev_group = 0
    main_kinds: set[str] = set()
    if main is not None and main.value is not None and main.precision == "day":
        for s in sentences:
            if s.caption or not s.launch or any(d.value for d in s.dates if not _is_reference(s, d)):
                continue
            m = _DAYS_AFTER.search(s.text)
            if m:
                n_txt = m.group("n") or m.group("nk") or ""
                n = int(n_txt) if n_txt.isdigit() else _DAY_WORDS.get(n_txt.lower())
                if n:
                    d0 = date.fromisoformat(main.value) - timedelta(days=n)
                    s.dates.append(DateMention(
                        s.start + m.start(), s.start + m.end(), d0.isoformat(), "day", "relative",
                        f"{n} days before the main event ({main.value})",
                    ))  # fmt: skip
    for s in sentences:
        if s.caption or not s.launch:
            continue
        launch_dates = [
            d for d in s.dates if d.value is not None and _date_is_launch(s, d) and not _is_reference(s, d)
        ]
        same = main is not None and any(d.value == main.value for d in launch_dates)
        others = [d for d in launch_dates if main is None or not _compatible(d, main)]
        if same:
            s.group = 0
        elif others:
            key = others[0].value or ""
            if key not in bg_dates:
                bg_dates[key] = len(bg_dates) + 1
            s.group = bg_dates[key]
        elif s.cue_background or _other_missile(s, main_kinds):
            s.group = -2  # background without a date of its own: attached below
        elif prev_group > 0 and _PRONOUN_START.match(s.text):
            s.group = prev_group
        else:
            s.group = 0
        if s.group == 0:
            main_kinds |= {t.value for t in find_system_types(s.text)}
        prev_group = s.group if s.group > 0 else 0
    # background sentences without a date join the background group they fit best: the same missile
    # class first, then the date nearest the main event's; else they form a group of their own
    gdate: dict[int, str] = {g: k for k, g in bg_dates.items()}
    for frag in sentences:
        if frag.group != -2:
            continue
        kinds = {t.value for t in find_system_types(frag.text)}
        pick: tuple[tuple[int, int], int] | None = None
        for other in sentences:
            if other.group <= 0:
                continue
            okinds = {t.value for t in find_system_types(other.text)}
            if kinds and okinds and not kinds & okinds:
                continue
            rank = (0 if kinds & okinds else 1, _months_apart(gdate.get(other.group, ""), main))
            if pick is None or rank < pick[0]:
                pick = (rank, other.group)
        if pick is not None and pick[0][1] <= 3:
            frag.group = pick[1]
        else:
            frag.group = max([*bg_dates.values(), 0]) + 1
            bg_dates[f"undated-{frag.start}"] = frag.group
    groups: dict[int, list[_Sentence]] = {}
    for s in sentences:
        if s.group >= 0:
            groups.setdefault(s.group, []).append(s)
    return sorted(groups.items())


def _other_missile(s: _Sentence, main_kinds: set[str]) -> bool:
    """ "Pyongyang also fired a cruise missile ..." after a report of ballistic missiles: another launch."""
    if not main_kinds or not re.search(r"\balso\b|또|も", s.text):
        return False
    kinds = {t.value for t in find_system_types(s.text)}
    return bool(kinds) and not kinds & main_kinds and bool(_LAUNCH_VERB.search(s.text))


def _months_apart(value: str, main: DateMention | None) -> int:
    """Months between a group's date (YYYY-MM[-DD]) and the main date; large when either is unknown."""
    if main is None or main.value is None or len(value) < 7 or not value[:4].isdigit():
        return 99
    return abs((int(value[:4]) - int(main.value[:4])) * 12 + int(value[5:7]) - int(main.value[5:7]))


def _compatible(d: DateMention, main: DateMention) -> bool:
    if d.value is None or main.value is None:
        return True
    if d.precision == "month" or main.precision == "month":
        return d.value[:7] == main.value[:7] and d.kind != "weekend" and d.kind != "month"
    return d.value == main.value


def _in(sents: list[_Sentence], pos: int) -> bool:
    return any(s.start <= pos < s.end for s in sents)
