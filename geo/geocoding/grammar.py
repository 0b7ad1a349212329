"""The place-phrase grammar: place descriptions as news reports write them -> a region.

A report rarely gives coordinates. It says "from a train in Yangdok county", "the Sunan area of
Pyongyang", "off the east coast near Wonsan", "the mountainous central region" or "about 200 km
west of Okushiri Island". :func:`geocode` turns such words into a :class:`GeocodeResult`: a
**region** (a shapely Polygon/MultiPolygon in lon/lat, x = lon, y = lat, WGS84), a representative
point, an **uncertainty** and an **explanation** of which entry and which rule produced it. It never
returns a bare point, and it never guesses silently: unknown or ambiguous text raises
:class:`GeocodeError` listing the candidates.

Rules (``GeocodeResult.rule``)
------------------------------
``entry``
    The text names one gazetteer entry; its region as stored.
``county-from-seat``
    "X county" where X is only known as a town: a 20 km geodesic disc around the town.
``context``
    "X in Y", "X, Y", "the X area of Y": X's candidates are narrowed to those within
    :data:`CONTEXT_TOLERANCE_KM` of Y's region; X's region is returned.
``offshore``
    "off X", "off the coast of X", "off the east coast near X": the sea within
    :data:`~geo.geocoding.rules.OFFSHORE_KM` of X's region (land removed with Natural Earth 10m land).
``offshore-coast``
    "off the east/west coast" (of North Korea): the sea part of the coastal strip.
``relative``
    "about D km <direction> of X" (km, kilometres, nautical miles, nm, miles; 16 compass points in
    English or Japanese, e.g. "奥尻島の西約200km"): the point is ``Geod.fwd`` from X's point at the
    direction's azimuth and distance D; the region is the geodesic sector ``azimuth ± spread`` x
    ``D ± max(10 % of D, 5 km)``, grown by X's uncertainty. The spread is ±22.5° for the 8
    principal directions (N, NE, E, ...: the reporter chose among 8), ±11.25° for the 8
    intermediate 16-point directions (NNE, ENE, ...) and ±5° for "due <direction>". An anchor wider
    than D (a sea, a province for a short hop) is refused, and a direction without a distance
    ("east of Hokkaido") asks for one.
``unreported-country`` / ``placeholder-country`` / ``coordinates``
    Used by :func:`~geo.geocoding.records.geocode_records` only (see there).

Meaning of ``uncertainty_km``
-----------------------------
The radius of the smallest geodesic circle **centred on the representative point (lon, lat)**
that contains the whole region: "the place is within ``uncertainty_km`` of (lon, lat)". For a
disc entry it is the disc's radius; for a polygon it is the largest geodesic distance from the
point to the region's boundary vertices.

Ambiguity
---------
Several best matches that are different places raise :class:`GeocodeError` listing them; a
``country="KP"`` hint or a context ("Kangwon, North Korea") resolves them.

Examples
--------
>>> from geo.geocoding.index import Gazetteer
>>> gaz = Gazetteer.load()
>>> r = gaz.geocode("from a train in Yangdok county")
>>> r.kind, r.label, r.uncertainty_km
('county', 'Yangdok County', 20.0)
>>> r = gaz.geocode("about 200 km west of Okushiri Island")
>>> r.rule, round(r.lon, 1), round(r.lat, 1)
('relative', 137.1, 42.1)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from geo.geocoding.compass import parse_direction
from geo.geocoding.index import Gazetteer, _Match
from geo.geocoding.names import KIND_SUFFIXES, clean_text, normalize_name
from geo.geocoding.regions import areal
from geo.geocoding.result import GeocodeError, GeocodeResult
from geo.geocoding.rules import MAX_RELATIVE_KM, offshore, offshore_coast, relative
from geo.geodesy import distance_to_region_km, geodesic_ring

__all__ = ["CONTEXT_TOLERANCE_KM", "COUNTY_RADIUS_KM", "MAX_PHRASE_CHARS", "geocode", "geocode_text"]

#: Radius (km) of a county given by its seat: counties of North Korea are about 500 to 1,500 km².
COUNTY_RADIUS_KM: float = 20.0
#: "X in Y": X's point must lie within this many km of Y's region (a town's disc only
#: approximates its real extent, so a context is a filter, not a boundary).
CONTEXT_TOLERANCE_KM: float = 30.0
#: Longest place description :func:`geocode` accepts (characters).
MAX_PHRASE_CHARS: int = 300

_UNITS: dict[str, float] = {
    "km": 1.0, "kms": 1.0, "kilometre": 1.0, "kilometres": 1.0, "kilometer": 1.0, "kilometers": 1.0,
    "キロ": 1.0, "キロメートル": 1.0, "nm": 1.852, "nmi": 1.852, "nautical mile": 1.852,
    "nautical miles": 1.852, "海里": 1.852, "mile": 1.609344, "miles": 1.609344, "mi": 1.609344,
}  # fmt: skip
_DIR_RE = (
    r"(?P<due>due\s+)?(?P<dir>(?:north|south|east|west)(?:[\s-]?(?:north|south|east|west))?"
    r"(?:[\s-]?(?:north|south|east|west))?|nne|ene|ese|sse|ssw|wsw|wnw|nnw|ne|se|sw|nw|n|e|s|w)"
)
_NUM_RE = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_UNIT_RE = r"(?P<unit>nautical miles?|kilomet(?:re|er)s?|kms?|nmi|nm|miles?|mi)"
_REL_EN = re.compile(
    r"(?:^|\s)(?:(?P<about>about|approximately|approx\.?|around|some|roughly|nearly|almost|circa|c\.|~)\s*)?"
    + _NUM_RE
    + r"\s*"
    + _UNIT_RE
    + r"\s+(?:to\s+the\s+|to\s+|off\s+)?"
    + _DIR_RE
    + r"\s+(?:of|from)\s+(?P<anchor>.+)$"
)
#: A relative phrase whose distance is not a plain positive number ("-0 km", "1e309 km", "NaN km",
#: "two hundred km east of X"): refused with a clear message rather than read as a place name.
_REL_BAD_NUM = re.compile(
    r"(?:^|\s)(?P<num>\S+)\s*"
    + _UNIT_RE
    + r"\s+(?:to\s+the\s+|to\s+|off\s+)?"
    + _DIR_RE
    + r"\s+(?:of|from)\s+\S"
)
_REL_JA = re.compile(
    r"^(?P<anchor>.+?)の?(?P<dir>北北東|東北東|東南東|南南東|南南西|西南西|西北西|北北西|北東|南東|南西|北西|北|東|南|西)"
    r"(?:方)?(?:に|へ)?(?P<about>約|およそ|おおよそ)?\s*(?P<num>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>キロメートル|キロ|km|海里|nm)"
)
_OFF_COAST = re.compile(
    r"^(?:(?:in\s+)?(?:the\s+)?(?:waters|sea)\s+)?off\s+(?:the\s+)?(?:(?P<side>north|south|east|west)(?:ern)?\s+)"
    r"coast(?:line)?(?:\s+of\s+(?P<of>.+?))?(?:\s*,?\s*(?:near|close\s+to|by|at)\s+(?P<near>.+))?$"
)
_OFF = re.compile(
    r"^(?:(?:in\s+)?(?:the\s+)?(?:waters|sea)\s+)?off\s+(?:the\s+)?(?:(?:coast(?:line)?|shore|waters)\s+(?:of|near)\s+)?"
    r"(?P<x>.+)$"
)
_LEADING = re.compile(
    r"^(?:(?:was|were|been|it|they|missiles?|launched|fired|detected|launch(?:es)?|flew|took\s+off|"
    r"lifted\s+off)\s+)*"
    r"(?:(?:from|in|at|near|around|over|into|inside|within|on|by)\s+)?"
    r"(?:(?:a|an|the)\s+)?"
    r"(?:(?:train|rail\s*car|railway\s+car|railway|rail|submarine|ship|vessel|barge|(?:mobile\s+)?launcher|"
    r"tel|transporter[- ]erector[- ]launcher|launch\s+pad|pad|silo|site|location|spot)\s+"
    r"(?:(?:in|at|near|on|from)\s+|(?=off\s)))?"
    r"(?:(?:a|an|the)\s+)?"
    r"(?:(?:vicinity|area|region|outskirts|environs|surroundings|suburbs)\s+(?:of|near|around)\s+)?"
    r"(?:(?:the)\s+)?"
)
_DIR_ONLY = re.compile(r"^(?:(?:to\s+the|just|somewhere)\s+)?" + _DIR_RE + r"\s+of\s+(?P<anchor>.+)$")
_JA_PREFECTURE = re.compile(r"^(.{1,4}?[都道府県])(.+)$")
_JA_OFFSHORE = re.compile(r"^(?P<x>.+?)(?:の)?(?:沖合|沖|近海)$")
_WORD = re.compile(r"[^\W_]")  # a letter or digit, in any script
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_TRAILING = re.compile(
    r"\s+(?:area|vicinity|region|environs|outskirts|suburbs|(?:missile\s+|satellite\s+)?(?:launch|test|testing)\s+"
    r"(?:site|pad|facility|ground|area)|site)$"
)
_CONTEXT_SPLIT = re.compile(r"\s*,\s*|\s+(?:in|of|near|inside|within)\s+")
#: "X, Y, Z": at most two nested contexts (the work grows with the square of the commas).
_MAX_CONTEXT_DEPTH = 2
#: Separators tried per level, rightmost first: "X in Y, Z, W" needs three; ", , , ..." or
#: " in in in ..." (150 separators) took seconds when every one was tried at every level.
_MAX_CONTEXT_SPLITS = 6


def _direction(word: str) -> tuple[float, float, str]:
    """(azimuth, half-width, label) of a compass direction in any spelling (:mod:`geo.geocoding.compass`)."""
    d = parse_direction(word)
    return d.azimuth_deg, d.half_width_deg, d.code


def geocode_text(gaz: Gazetteer, text: str, *, country: str | None = None) -> GeocodeResult:
    """Geocode a place description with ``gaz`` (what :meth:`Gazetteer.geocode` runs).

    Parameters
    ----------
    gaz : Gazetteer
        The loaded gazetteer.
    text : str
        The description, at most :data:`MAX_PHRASE_CHARS` characters.
    country : {"KP", "KR", "JP"}, keyword-only, optional
        Keep only entries of this country (case-insensitive; seas are not filtered).

    Returns
    -------
    GeocodeResult
        Region (lon/lat, x = lon), representative point, ``uncertainty_km``, explanation.

    Raises
    ------
    GeocodeError
        Unknown or ambiguous text; ``.candidates`` lists the places it could mean.
    ValueError
        ``country`` is not KP, KR or JP.
    """
    if not isinstance(text, str) or not text.strip():
        raise GeocodeError(str(text), "empty place description: give a place name such as 'Yangdok county'")
    if len(text) > MAX_PHRASE_CHARS:
        raise GeocodeError(
            text[:50] + "...", f"place description too long (at most {MAX_PHRASE_CHARS} characters)"
        )
    if country is not None:
        country = country.upper()
        if country not in ("KP", "KR", "JP"):
            raise ValueError(f"country must be 'KP', 'KR' or 'JP', got {country!r}")
    try:
        return _parse(gaz, text, clean_text(text), country=country)
    except GeocodeError as err:
        if country is None or "unknown place" not in str(err):
            raise
        try:  # the name may exist, only in another country: say so rather than "no entry has this name"
            elsewhere = _parse(gaz, text, clean_text(text), country=None)
        except GeocodeError:
            raise err from None
        where = f" ({elsewhere.country})" if elsewhere.country else ""
        raise GeocodeError(
            text,
            f"{text!r} is {elsewhere.label}{where}, which is not in {country}: check the country hint"
            " (or the record's 'country') and the place name",
            [elsewhere.label],
        ) from None


def _parse(gaz: Gazetteer, query: str, q: str, *, country: str | None, depth: int = 0) -> GeocodeResult:
    """Parse ``q`` (cleaned ``query``). ``depth`` counts nested contexts ("X, Y, Z" is 2); it
    bounds the work on long comma lists."""
    m = _REL_EN.search(q)
    if m:
        return _relative(gaz, query, m.group("anchor"), m, country=country, lang="en")
    m = _REL_JA.search(unicodedata.normalize("NFKC", query).strip())
    if m:
        return _relative(gaz, query, m.group("anchor"), m, country=country, lang="ja")
    m = _REL_BAD_NUM.search(q)
    if m:
        raise GeocodeError(
            query,
            f"distance {m.group('num')!r} is not a plain positive number: write it in digits, e.g. "
            f"'about 200 {m.group('unit')} {m.group('dir')} of <place>'",
            [],
        )
    stripped = _LEADING.sub("", q).strip()
    m = _DIR_ONLY.match(stripped)
    if m and not gaz._lookup(stripped):
        raise GeocodeError(
            query,
            f"{query!r} gives a direction but no distance: write e.g. 'about 200 km "
            f"{m.group('dir')} of <place>' (a distance is needed to place it)",
            [],
        )
    m = _JA_OFFSHORE.match(stripped)
    if m and not gaz._lookup(stripped):  # "能登半島沖": off the Noto Peninsula
        anchor = _parse(gaz, m.group("x"), clean_text(m.group("x")), country=country, depth=depth)
        return offshore(gaz, query, anchor)
    m = _OFF_COAST.match(stripped)
    if m:
        return _offshore_coast(gaz, query, m, country=country)
    m = _OFF.match(stripped)
    if m:
        anchor = _parse(gaz, m.group("x"), clean_text(m.group("x")), country=country, depth=depth)
        return offshore(gaz, query, anchor)
    return _place(gaz, query, q, country=country, depth=depth)


def _place(gaz: Gazetteer, query: str, q: str, *, country: str | None, depth: int = 0) -> GeocodeResult:
    """A place name, possibly with fillers and a context ("X in Y", "X, Y")."""
    forms = list(dict.fromkeys([q, _LEADING.sub("", q).strip()]))
    forms += [_TRAILING.sub("", f).strip() for f in forms]
    forms = [f for f in dict.fromkeys(forms) if f]
    ambiguous: GeocodeError | None = None
    context_error: GeocodeError | None = None
    # exact names of every form before any romanisation-folded match ("the Oki Islands" must
    # not fold "theoki" into "Toki")
    for folded in (False, True):
        for form in forms:
            try:
                res = _name(gaz, query, form, country=country, folded=folded)
            except GeocodeError as err:
                if err.candidates and ambiguous is None and "could mean" in str(err):
                    ambiguous = err
                continue
            if res is not None:
                return res
    # "北海道奥尻島", "島根県隠岐諸島": Japanese writes the prefecture before the place, unseparated.
    m = _JA_PREFECTURE.match(q) if _CJK.search(q) and depth < _MAX_CONTEXT_DEPTH else None
    if m:
        try:
            ctx = _parse(gaz, m.group(1), m.group(1), country=country, depth=depth + 1)
        except GeocodeError:
            ctx = None
        if ctx is not None:
            return _in_context(gaz, query, m.group(2), ctx, country=country)
    # "X in Y", "X, Y", "the X area of Y": try each split, rightmost first.
    base = forms[-1] if forms else q
    for form in dict.fromkeys([_LEADING.sub("", q).strip(), base]) if depth < _MAX_CONTEXT_DEPTH else ():
        splits = list(_CONTEXT_SPLIT.finditer(form))[-_MAX_CONTEXT_SPLITS:]
        for sp in reversed(splits):
            left, right = form[: sp.start()].strip(), form[sp.end() :].strip()
            if not _WORD.search(left) or not _WORD.search(right):  # nothing to name a place
                continue
            try:
                ctx = _parse(gaz, right, right, country=country, depth=depth + 1)
            except GeocodeError:
                continue
            try:
                return _in_context(gaz, query, left, ctx, country=country)
            except GeocodeError as err:  # "X, Y, Z": the next split may read "Y, Z" as the context
                context_error = context_error or err
    if ambiguous is None and context_error is None and depth == 0:
        found = _from_mentions(gaz, query, country=country)
        if found is not None:
            return found
    if ambiguous is not None:
        raise ambiguous
    if context_error is not None:
        raise context_error
    cands = gaz.search(base, limit=6) if depth == 0 else []
    hint = f" Did you mean: {'; '.join(cands)}?" if cands else ""
    raise GeocodeError(
        query,
        f"unknown place {query!r}: no gazetteer entry has this name.{hint} "
        "Write a place name (facility, city, county, province, island, sea) or "
        "'about 200 km west of <place>' / 'off <place>'.",
        cands,
    )


def _name(
    gaz: Gazetteer, query: str, text: str, *, country: str | None, folded: bool
) -> GeocodeResult | None:
    text = _TRAILING.sub("", text).strip() if not gaz._lookup(text) else text
    matches, kind, _ = gaz._candidates_for(text, country=country, passes=(folded,))
    if not matches:
        return None
    return _resolve(gaz, query, matches, kind=kind, context=None)


def _resolve(
    gaz: Gazetteer, query: str, matches: list[_Match], *, kind: str | None, context: GeocodeResult | None
) -> GeocodeResult:
    e = gaz.entries
    idxs = list(dict.fromkeys(m.idx for m in matches))
    tier = min(m.tier for m in matches)
    how = ["main name", "other name", "romanisation variant", "romanisation variant"][tier]
    note = f"Matched by {how}."
    if context is not None:
        note += f" Context: within {CONTEXT_TOLERANCE_KM:g} km of {context.label}."
    if len(idxs) > 1:
        chosen = gaz._same_place(idxs)
        if chosen is None:
            labels = [gaz._describe(i) for i in idxs]
            first = e.iloc[idxs[0]]
            example = (
                str(first["label"])
                if first["kind"] in ("province", "region", "sea")
                else f"{first['label']}, {first['admin1'] or first['country']}"
            )
            raise GeocodeError(
                query,
                f"ambiguous place {query!r}: it could mean {len(labels)} different places: "
                f"{'; '.join(labels)}. Add a province or country to disambiguate "
                f"(e.g. '{example}') or pass country='KP'/'KR'/'JP'.",
                labels,
            )
        others = [gaz._describe(i) for i in idxs if i != chosen]
        note += (
            f" The same name also matches {'; '.join(others)}, which lie inside this region: "
            "the larger region is used."
        )
        idxs = [chosen]
    idx = idxs[0]
    if kind == "county" and e.at[idx, "kind"] == "city":
        row = e.iloc[idx]
        region = areal(geodesic_ring(float(row["lon"]), float(row["lat"]), COUNTY_RADIUS_KM))
        return GeocodeResult(
            query=query,
            label=f"{row['label']} County",
            kind="county",
            region=region,
            lon=float(row["lon"]),
            lat=float(row["lat"]),
            uncertainty_km=COUNTY_RADIUS_KM,
            explanation=(
                f"County given by its seat: gazetteer entry '{row['entry_id']}' {gaz._describe(idx)}; "
                f"there is no county boundary data, so the county is a {COUNTY_RADIUS_KM:g} km geodesic "
                f"disc around its seat. Source: {row['source']}. {note}"
            ),
            entry_id=str(row["entry_id"]),
            rule="county-from-seat",
            country=str(row["country"]),
        )
    return gaz._result_from_entry(query, idx, rule="context" if context else "entry", note=note)


_MENTION_GAP = re.compile(r"\s*(?:,|in|of|near|,\s*in)\s+(?:the\s+)?|\s*,?\s*", re.I)


def _from_mentions(gaz: Gazetteer, query: str, *, country: str | None) -> GeocodeResult | None:
    """The place named inside a phrase the grammar does not parse ("fired near the city of Wonsan",
    "launched on Sept. 15 from Yangdok county", "North Korea's mountainous central region"): the
    first gazetteer name in it that is not a whole country (the country when nothing else is named),
    with the next name as its context ("Kusong in North Pyongan"). ``None`` when no name is found."""
    mentions = gaz.mentions(query)
    if not mentions:
        return None
    local = [
        m for m in mentions if not all(str(gaz.entries.iat[i, 0]).endswith("-country") for i in m.entries)
    ]
    pick = (local or mentions)[0]
    later = [m for m in mentions if m.start >= pick.end]
    end = pick.end
    suffix = re.match(
        r"[\s-]*(?:county|province|district|city|island|islands|peninsula|-gun|-do|군|도)\b",
        query[end:],
        re.I,
    )
    if suffix:
        end += suffix.end()
    phrase = query[pick.start : end]
    attempts = []
    if later and _MENTION_GAP.fullmatch(query[end : later[0].start]):
        attempts.append(f"{phrase} in {later[0].text}")
    attempts.append(phrase)
    for attempt in attempts:
        try:
            res = _parse(gaz, attempt, clean_text(attempt), country=country, depth=1)
        except GeocodeError:
            continue
        note = f" The place name {pick.text!r} was found inside the phrase."
        return replace(res, query=query, explanation=res.explanation + note)
    return None


def _in_context(
    gaz: Gazetteer, query: str, left: str, ctx: GeocodeResult, *, country: str | None
) -> GeocodeResult:
    left = _LEADING.sub("", left).strip()
    left = _TRAILING.sub("", left).strip() or left
    matches, kind, _ = gaz._candidates_for(left, country=country)
    if not matches:
        # all matches (any quality), then filter by the context
        raw = gaz._lookup(left)
        for pattern, k in KIND_SUFFIXES:
            base = pattern.sub("", left).strip()
            if not raw and base != left:
                raw, kind = gaz._lookup(base), k
        matches = raw
    if not matches:
        cands = gaz.search(left, limit=6)
        hint = f" Did you mean: {'; '.join(cands)}?" if cands else ""
        raise GeocodeError(query, f"unknown place {left!r} (in {ctx.label}).{hint}", cands)
    idx_list = [m.idx for m in matches]
    lons, lats = gaz._lon[idx_list], gaz._lat[idx_list]
    d = distance_to_region_km(lons, lats, ctx.region)
    inside = [m for m, dk in zip(matches, d, strict=True) if dk <= CONTEXT_TOLERANCE_KM]
    if not inside:  # "Gangwon-do, North Korea": the exact name is the South's; the folded one the North's
        folded, fkind, _ = gaz._candidates_for(left, country=country, passes=(True,))
        if folded:
            fd = distance_to_region_km(
                gaz._lon[[m.idx for m in folded]], gaz._lat[[m.idx for m in folded]], ctx.region
            )
            near = [m for m, dk in zip(folded, fd, strict=True) if dk <= CONTEXT_TOLERANCE_KM]
            if near:
                inside, kind = near, fkind or kind
    if not inside:
        labels = [gaz._describe(m.idx) for m in matches]
        own = gaz._best(matches, kind=kind, country=ctx.country or country)
        point_like = ctx.kind in ("county", "city", "facility", "airport") and ctx.rule in (
            "entry",
            "context",
            "county-from-seat",
        )
        if point_like and own and len({m.idx for m in own}) == 1:
            # A county or town is only a disc around its seat: its real extent may reach further.
            far = float(d[[m.idx for m in matches].index(own[0].idx)])
            res = _resolve(gaz, query, own, kind=kind, context=None)
            return replace(
                res,
                explanation=res.explanation
                + f" Context '{ctx.label}' NOT confirmed: the place lies {far:.0f} km from that "
                f"{ctx.kind}'s disc (a disc around its seat only approximates its extent).",
            )
        raise GeocodeError(
            query,
            f"no place called {left!r} lies in or within {CONTEXT_TOLERANCE_KM:g} km of {ctx.label}; "
            f"places with that name: {'; '.join(labels)}. Check the place and its context.",
            labels,
        )
    best = gaz._best(inside, kind=kind, country=None) or inside
    return _resolve(gaz, query, best, kind=kind, context=ctx)


def _relative(
    gaz: Gazetteer, query: str, anchor_text: str, m: re.Match[str], *, country: str | None, lang: str
) -> GeocodeResult:
    """ "D <unit> <direction> of X" (``lang="en"``) or "Xの<direction>約D km" (``lang="ja"``)."""
    num = float(m.group("num").replace(",", ""))
    unit_word = re.sub(r"\s+", " ", m.group("unit").lower())
    factor = _UNITS.get(unit_word, _UNITS.get(unit_word.rstrip("s"), 1.0))
    dist = num * factor
    if lang == "ja":
        az, half, dlabel = _direction(m.group("dir"))
    else:
        try:
            az, half, dlabel = _direction(m.group("dir"))
        except ValueError as err:
            raise GeocodeError(query, f"{err}; use N, NE, ENE, ..., or north-west", []) from err
        if m.group("due"):
            half = 5.0
    if not (0.0 < dist < MAX_RELATIVE_KM):
        raise GeocodeError(
            query,
            f"distance {dist:g} km out of range: expected more than 0 and under {MAX_RELATIVE_KM:,.0f} km",
        )
    anchor = _parse(gaz, anchor_text, clean_text(anchor_text), country=country)
    unit_txt = f"{num:g} {m.group('unit')} = {dist:.1f} km" if factor != 1.0 else f"{dist:g} km"
    return relative(
        query,
        anchor,
        distance_km=dist,
        azimuth_deg=az,
        spread_deg=half,
        direction_label=dlabel,
        distance_text=unit_txt,
    )


def _offshore_coast(gaz: Gazetteer, query: str, m: re.Match[str], *, country: str | None) -> GeocodeResult:
    """ "off the <side> coast [of X] [near Y]"."""
    side = m.group("side")
    near = m.group("near")
    of = m.group("of")
    if near:
        anchor = _parse(gaz, near, clean_text(near), country=country)
        return replace(offshore(gaz, query, anchor), label=f"Sea off the {side} coast near {anchor.label}")
    if of and normalize_name(of) not in ("northkorea", "thekoreanpeninsula", "koreanpeninsula", "dprk"):
        anchor = _parse(gaz, of, clean_text(of), country=country)
        return offshore(gaz, query, anchor)
    return offshore_coast(gaz, query, side)


def geocode(text: str, *, gazetteer: Gazetteer | None = None, country: str | None = None) -> GeocodeResult:
    """Geocode ``text`` with ``gazetteer`` (loads the shipped one when ``None``: about 0.5 s; the
    app keeps one :class:`Gazetteer` in its cache and passes it).

    Parameters
    ----------
    text : str
        A place description, at most 300 characters (see :meth:`Gazetteer.geocode`).
    gazetteer : Gazetteer, keyword-only, optional
        The gazetteer to use; default :meth:`Gazetteer.load` of :data:`GAZETTEER_DIR`.
    country : {"KP", "KR", "JP"}, keyword-only, optional
        Disambiguation hint (case-insensitive).

    Returns
    -------
    GeocodeResult
        Region (lon/lat polygon, x = lon), representative point ``(lon, lat)`` in degrees,
        ``uncertainty_km``, explanation.

    Raises
    ------
    GeocodeError
        Unknown or ambiguous text (``.candidates`` lists the places it could mean).
    ValueError
        ``country`` is not KP, KR or JP.

    >>> r = geocode("Sunan in Pyongyang")
    >>> r.rule, r.kind
    ('context', 'facility')
    """
    gaz = gazetteer if gazetteer is not None else Gazetteer.load()
    return geocode_text(gaz, text, country=country)
