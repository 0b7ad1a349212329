"""Place roles in a report: which gazetteer mentions are the launch place, which the landing place,
and which are red herrings (a city under the flight path, the capital where envoys met, the
country whose EEZ is mentioned).

A launch place is a mention after "from", "in the X area", "near", "일대에서", "から", inside the
launching country; ties go to the most specific kind (a facility before a county before a province).
A landing place is, most precise first: a relative position ("about 200 km west of Okushiri
Island", "奥尻島の西約200km"), the sea off a place ("off Wonsan", "能登半島沖", "short of Ulleung
Island"), the sea off a coast ("off the east coast"), a sea ("into the East Sea", "동해상으로"). Each
is geocoded with the place-phrase grammar (:mod:`geo.geocoding.grammar`).
"""

from __future__ import annotations

import re

from geo.geocoding.index import Gazetteer
from geo.geocoding.mentions import Mention
from geo.geocoding.result import GeocodeError, GeocodeResult
from geo.geocoding.segments import _LAUNCH_VERB, _Ctx, _Sentence

__all__: list[str] = []

_LAUNCH_BEFORE = re.compile(
    r"(?:\bfrom|\bnear|\bin|\bat|\baround)\s+(?:(?:the|a|an|its|north\s+korea['’]s|the\s+country['’]s|"
    r"vicinity|area|region|city|town|county|province|outskirts|capital|of|near|site|launch|base|facility|"
    r"airport|airfield|airbase|northern|southern|eastern|western|central|inland|coastal|mountainous|[\w-]+ern)\s+){0,5}$",
    re.I,
)


_LAUNCH_AFTER = re.compile(
    r"^(?:\s*(?:area|region|vicinity|county|province|city|district|airport|site))?\s*(?:일대|인근|부근|지역|근처)?\s*에서"
    r"|^(?:\s*(?:付近|周辺|近郊|一帯|地域|内陸部|西岸|東岸))?\s*から",
    re.I,
)


_LANDING_BEFORE = re.compile(
    r"(?:\binto|\btoward|\btowards|\boff|\bover|\bfell|\blanded|\bland|\bsplashed|\bcrashed|\bin\s+(?:the\s+)?"
    r"(?:sea|waters)|\bnear|\bimpact)[\w\s'’,-]{0,40}$",
    re.I,
)


_LANDING_AFTER = re.compile(
    r"^(?:の)?(?:沖|近海|海上|上空|の東|の西|の南|の北|方面|に落下|付近に落下|へ|に向け)"
    r"|^\s*(?:해상|상으로|쪽으로|방향으로|으로|로|에\s*떨어|에\s*낙하|인근\s*해상|해역)",
)


_OVERFLIGHT = re.compile(r"(?:\bover|\bacross|上空|상공)\s*(?:the\s+)?$|^(?:上空|상공)", re.I)


def _entry_country(gaz: Gazetteer, m: Mention) -> set[str]:
    return {gaz._country[i] for i in m.entries}


def _is_country_entry(gaz: Gazetteer, m: Mention) -> bool:
    """The mention names a whole country ("North Korea", "Japan")."""
    return any(str(gaz.entries.iat[i, 0]).endswith("-country") for i in m.entries)


def _kinds(gaz: Gazetteer, m: Mention) -> set[str]:
    return {gaz._kind[i] for i in m.entries}


def _geocode_mention(ctx: _Ctx, phrase: str, country: str | None) -> GeocodeResult | None:
    hint = country if country in ("KP", "KR", "JP") else None
    try:
        return ctx.gaz.geocode(phrase[:300], country=hint)
    except GeocodeError:
        if hint is not None:
            try:
                return ctx.gaz.geocode(phrase[:300])
            except GeocodeError:
                return None
        return None
    except ValueError:
        return None


_SPECIFIC: dict[str, float] = {
    "facility": 0.4, "airport": 0.4, "county": 0.3, "city": 0.3, "island": 0.2, "province": 0.1,
    "region": 0.05, "coast": 0.0,
}  # fmt: skip


_SUBJECT_AFTER = re.compile(
    r"^\s*(?:has\s+|had\s+|have\s+|also\s+|again\s+|on\s+\w+\s+|last\s+\w+\s+|\w+ly\s+)*(?:fired|launched|tested|test-fired|"
    r"conducted|said|says|claimed|warned|called|unveiled|showed)\b|^\s*(?:が|は)|^\s*(?:이|은|는|가)\s",
    re.I,
)


