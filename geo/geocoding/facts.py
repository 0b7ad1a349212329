"""The facts of one launch event, read from its sentences: date, launching country, number of
missiles, flight distance and apogee, the report's EEZ claim and the launch time.

Each reader takes the event's sentences and a ``put(name, value, status, start, end, how)``
callback that records a :class:`~geo.geocoding.events.ReadField`; spans index the report text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from geo.geocoding.dates import DateMention, to_utc
from geo.geocoding.events import ReadField
from geo.geocoding.quantities import Length, find_lengths
from geo.geocoding.segments import (
    _APOGEE_CUE,
    _DISTANCE_CUE,
    _LAUNCH_VERB,
    _Ctx,
    _date_is_launch,
    _in,
    _is_reference,
    _Sentence,
)
from geo.geocoding.vocabulary import Term, find_countries

__all__: list[str] = []

#: ``put(name, value, status, start, end, how="")``: record one field.
Put = Callable[..., None]

_EEZ_EN = re.compile(
    r"(?P<neg>\b(?:not|never|didn['’]t|did\s+not|no)\b[^.;]{0,30})?"
    r"\b(?P<side>inside|within|in|into|outside(?:\s+of)?|beyond|out\s+of|short\s+of|before\s+reaching|"
    r"without\s+reaching|far\s+from)\s+"
    r"(?:(?:the|its|their)\s+)?(?P<state>Japan['’]s|Japanese|South\s+Korea['’]s|Korea['’]s|Taiwan['’]s|"
    r"Philippines['’]|Russia['’]s|China['’]s|the\s+country['’]s)?\s*"
    r"(?:\w+\s+){0,2}?(?:exclusive\s+economic\s+zones?|EEZs?)\b",
    re.I,
)


_EEZ_JA = re.compile(
    r"(?P<state>日本|我が国|わが国|韓国)?の?(?:EEZ|排他的経済水域)(?:\s*[（(]?\s*[=＝]?\s*排他的経済水域\s*[)）]?)?(?:\s*[（(]\s*EEZ\s*[)）])?"
    r"\s*の?\s*(?P<side>外側|内側|外|内|範囲外|範囲内)"
)
#: "排他的経済水域(EEZ)の日本海に落下", "EEZ内に落下": inside, in Japanese, without 内 or with it


_EEZ_JA_IN = re.compile(
    r"(?P<state>日本|我が国|わが国)?の?(?:EEZ|排他的経済水域)(?:\s*[（(]\s*EEZ\s*[)）])?(?!\s*(?:外|の外|内|の内|=|＝))"
    r"(?:の[^、。\s]{1,8})?に[^、。]{0,16}?(?:落下|着弾)"
)


_EEZ_KO = re.compile(
    r"(?P<state>일본|한국)?\s*(?:의\s*)?(?:배타적\s*경제\s*수역|EEZ)(?:\s*\(\s*EEZ\s*\))?\s*(?P<side>밖|바깥|외측|외|안쪽|안|내측|내)"
)


_SOME_OF = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+|some|several|most)\s+of\s+(?:the|these|those)\s+"
    r"(?:\w+\s+){0,2}(?:missiles|rockets|projectiles)\b|\bof\s+(?:the|these|those)\s+(?:\w+\s+)?(?:missiles|rockets)\s*,",
    re.I,
)


_EEZ_STATE = {
    "japan's": "JP", "japanese": "JP", "south korea's": "KR", "korea's": "KR", "taiwan's": "TW",
    "philippines'": "PH", "russia's": "RU", "china's": "CN", "日本": "JP", "我が国": "JP", "わが国": "JP",
    "韓国": "KR", "일본": "JP", "한국": "KR",
}  # fmt: skip


_COUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a pair of": 2, "pair of": 2,
    "twenty": 20, "eighteen": 18, "fifteen": 15, "sixteen": 16, "thirteen": 13, "fourteen": 14,
}  # fmt: skip


_COUNT_EN = re.compile(
    r"\b(?P<q>at\s+least|more\s+than|over|up\s+to|about|around|some|nearly)?\s*"
    r"(?<![\w-])(?P<n>a\s+pair\s+of|an?|one|single|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    r"fourteen|fifteen|sixteen|eighteen|twenty|\d{1,3}|several|multiple|a\s+few|a\s+number\s+of|a\s+barrage\s+of|"
    r"a\s+salvo\s+of|a\s+volley\s+of|a\s+series\s+of|dozens\s+of|a\s+dozen|more)\s+"
    r"(?:(?!(?:of|from|by|to|with|the|that|which|on|in|at|into)\b)[\w'’\"“”()-]+\s+){0,6}?"
    r"(?P<noun>missiles?|rockets?|projectiles?|ICBMs?|SRBMs?|IRBMs?|MRBMs?|SLBMs?|weapons?|(?:missile|rocket)\s+launches)\b",
    re.I,
)


_COUNT_CJK = re.compile(
    r"(?P<q>少なくとも|最低|최소|적어도)?\s*(?P<n>\d{1,3}|[一二三四五六七八九十]|수|複数|数)\s*(?P<unit>発|발)(?!射|사|표|견|생|전|령|달|언)"
)


_OF_TOTAL = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+of\s+(?:the|these|those)\s+"
    r"(?P<m>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+(?:[\w-]+\s+){0,2}(?:missiles|rockets)\b"
    r"|\bof\s+(?:the|these|those)\s+(?P<m2>two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+missiles\b",
    re.I,
)


#: Words after a country that make it the reporter, the EEZ state or a bystander, not the launcher.
_NOT_LAUNCHER = re.compile(
    r"^\s*(?:['’]s\s+)?(?:\w+\s+){0,2}(?:exclusive\s+economic|EEZ|territor|military|armed|army|defen[cs]e|"
    r"joint\s+chiefs|JCS|government|coast\s+guard|prime|president|officials?|navy|forces|ministry|foreign|chief|"
    r"leader|media|state\s+media|news|agency|said|says|envoys?|and\s+(?:the\s+)?(?:united|south|japan))",
    re.I,
)
_VAGUE_COUNTS = frozenset(
    ["several", "multiple", "a few", "a number of", "a barrage of", "a salvo of", "a volley of",
     "a series of", "dozens of", "a dozen", "more"]
)  # fmt: skip
_KANJI_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

# place roles


def _event_date(sents: list[_Sentence]) -> DateMention | None:
    for s in sents:
        for d in s.dates:
            if d.value is not None and _date_is_launch(s, d) and not _is_reference(s, d):
                return d
    return None


def _launch_country(sents: list[_Sentence]) -> Term | None:
    scores: dict[str, float] = {}
    first: dict[str, Term] = {}
    for s in sents:
        terms = find_countries(s.text)
        verbs = [m.start() for m in _LAUNCH_VERB.finditer(s.text)]
        for i, t in enumerate(terms):
            after = s.text[t.end : t.end + 60]
            before = s.text[max(0, t.start - 30) : t.start]
            if _NOT_LAUNCHER.match(after):
                continue
            if re.match(
                r"^\s*の?\s*(?:EEZ|排他的|領海|防衛|政府|海上保安|自衛|首相|外務)|^\s*(?:의\s*)?(?:배타적|영해|합참|국방|정부|군)",
                after,
            ):
                continue
            if re.search(r"(?:according\s+to|said|told|by)\s+(?:the\s+)?$", before, re.I):
                continue
            nxt = terms[i + 1].start if i + 1 < len(terms) else len(s.text)
            score = 0.5
            if any(t.end <= v < min(nxt, t.end + 80) for v in verbs):
                score = 3.0
            elif re.match(
                r"^\s*(?:['’]s)?\s*(?:\w+[-\s]){0,4}(?:missiles?|rockets?|launch)", after, re.I
            ) or re.match(r"^\s*(?:の|의)?\s*\S{0,8}?(?:ミサイル|미사일|ロケット|로켓|飛翔体|발사체)", after):
                score = 2.0
            elif re.search(r"\bfrom\s+$", before, re.I) or re.match(r"^\s*(?:から|에서)", after):
                score = 1.5
            scores[t.value] = scores.get(t.value, 0.0) + score
            first.setdefault(t.value, replace(t, start=t.start + s.start, end=t.end + s.start))
    if not scores:
        return None
    best = max(scores, key=lambda c: (scores[c], -first[c].start))
    return first[best] if scores[best] >= 1.0 else None


def _read_count(sents: list[_Sentence], put: Any) -> None:
    exact: tuple[int, int, int] | None = None
    article: tuple[int, int, int] | None = None
    at_least: tuple[int, int, int] | None = None
    unknown: tuple[int, int] | None = None
    for s in sents:
        for m in _COUNT_EN.finditer(s.text):
            n_word = re.sub(r"\s+", " ", m.group("n").lower())
            a, b = s.start + m.start("n") if not m.group("q") else s.start + m.start("q"), s.start + m.end()
            if n_word in _VAGUE_COUNTS:
                unknown = unknown or (a, b)
                continue
            n = int(n_word) if n_word.isdigit() else _COUNT_WORDS.get(n_word)
            if n is None or n <= 0 or n > 100:
                continue
            plural = m.group("noun").lower().endswith("s")
            if n == 1 and plural and n_word in ("a", "an"):
                continue
            q = (m.group("q") or "").lower()
            if q.startswith("at least") or q.startswith("more than") or q == "over":
                at_least = at_least or (n, a, b)
            elif n_word in ("a", "an", "single"):
                article = article or (n, a, b)
            elif q in ("about", "around", "some", "nearly", "up to"):
                unknown = unknown or (a, b)
            else:
                exact = exact or (n, a, b)
        for m in _COUNT_CJK.finditer(s.text):
            a, b = s.start + m.start(), s.start + m.end()
            raw = m.group("n")
            if raw in ("수", "複数", "数"):
                unknown = unknown or (a, b)
                continue
            n = int(raw) if raw.isdigit() else _KANJI_NUM[raw]
            if m.group("q"):
                at_least = at_least or (n, a, b)
            else:
                exact = exact or (n, a, b)
    for s in sents:
        tot = _OF_TOTAL.search(s.text)
        if tot:
            word = tot.group("m") or tot.group("m2")
            n = int(word) if word.isdigit() else _COUNT_WORDS.get(word.lower())
            if n:
                exact = (n, s.start + tot.start(), s.start + tot.end())
                break
    if exact is not None:
        put("count", exact[0], "stated", exact[1], exact[2])
    elif at_least is not None:
        put("count_min", at_least[0], "stated", at_least[1], at_least[2], "at least this many")
    elif article is not None:
        put("count", article[0], "stated", article[1], article[2])
    elif unknown is not None:
        put("count", None, "stated", unknown[0], unknown[1], "an unstated number (several)")
    if exact is not None and at_least is not None:
        pass


def _merge_pairs(lengths: list[Length], text: str) -> list[Length]:
    """'497 miles (800 kilometers)': one length, the metric one, spanning both."""
    out: list[Length] = []
    i = 0
    while i < len(lengths):
        q = lengths[i]
        if i + 1 < len(lengths):
            r = lengths[i + 1]
            between = text[q.end : r.start]
            if re.fullmatch(r"\s*[(（]\s*|\s*,\s*or\s*|\s*/\s*", between) and abs(
                q.value_km - r.value_km
            ) <= 0.05 * max(q.value_km, r.value_km):
                keep = q if q.unit == "km" else r
                end = r.end + (1 if r.end < len(text) and text[r.end] in ")）" else 0)
                out.append(replace(keep, start=q.start, end=end))
                i += 2
                continue
        out.append(q)
        i += 1
    return out


_REL_AFTER = re.compile(
    r"^\s*(?:to\s+the\s+|to\s+)?(?:due\s+)?(?:north|south|east|west|[NSEW]{1,3}\b)[\w-]*\s+(?:of|from)\b"
    r"|^\s*(?:from|off)\b|^\s*(?:away\s+)?from\s+the\s+coast",
    re.I,
)


_REL_BEFORE_CJK = re.compile(
    r"(?:[北南東西]{1,3}(?:方向?)?(?:に|へ)?(?:約|およそ)?|[북남동서]{1,3}쪽?\s*(?:약)?)\s*$"
)


def _read_lengths(sents: list[_Sentence], put: Any) -> None:
    distance: Length | None = None
    apogee: Length | None = None
    fallback: Length | None = None
    for s in sents:
        lengths = _merge_pairs(find_lengths(s.text), s.text)
        prev_end = 0
        for q in lengths:
            after = s.text[q.end : q.end + 40]
            before = s.text[max(0, q.start - 60) : q.start]
            if _REL_AFTER.match(after) or _REL_BEFORE_CJK.search(before):
                prev_end = q.end
                continue  # "200 km west of Okushiri", "奥尻島の西約200km": a landing position
            # the words of this length's own clause: after the previous length and the last clause break
            lo = max(prev_end, q.start - 45)
            ctx_before = s.text[lo : q.start]
            cut = max(
                (
                    m.end()
                    for m in re.finditer(r"[、，,;；。]|\band\b|\s(?:but|while)\s|で(?=、)", ctx_before)
                ),
                default=0,
            )
            ctx_before = ctx_before[cut:]
            ctx_after = s.text[q.end : q.end + 14]
            prev_end = q.end
            apo_b = list(_APOGEE_CUE.finditer(ctx_before))
            dist_b = list(_DISTANCE_CUE.finditer(ctx_before))
            apo_after = bool(
                re.match(
                    r"^\s*(?:high|in\s+altitude|altitude|above|up\b|上空|の高さ|高度|높이|상공)",
                    ctx_after,
                    re.I,
                )
            )
            dist_after = bool(_DISTANCE_CUE.match(ctx_after.lstrip()[:10] or "x"))
            is_apo = apo_after or (bool(apo_b) and (not dist_b or apo_b[-1].end() >= dist_b[-1].end()))
            is_dist = not is_apo and (bool(dist_b) or dist_after)
            sq = replace(q, start=q.start + s.start, end=q.end + s.start)
            if is_apo and apogee is None:
                apogee = sq
            elif is_dist and distance is None:
                distance = sq
            elif not is_apo and not is_dist and fallback is None and q.value_km >= 50:
                fallback = sq
    if distance is None and fallback is not None and _plausible_flight(fallback):
        distance = fallback
    for name, found in (("distance_km", distance), ("apogee_km", apogee)):
        if found is None:
            continue
        how = "" if found.unit == "km" else f"{found.number:g} {found.unit} = {found.value_km:g} km"
        if found.low_km != found.high_km:
            how = f"range {found.low_km:g}-{found.high_km:g} km: its middle"
        put(name, round(found.value_km, 1), "stated" if not how else "derived", found.start, found.end, how)


def _plausible_flight(q: Length) -> bool:
    return 50 <= q.value_km <= 16_000


def _read_eez(sents: list[_Sentence], put: Any) -> None:
    claims: list[tuple[str, str | None, int, int]] = []
    for s in sents:
        for m in _EEZ_EN.finditer(s.text):
            side = re.sub(r"\s+", " ", m.group("side").lower())
            inside = side in ("inside", "within", "in", "into")
            if m.group("neg"):
                inside = not inside
            state = _EEZ_STATE.get(re.sub(r"\s+", " ", (m.group("state") or "").lower()).replace("’", "'"))
            claims.append(
                ("inside" if inside else "outside", state, s.start + m.start("side"), s.start + m.end())
            )
        for m in _EEZ_JA_IN.finditer(s.text):
            if not any(c[2] <= s.start + m.start() < c[3] for c in claims):
                claims.append(
                    ("inside", _EEZ_STATE.get(m.group("state") or ""), s.start + m.start(), s.start + m.end())
                )
        for rx in (_EEZ_JA, _EEZ_KO):
            for m in rx.finditer(s.text):
                side = m.group("side")
                inside = side in ("内側", "内", "範囲内", "안쪽", "안", "내측", "내")
                state = _EEZ_STATE.get(m.group("state") or "")
                claims.append(
                    ("inside" if inside else "outside", state, s.start + m.start(), s.start + m.end())
                )
    if not claims:
        return
    claims.sort(key=lambda c: c[2])
    sides = {c[0] for c in claims}
    first = claims[0]
    value = first[0] if len(sides) == 1 else "partly"
    how = "" if len(sides) == 1 else "the report places some missiles inside and some outside"
    if value == "inside":
        for s in sents:
            if any(s.start <= c[2] < s.end for c in claims) and _SOME_OF.search(s.text):
                value, how = "partly", "only some of the missiles: " + _SOME_OF.search(s.text).group(0)  # type: ignore[union-attr]
                break
    put("eez_reported", value, "stated", first[2], first[3], how)
    states = [c for c in claims if c[1]]
    if states:
        put("eez_state", states[0][1], "stated", states[0][2], states[0][3])
    else:
        put(
            "eez_state",
            "JP",
            "derived",
            first[2],
            first[3],
            "no state named: Japan's EEZ (the one reports cite)",
        )


def _read_time(ctx: _Ctx, sents: list[_Sentence], fields: dict[str, ReadField], put: Any) -> None:
    times = [t for t in ctx.times if _in(sents, t.start)]
    if not times:
        return
    zoned = [t for t in times if t.offset_h is not None]
    precise = [t for t in times if t.minutes_stated]
    t = zoned[0] if zoned else (times[0] if times[0].minutes_stated or not precise else precise[0])
    if zoned:
        local_first = [
            u
            for u in times
            if u.offset_h is None
            and u.end <= t.start
            and re.fullmatch(r"\s*[(（]?\s*", ctx.text[u.end : t.start])
        ]
        if local_first:
            t = local_first[-1]  # "8am (23:00 GMT)": the date words go with the local time
    day = fields["date"].value
    ctry = fields["country"].value
    local_off = {"KP": 9.0, "KR": 9.0, "JP": 9.0, "CN": 8.0, "TW": 8.0, "IR": 3.5, "RU": 3.0, "IN": 5.5}.get(
        str(ctry), 9.0
    )
    off = t.offset_h if t.offset_h is not None else local_off
    if not isinstance(day, str) or len(day) != 10:
        return
    d0 = date.fromisoformat(day)
    how = (
        f"{t.hour:02d}:{t.minute:02d} {t.zone.upper()}"
        if t.zone and t.offset_h is not None
        else f"{t.hour:02d}:{t.minute:02d} local time, taken as UTC{local_off:+g}"
    )
    if t.offset_h is not None and t.offset_h != local_off:
        # the date words are the launch site's local date only when the time is local; a UTC or US
        # time is on the reporter's calendar: convert it, then take the local date at the site.
        utc = to_utc(d0, t.hour, t.minute, off)
        from datetime import timedelta

        local = utc + timedelta(hours=local_off)
        if local.date() != d0 and fields["date"].status != "missing":
            f = fields["date"]
            how = (
                f"{f.evidence} {t.hour:02d}:{t.minute:02d} {t.zone} is {local:%Y-%m-%d %H:%M} at the launch"
                f" site (UTC{local_off:+g})"
            )
            put("date", local.date().isoformat(), "derived", f.start, f.end, how)
    else:
        utc = to_utc(d0, t.hour, t.minute, off)
    put("time_utc", utc.strftime("%H:%M"), "derived", t.start, t.end, how)
