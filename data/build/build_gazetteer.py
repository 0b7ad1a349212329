"""Build the offline gazetteer in ``data/gazetteer/`` from ``../shared/data`` (run from anywhere).

Inputs (read-only, see ``../shared/data/SOURCES.md``):

* GeoNames cities500 for KP, KR, JP (CC BY 4.0) -> city entries (point + population).
* Natural Earth 10m admin-1 of PRK/KOR/JPN (public domain) -> province entries (polygons) and the
  three countries (dissolved provinces).
* Natural Earth 10m geography marine polygons -> named seas, clipped to 115E-165E, 20N-55N.
* Natural Earth 10m land (east-Asia clip) -> island polygons and ``land.geojson`` (used at run time
  by the "off the coast of X" rule to keep only sea).
* nk-missile-tests ``facility.en.json`` / ``facility.ja.json`` (Apache-2.0) -> launch facilities
  (``data/catalogue/facilities.csv`` is not needed: the JSON is the upstream of that file).
* Hand-written tables shipped in ``data/gazetteer/``: ``places_curated.csv`` (islands, seas'
  aliases, counties, vague regions, coasts, capes) and ``facility_aliases.csv`` (short names of
  facilities such as Tongchang-ri or Kalma).

Outputs (``data/gazetteer/``):

* ``entries.csv`` - one row per gazetteer entry: id, kind, label, country, admin1 (province label),
  representative lon/lat, uncertainty_km (for point entries: the disc radius; for polygon entries
  empty, computed from the polygon at load time), population, curated flag, ``names`` (primary
  names, ``|``-separated), ``alt_names`` (secondary names), source.
* ``regions.geojson`` - polygons of polygon entries (provinces, countries, seas, islands, coasts,
  vague regions), keyed by ``entry_id``, simplified, 5 decimals.
* ``land.geojson`` - Natural Earth 10m land clipped to 118E-150E, 30N-47N, simplified.

Geodesic buffers (coastal strips, "land within X km") use ``geo.geodesy.buffer_region``, the same
GeographicLib (WGS84) buffer the app uses, never degrees or a projection. The output is
deterministic: same inputs -> same bytes.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import Point, box, mapping, shape
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # geo.geodesy, when run as `python data/build/build_gazetteer.py`

from geo.geodesy import buffer_region  # noqa: E402

# ``../shared/data`` beside the clone; LAUNCH_ATLAS_SHARED overrides it (a worktree elsewhere).
SHARED = Path(os.environ.get("LAUNCH_ATLAS_SHARED", str(ROOT.parent / "shared"))) / "data"
OUT = ROOT / "data" / "gazetteer"

GEONAMES = SHARED / "gazetteer" / "geonames_cities500_KP_KR_JP.csv"
ADMIN1 = SHARED / "natural_earth" / "10m_east_asia" / "ne_10m_admin_1_PRK_KOR_JPN.geojson"
MARINE = SHARED / "natural_earth" / "10m_world" / "ne_10m_geography_marine_polys.geojson"
LAND = SHARED / "natural_earth" / "10m_east_asia" / "ne_10m_land_100E-170E_10N-65N.geojson"
FAC_EN = SHARED / "events" / "nk_missile_tests" / "facility.en.json"
FAC_JA = SHARED / "events" / "nk_missile_tests" / "facility.ja.json"

SEA_CLIP = box(115.0, 20.0, 165.0, 55.0)
LAND_CLIP = box(118.0, 30.0, 150.0, 47.0)
COUNTRY = {"PRK": "KP", "KOR": "KR", "JPN": "JP"}
SIMPLIFY_DEG = {"province": 0.005, "region": 0.005, "sea": 0.02, "island": 0.002, "coast": 0.005}
COAST_BUFFER_KM = 30.0
COAST_SPLIT_LON = 127.0

# Scripts kept from GeoNames alternate names: Latin, Hangul, Kana, CJK ideographs.
_KEEP_SCRIPT = re.compile(
    r"^[\sA-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF'’`\-.,()·]+$|[\uAC00-\uD7AF\u3040-\u30FF\u4E00-\u9FFF]"
)
_LATIN_ONLY = re.compile(r"^[\sA-Za-z0-9\u00C0-\u024F\u1E00-\u1EFF'’`\-.,()·]+$")
# Generic words stripped from facility names to give their short name (a secondary name).
_FACILITY_WORDS = re.compile(
    r"\s*\b(satellite launching (station|ground)|missile base|international airport|airport|airbase|"
    r"airfield|field|shipyard|testing ground|arms plant|missi?le test site( #\d)?|reservoir)\b\s*",
    re.IGNORECASE,
)
_FACILITY_JA_WORDS = re.compile(
    r"(衛星発射場|ミサイル基地|国際空港|空軍基地|空港|造船所|実験場|飛行場|軍需工場|ダム湖|野原|北部|南部|西部|東部)"
)
_INSTALLATION = re.compile(
    r"satellite|missile|shipyard|airport|airbase|airfield|testing|arms|test site|field", re.I
)
_AIRPORT = re.compile(r"airport|airbase|airfield", re.I)


def _round_geom(geom: shapely.Geometry, tol: float) -> shapely.Geometry:
    g = shapely.simplify(geom, tol, preserve_topology=True)
    g = shapely.set_precision(g, 1e-5)
    g = shapely.make_valid(g)
    polys = [p for p in getattr(g, "geoms", [g]) if p.geom_type in ("Polygon", "MultiPolygon")]
    out = unary_union(polys)
    return shapely.normalize(out)


def _split_names(s: str) -> list[str]:
    return [n.strip() for n in str(s).split("|") if n and n.strip() and n.strip().lower() != "nan"]


def load_admin1() -> gpd.GeoDataFrame:
    a = gpd.read_file(ADMIN1)
    a["name_local"] = a["name_local"].fillna("").str.strip()
    return a.sort_values("iso_3166_2").reset_index(drop=True)


def build() -> None:
    admin1 = load_admin1()
    land = gpd.read_file(LAND)
    land_union = unary_union(list(land.geometry))
    land_parts = list(getattr(land_union, "geoms", [land_union]))
    marine = gpd.read_file(MARINE)
    rows: list[dict[str, object]] = []
    regions: dict[str, shapely.Geometry] = {}

    def province_of(lon: float, lat: float) -> str:
        p = Point(lon, lat)
        hit = admin1[admin1.contains(p)]
        if len(hit):
            return str(hit.iloc[0]["name_en"])
        d = shapely.distance(admin1.geometry.values, p)  # nearest province, only a label
        return str(admin1.iloc[int(d.argmin())]["name_en"])

    # --- provinces (Natural Earth admin-1) ------------------------------------------------------
    for _, r in admin1.iterrows():
        iso = str(r["iso_3166_2"])
        eid = "adm1-" + iso.lower()
        names = [r["name_en"], r["name"], r["name_ko"], r["name_ja"], r["name_local"]]
        alt: list[str] = []
        for n in (r["name_en"], r["name"]):
            short = re.sub(r"\s+(Prefecture|Province)$", "", str(n))
            if short != n:
                alt.append(short)
        for n in (r["name_en"], r["name"]):
            bare = re.sub(r"^(North|South)\s+|-(bukto|namdo)$", "", str(n))
            if bare != n:
                alt.append(bare)  # "Pyongan": ambiguous between North and South, on purpose
        for n in (r["name_ko"], r["name_ja"]):
            short = re.sub(
                r"(특별자치도|특별자치시|특별시|광역시|직할시|도|현|부|県|府|都|道|広域市|特別市|特別自治道|特別自治市)$",
                "",
                str(n),
            )
            if short and short != n and len(short) >= 2:
                alt.append(short)
        geom = _round_geom(r.geometry, SIMPLIFY_DEG["province"])
        regions[eid] = geom
        pt = geom.representative_point() if not geom.contains(geom.centroid) else geom.centroid
        rows.append(
            {
                "entry_id": eid,
                "kind": "province",
                "label": f"{r['name_en']} ({r['admin']})",
                "country": COUNTRY[str(r["adm0_a3"])],
                "admin1": str(r["name_en"]),
                "lon": round(pt.x, 5),
                "lat": round(pt.y, 5),
                "uncertainty_km": "",
                "population": "",
                "curated": 0,
                "names": "|".join(dict.fromkeys(n for n in map(str, names) if n)),
                "alt_names": "|".join(dict.fromkeys(alt)),
                "source": f"Natural Earth 10m admin-1 (v4.0) {iso} ({r['type_en']})",
            }
        )

    # --- cities (GeoNames) ------------------------------------------------------------------------
    g = pd.read_csv(GEONAMES, dtype={"admin1code": str}).sort_values("geonameid")
    for _, r in g.iterrows():
        pop = int(r["population"]) if pd.notna(r["population"]) else 0
        radius = 25.0 if pop >= 1_000_000 else 15.0 if pop >= 200_000 else 10.0 if pop >= 50_000 else 7.0
        alts = [a for a in _split_names(r["alternatenames"] if pd.notna(r["alternatenames"]) else "")]
        alts = [a for a in alts if _KEEP_SCRIPT.search(a)]
        # A Latin alternate that is only an abbreviation code (FNJ, NJA) would collide: keep codes out.
        alts = [a for a in alts if not (_LATIN_ONLY.match(a) and a.isupper() and len(a) <= 4)]
        # "원산시" -> "원산", "平壌市" -> "平壌": the bare form is how reports write a town
        for a in list(alts):
            bare_cjk = re.sub(r"(市|시|町|村|郡|군|邑|읍)$", "", a)
            if bare_cjk != a and len(bare_cjk) >= 2 and not _LATIN_ONLY.match(a):
                alts.append(bare_cjk)
        # Suffix-free forms of the main name: Hwangju-ŭp -> Hwangju, Kusŏng-si -> Kusŏng.
        base = re.sub(
            r"[-\s](ŭp|up|ri|li|ni|dong|si|gun|kun|ku|ch’on|rodongjagu|nodongjagu|lodongjagu)$",
            "",
            str(r["name"]),
        )
        if base != r["name"]:
            alts.insert(0, base)
        lon, lat = float(r["longitude"]), float(r["latitude"])
        rows.append(
            {
                "entry_id": f"gn-{int(r['geonameid'])}",
                "kind": "city",
                "label": str(r["name"]),
                "country": str(r["countrycode"]),
                "admin1": province_of(lon, lat),
                "lon": round(lon, 5),
                "lat": round(lat, 5),
                "uncertainty_km": radius,
                "population": pop,
                "curated": 0,
                "names": str(r["name"]),
                "alt_names": "|".join(dict.fromkeys(a for a in alts if a != r["name"])),
                "source": f"GeoNames {int(r['geonameid'])} (population {pop:,}); "
                f"region = {radius:g} km disc (population class)",
            }
        )

    # --- launch facilities (nk-missile-tests) ----------------------------------------------------
    fen = json.loads(FAC_EN.read_text(encoding="utf-8"))["facilities"]
    fja = json.loads(FAC_JA.read_text(encoding="utf-8"))["facilities"]
    with (OUT / "facility_aliases.csv").open(encoding="utf-8") as f:
        fal = {row["facility_id"]: row for row in csv.DictReader(f)}
    for fid in sorted(fen):
        if fid == "unknown":  # not a place: the source's placeholder for an unreported site
            continue
        e = fen[fid]
        name = str(e["name"])
        over = fal.get(fid, {})
        label = over.get("label") or name
        kind = over.get("kind") or ("airport" if _AIRPORT.search(name) else "facility")
        unc = float(over.get("uncertainty_km") or (5.0 if _INSTALLATION.search(name) else 10.0))
        ja = str(fja.get(fid, {}).get("name", ""))
        names = [label, name, *(_split_names(over.get("aliases", "")))]
        alt: list[str] = []
        short = _FACILITY_WORDS.sub(" ", name).strip()
        if short and short.lower() != name.lower():
            alt.append(short)
        if ja:
            names.append(ja)
            m = re.match(r"^(.*?)\((.*?)\)(.*)$", ja)
            if m:
                kanji, kana, rest = m.groups()
                names.append(kanji + rest)
                # Bare kanji / kana forms only for sites named by their place ("陽徳" = Yangdok);
                # for installations ("平壌国際空港") the bare form names the town, not the site.
                if rest == "" or not _INSTALLATION.search(name):
                    alt.extend(part + rest for part in (kanji, kana) if part)
                else:
                    alt.append(kana + rest)
        lon, lat = float(e["lon"]), float(e["lat"])
        rows.append(
            {
                "entry_id": f"fac-{fid}",
                "kind": kind,
                "label": label,
                "country": "KP",
                "admin1": province_of(lon, lat),
                "lon": round(lon, 6),
                "lat": round(lat, 6),
                "uncertainty_km": unc,
                "population": "",
                "curated": 1,
                "names": "|".join(dict.fromkeys(names)),
                "alt_names": "|".join(dict.fromkeys(a for a in alt if a not in names)),
                "source": f"nk-missile-tests facility '{fid}' (lat/lon as published); "
                f"region = {unc:g} km disc ({'named installation' if unc <= 5 else 'place-level site'})",
            }
        )

    # --- curated places ---------------------------------------------------------------------------
    kp = unary_union(list(admin1[admin1.adm0_a3 == "PRK"].geometry))
    with (OUT / "places_curated.csv").open(encoding="utf-8") as f:
        curated = list(csv.DictReader(f))
    for c in curated:
        rule = c["geometry_rule"]
        eid = c["entry_id"]
        kind = c["kind"]
        geom: shapely.Geometry | None = None
        if rule.startswith("admin0:"):
            codes = rule.split(":", 1)[1].split("+")
            geom = unary_union(list(admin1[admin1.adm0_a3.isin(codes)].geometry))
        elif rule.startswith("admin1:"):
            codes = rule.split(":", 1)[1].split("+")
            geom = unary_union(list(admin1[admin1.iso_3166_2.isin(codes)].geometry))
            if len(admin1[admin1.iso_3166_2.isin(codes)]) != len(codes):
                raise SystemExit(f"{eid}: not every admin-1 code of {codes} was found")
        elif rule.startswith("wkt_clip:"):
            _, code, wkt = rule.split(":", 2)
            clip = unary_union(list(admin1[admin1.adm0_a3 == code].geometry))
            geom = shapely.from_wkt(wkt).intersection(clip)
        elif rule.startswith("wkt_sea:"):
            geom = shapely.from_wkt(rule.split(":", 1)[1]).difference(land_union)
        elif rule.startswith("kp_coast:"):
            side = rule.split(":", 1)[1]
            coastline = kp.boundary.intersection(buffer_region(land_union.boundary, 0.5))
            strip = buffer_region(coastline, COAST_BUFFER_KM)
            others = land_union.difference(kp)  # China, Russia, South Korea stay out
            strip = strip.difference(others.intersection(strip.envelope))
            half = box(COAST_SPLIT_LON, 30, 135, 45) if side == "east" else box(120, 30, COAST_SPLIT_LON, 45)
            geom = strip.intersection(half)
        elif rule.startswith("ne_marine:"):
            sea_name = rule.split(":", 1)[1]
            hit = marine[marine["name"] == sea_name]
            if len(hit) != 1:
                raise SystemExit(f"{eid}: marine polygon {sea_name!r} not found once")
            geom = hit.iloc[0].geometry.intersection(SEA_CLIP)
        elif rule == "ne_land" or rule.startswith("ne_land_within:"):
            p = Point(float(c["lon"]), float(c["lat"]))
            if rule == "ne_land":
                parts = [q for q in land_parts if q.contains(p)]
            else:
                km = float(rule.split(":", 1)[1])
                near = buffer_region(p, km)
                parts = [q for q in land_parts if q.intersects(near)]
            if not parts:
                raise SystemExit(f"{eid}: no Natural Earth land polygon at {p.wkt}")
            geom = unary_union(parts)
        elif rule not in ("disc", ""):
            raise SystemExit(f"{eid}: unknown geometry rule {rule!r}")

        if geom is not None:
            geom = _round_geom(geom, SIMPLIFY_DEG.get(kind, 0.005))
            if geom.is_empty:
                raise SystemExit(f"{eid}: empty geometry")
            regions[eid] = geom
            if c["lon"] and c["lat"]:
                lon, lat = float(c["lon"]), float(c["lat"])
            else:
                pt = geom.centroid if geom.contains(geom.centroid) else geom.representative_point()
                lon, lat = pt.x, pt.y
            unc: object = ""
        else:
            lon, lat = float(c["lon"]), float(c["lat"])
            unc = float(c["uncertainty_km"])
        names = _split_names(c["names"])
        rows.append(
            {
                "entry_id": eid,
                "kind": kind,
                "label": c["label"],
                "country": c["country"],
                "admin1": (
                    province_of(lon, lat)
                    if c["country"] in COUNTRY.values() and kind not in ("region", "sea")
                    else ""
                ),
                "lon": round(lon, 5),
                "lat": round(lat, 5),
                "uncertainty_km": unc,
                "population": "",
                "curated": 1,
                "names": "|".join(names),
                "alt_names": "",
                "source": c["source"],
            }
        )

    # --- write ------------------------------------------------------------------------------------
    df = pd.DataFrame(rows)
    if df["entry_id"].duplicated().any():
        raise SystemExit(f"duplicate entry ids: {df[df.entry_id.duplicated()].entry_id.tolist()}")
    df.to_csv(OUT / "entries.csv", index=False, lineterminator="\n")
    feats = [
        {"type": "Feature", "properties": {"entry_id": k}, "geometry": mapping(regions[k])}
        for k in sorted(regions)
    ]
    _write_geojson(OUT / "regions.geojson", feats)
    land_clip = _round_geom(land_union.intersection(LAND_CLIP), 0.005)
    _write_geojson(
        OUT / "land.geojson",
        [{"type": "Feature", "properties": {"name": "land"}, "geometry": mapping(land_clip)}],
    )
    print(f"entries.csv: {len(df)} entries; regions.geojson: {len(feats)} polygons", file=sys.stderr)


def _write_geojson(path: Path, features: list[dict[str, object]]) -> None:
    def rnd(obj: object) -> object:
        if isinstance(obj, float):
            return round(obj, 5)
        if isinstance(obj, (list, tuple)):
            return [rnd(o) for o in obj]
        if isinstance(obj, dict):
            return {k: rnd(v) for k, v in obj.items()}
        return obj

    fc = {"type": "FeatureCollection", "features": [rnd(f) for f in features]}
    path.write_text(json.dumps(fc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    # sanity: every geometry parses and is valid
    for f in fc["features"]:  # type: ignore[union-attr]
        geom = shape(f["geometry"])  # type: ignore[index]
        assert geom.is_valid, (path.name, f["properties"])  # type: ignore[index]


if __name__ == "__main__":
    build()