def _launch_place(
    ctx: _Ctx, sents: list[_Sentence], country: str | None
) -> tuple[GeocodeResult, int, int] | None:
    text, gaz = ctx.text, ctx.gaz
    best: tuple[float, Mention, Mention | None] | None = None
    for s in sents:
        ms = [m for m in ctx.mentions if s.start <= m.start < s.end]
        for i, m in enumerate(ms):
            before = text[max(s.start, m.start - 70) : m.start]
            after = text[m.end : min(s.end, m.end + 20)]
            kinds = _kinds(gaz, m)
            if kinds <= {"sea"}:
                continue
            if _OVERFLIGHT.search(before) or _LANDING_AFTER.match(after) or re.match(r"^\s*沖", after):
                continue
            if _SUBJECT_AFTER.match(after):  # "Pyongyang tested ...": the government, not the place
                continue
            if re.search(
                r"(?:\binto|\btoward|\btowards|\boff|\bfell|\blanded|\bsplashed)\s+(?:the\s+|a\s+)?[\w\s'’-]{0,25}$",
                before,
                re.I,
            ):
                continue
            if country and country not in _entry_country(gaz, m) and "" not in _entry_country(gaz, m):
                continue
            is_country = _is_country_entry(gaz, m)
            score = 0.0
            if _LAUNCH_AFTER.match(after) or re.search(
                r"\bfrom\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}$", before, re.I
            ):
                score = 3.0
            elif _LAUNCH_BEFORE.search(before):
                score = 2.0
            elif kinds & {"facility", "airport", "county"}:
                score = 1.0
            elif kinds & {"region", "city", "province"} and _LAUNCH_VERB.search(s.text) is not None:
                score = 0.5
            if is_country:  # the whole country only when nothing better: "launched from North Korea"
                score = 0.4 if score >= 3.0 else 0.0
            if (
                re.match(r"^\s*(?:['’]s\s+)?(?:[\w-]+\s+){0,3}(?:coast|sea|waters)\b", after, re.I)
                and not is_country
            ):
                continue
            if score <= 0:
                continue
            # "X in Y", "X, Y", "Y X" (Korean: 평안북도 구성): a context from the next or previous mention
            ctx_m: Mention | None = None
            if i + 1 < len(ms):
                n = ms[i + 1]
                gap = text[m.end : n.start]
                if re.fullmatch(
                    r"\s*(?:[-\w]*\s+)?(?:,|in|of|near|,\s*in)\s*(?:the\s+)?|\s*(?:county|province|city|-do|do)?\s*,?\s*",
                    gap,
                    re.I,
                ) or re.fullmatch(r"\s*", gap):
                    ctx_m = n
            if ctx_m is None and i > 0:
                prev = ms[i - 1]
                gap = text[prev.end : m.start]
                if re.fullmatch(r"\s*(?:の)?\s*", gap) and _kinds(gaz, prev) & {"province", "city", "region"}:
                    ctx_m = prev  # "평안북도 구성", "北海道奥尻島"
            score += _SPECIFIC.get(min(kinds, key=lambda k: -_SPECIFIC.get(k, 0.0)), 0.0)
            if best is None or score > best[0]:
                best = (score, m, ctx_m)
    if best is None:
        return _world_launch_place(ctx, sents, country)
    _, m, ctx_m = best
    if ctx_m is not None and ctx_m.start < m.start:  # context first: "평안북도 구성" -> "구성, 평안북도"
        res = _geocode_mention(ctx, f"{m.text}, {ctx_m.text}", country)
        if res is not None:
            return res, ctx_m.start, m.end
    elif ctx_m is not None:
        end = ctx_m.end
        m2 = re.match(r"\s*(?:province|county|prefecture|-do)\b", text[end : end + 12], re.I)
        if m2:
            end += m2.end()
        res = _geocode_mention(ctx, text[m.start : end], country)
        if res is not None:
            return res, m.start, end
    end = m.end
    m2 = re.match(r"[\s-]*(?:county|province|district|city|-gun|군|도)\b", text[end : end + 12], re.I)
    if m2:
        end += m2.end()
    res = _geocode_mention(ctx, text[m.start : end], country)
    return (res, m.start, end) if res is not None else None


#: How specific a kind of place is (a tie-break between launch places of equal cue strength).


_IMPACT_BEFORE = re.compile(
    r"\b(?:hit|struck|arrived|landed|fell|impacted|targets?)\b[\w\s'’,-]{0,40}\b(?:at|in|on)\s+(?:the\s+)?$",
    re.I,
)


def _world_launch_place(
    ctx: _Ctx, sents: list[_Sentence], country: str | None
) -> tuple[GeocodeResult, int, int] | None:
    """A launch place among the world places (:mod:`geo.geocoding.world`) for a launch outside the
    curated countries: a place after "from", "near", "in the X area", "から", "에서", in the
    launching country when it is known."""
    if country in ("KP", "KR", "JP"):
        return None
    text = ctx.text
    for s in sents:
        for p in ctx.gaz.world().find(s.text):
            start, end = s.start + p.start, s.start + p.end
            if country is not None and p.country != country:
                continue
            before = text[max(s.start, start - 70) : start]
            after = text[end : min(s.end, end + 20)]
            if _SUBJECT_AFTER.match(after):
                continue
            if (
                re.search(r"\bfrom\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}$", before, re.I)
                or _LAUNCH_BEFORE.search(before)
                or _LAUNCH_AFTER.match(after)
            ):
                return p.result(text[start:end]), start, end
    return None


_REL_EN_PHRASE = re.compile(
    r"(?P<len>(?:(?:about|approximately|some|around|roughly|nearly)\s+)?[\d,.]+\s*(?:km|kilometers?|kilometres?|"
    r"miles?|nautical\s+miles?|nm))(?:\s*\([^)]{0,30}\))?\s+(?:to\s+the\s+)?(?P<dir>(?:due\s+)?[a-z-]+|[NSEW]{1,3})\s+(?:of|from|off)\s+"
    r"(?:the\s+)?$",
    re.I,
)


def _landing_place(
    ctx: _Ctx, sents: list[_Sentence], country: str | None
) -> tuple[GeocodeResult, int, int] | None:
    """The most precise landing place: a relative position, then "off X" / "X沖", then a coast, then a sea."""
    text, gaz = ctx.text, ctx.gaz
    cands: list[tuple[int, int, GeocodeResult, int, int]] = []  # (priority, order, result, start, end)
    order = 0
    for s in sents:
        ms = [m for m in ctx.mentions if s.start <= m.start < s.end]
        for m in ms:
            order += 1
            before = text[max(s.start, m.start - 60) : m.start]
            after = text[m.end : min(s.end, m.end + 30)]
            # English relative: "about 200 km west of Okushiri Island"
            rel = _REL_EN_PHRASE.search(before)
            if rel is not None:
                a = m.start - len(before) + rel.start()
                phrase = f"{rel.group('len')} {rel.group('dir')} of {m.text}"
                res = _geocode_mention(ctx, phrase, None)
                if res is not None:
                    cands.append((0, order, res, a, m.end))
                    continue
            # Japanese relative: "奥尻島の西約200km", "渡島大島西方約250キロ", "島後沖の北約350km"
            mja = re.match(
                r"^(?:沖)?の?(?:[北南東西]{1,3})(?:方向?)?(?:に|へ)?\s*(?:約|およそ)?\s*[\d,.]+\s*(?:キロメートル|キロ|km|㎞|海里)",
                after,
            )
            if mja is not None:
                end = m.end + mja.end()
                res = _geocode_mention(ctx, text[m.start : end], None)
                if res is not None:
                    cands.append((0, order, res, m.start, end))
                    continue
            kinds = _kinds(gaz, m)
            if _OVERFLIGHT.search(before) or re.match(r"^\s*(?:上空|상공)", after):
                continue
            off_before = re.search(
                r"\boff\s+(?:the\s+)?(?:(?:coast|coastline|shore)\s+(?:of|near)\s+)?(?:[\w'’-]+\s+){0,2}$",
                before,
                re.I,
            )
            oki = re.match(r"^\s*(?:沖|近海)", after)
            if oki is not None or (off_before and not kinds & {"sea", "coast"}):
                phrase = f"{text[m.start : m.end]}沖" if oki is not None else f"off {m.text}"
                a = m.start if not off_before else m.start - len(before) + off_before.start()
                e = m.end + (len(oki.group(0)) if oki is not None else 0)
                res = _geocode_mention(ctx, phrase, country)
                if res is not None:
                    cands.append((1, order, res, a, e))
                    continue
            poss = re.match(r"^\s*['’]s\s+", after)
            if poss is not None and any(n.start == m.end + poss.end() for n in ms):
                continue  # "Okinawa's Hateruma Island": the island, not the prefecture
            is_country = _is_country_entry(gaz, m)
            if (
                not is_country
                and kinds & {"island", "region", "city", "county"}
                and not kinds & {"sea"}
                and re.search(
                    r"(?:\bshort\s+of|\bnear|\bsplashed\s+down|\blanded|\bfell|\bin\s+waters)\s+(?:[\w'’-]+\s+){0,4}$",
                    before,
                    re.I,
                )
                and (country is None or country not in _entry_country(gaz, m))
            ):
                res = _geocode_mention(ctx, f"off {m.text}", None)
                if res is not None:
                    cands.append((2, order, res, m.start, m.end))
                    continue
            if kinds & {"facility"} and _IMPACT_BEFORE.search(before):  # "hit targets at the Kura range"
                res = _geocode_mention(ctx, m.text, None)
                if res is not None:
                    cands.append((2, order, res, m.start, m.end))
                    continue
            if "coast" in kinds and not _LAUNCH_AFTER.match(after):
                res = _geocode_mention(
                    ctx,
                    m.text if not re.search(r"\boff\s+(?:the\s+)?$", before, re.I) else f"off {m.text}",
                    country,
                )
                if res is not None:
                    sea = (
                        _geocode_mention(
                            ctx, f"off the {'east' if 'east' in res.entry_id else 'west'} coast", None
                        )
                        if res.entry_id in ("kp-east-coast", "kp-west-coast")
                        else None
                    )
                    cands.append((2, order, sea or res, m.start, m.end))
                    continue
            if (kinds == {"sea"} or (kinds & {"sea"} and len(kinds) == 1)) and (
                _LANDING_BEFORE.search(before)
                or _LANDING_AFTER.match(after)
                or re.search(r"\bin\s+(?:the\s+)?$", before, re.I)
            ):
                res = _geocode_mention(ctx, m.text, None)
                if res is not None:
                    cands.append((3, order, res, m.start, m.end))
    if not cands:
        return None
    _pr, _, res, a, b = min(cands, key=lambda c: (c[0], c[1]))
    return res, a, b
