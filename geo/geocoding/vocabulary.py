"""The words a report reader recognises besides place names: launching countries, missile classes,
named systems, launch platforms and the maritime-zone claim, in English, Japanese and Korean.

Everything here is a table or a compiled pattern; :mod:`geo.geocoding.report` decides what the
matches mean in context. Named systems come from ``data/catalogue/systems.csv`` (the catalogue's
own vocabulary) plus a short table of other countries' well-known systems (:data:`FOREIGN_SYSTEMS`).

>>> [(m.code, m.text) for m in find_countries("North Korea's missile; 北朝鮮; 북한이; Iran")]
[('KP', 'North Korea'), ('KP', '北朝鮮'), ('KP', '북한'), ('IR', 'Iran')]
>>> [(t.value, t.text) for t in find_system_types("two short-range ballistic missiles, 大陸間弾道ミサイル")]
[('SRBM', 'short-range ballistic missiles'), ('ICBM', '大陸間弾道ミサイル')]
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.records import SYSTEMS_PATH

__all__ = [
    "COUNTRY_NAMES",
    "FOREIGN_SYSTEMS",
    "Term",
    "find_countries",
    "find_platforms",
    "find_system_types",
    "find_systems",
]


@dataclass(frozen=True)
class Term:
    """A recognised word or phrase: its span, the text, and what it stands for.

    Attributes
    ----------
    start, end : int
        Character span in the text.
    text : str
        The words as written.
    value : str
        What they stand for (an ISO code, a missile class, a system id, a platform).
    code : str
        Same as ``value`` (kept for readability where the value is a code).
    """

    start: int
    end: int
    text: str
    value: str

    @property
    def code(self) -> str:
        return self.value


#: Launching countries: ISO 3166-1 alpha-2 -> names and adjectives (regular expressions).
COUNTRY_NAMES: dict[str, tuple[str, ...]] = {
    "KP": (
        r"North\s+Korea(?:n)?", r"DPRK", r"D\.P\.R\.K\.?", r"Democratic\s+People['’]s\s+Republic\s+of\s+Korea",
        r"(?i:the)\s+North(?!\s+(?:Pacific|Pole|Atlantic|Sea|Korean?\b|Star|American?))", r"Pyongyang(?=['’]s\b|\s+(?:fired|launched|"
        r"test-fired|tested|conducted|has|had|said|also|again|on|last|earlier))", r"北朝鮮", r"朝鮮民主主義人民共和国",
        r"북한", r"북측", r"北(?=[,、가이은는의]|\s*발사|\s*미사일|\s*탄도)", r"조선민주주의인민공화국",
    ),
    "KR": (r"South\s+Korea(?:n)?", r"Republic\s+of\s+Korea", r"韓国", r"한국(?!시간)", r"대한민국", r"남한"),
    "JP": (r"Japan(?:ese)?", r"日本", r"일본"),
    "CN": (r"China", r"Chinese", r"People['’]s\s+Liberation\s+Army", r"PLA", r"中国", r"중국"),
    "IR": (r"Iran(?:ian)?", r"Islamic\s+Revolutionary\s+Guard", r"IRGC", r"イラン", r"이란"),
    "RU": (r"Russia(?:n)?", r"Soviet", r"ロシア", r"러시아"),
    "US": (r"United\s+States", r"U\.S\.(?!\s+dollars?)", r"US(?=\s+(?:Air\s+Force|military|Navy|Space))", r"American",
           r"米国", r"米軍", r"미국"),
    "IN": (r"India(?:n)?", r"インド", r"인도(?!네시아|양)"),
    "PK": (r"Pakistan(?:i)?", r"パキスタン", r"파키스탄"),
    "IL": (r"Israel(?:i)?", r"イスラエル", r"이스라엘"),
    "FR": (r"France", r"French", r"フランス", r"프랑스"),
    "GB": (r"Britain", r"British", r"United\s+Kingdom", r"イギリス", r"영국"),
    "TW": (r"Taiwan(?:ese)?", r"台湾", r"대만"),
    "UA": (r"Ukraine", r"Ukrainian", r"ウクライナ", r"우크라이나"),
    "YE": (r"Houthis?", r"Yemen(?:i)?"),
}  # fmt: skip
_COUNTRY_RE = re.compile(
    "|".join(f"(?P<{code}>" + "|".join(pats) + ")" for code, pats in COUNTRY_NAMES.items()),
)


def find_countries(text: str) -> list[Term]:
    """Mentions of countries that launch missiles (or report on them), in text order."""
    out = []
    for m in _COUNTRY_RE.finditer(text):
        code = m.lastgroup or ""
        if code and m.group(0)[:1].isascii() and m.group(0)[:1].isalpha():
            # Latin names: whole words only ("PLA" is not in "PLAN", "US" not in "USB")
            if m.start() > 0 and text[m.start() - 1].isalnum():
                continue
            if m.end() < len(text) and text[m.end()].isalnum() and text[m.end() - 1] != ".":
                continue
        out.append(Term(m.start(), m.end(), m.group(0), code))
    return out


_TYPES: tuple[tuple[str, str], ...] = (
    ("SLBM", r"submarine[-\s]launched\s+ballistic\s+missiles?|SLBMs?|潜水艦発射(?:型)?弾道ミサイル|잠수함\s*발사\s*탄도\s*미사일"),
    ("SLV", r"(?:space|satellite)[-\s](?:launch|launching|carrier)\s+(?:vehicle|rocket)s?|carrier\s+rockets?|"
            r"(?:spy|military|reconnaissance)\s+satellites?|(?:earth\s+observation\s+)?satellites?\s+(?:launch|into\s+orbit)|"
            r"rocket\s+carrying\s+a\s+satellite|long-range\s+rocket|衛星(?:打ち上げ|発射)?(?:用)?ロケット|人工衛星|"
            r"軍事偵察衛星|우주\s*발사체|위성\s*발사체|정찰위성|군사정찰위성"),
    ("HGV", r"hypersonic(?:\s+glide)?(?:\s+(?:missiles?|weapons?|vehicles?))?|極超音速|극초음속"),
    ("ICBM", r"intercontinental[-\s]range|intercontinental\s+ballistic\s+missiles?|ICBMs?|大陸間弾道ミサイル|ICBM級|"
             r"대륙간\s*탄도\s*미사일|long-range\s+ballistic\s+missiles?"),
    ("IRBM", r"intermediate[-\s]range(?:\s+ballistic)?(?:\s+missiles?)?|IRBMs?|(?<!準)中距離弾道ミサイル|(?<!준)중거리\s*탄도\s*미사일"),
    ("MRBM", r"medium[-\s]range(?:\s+ballistic)?(?:\s+missiles?)?|MRBMs?|準中距離弾道ミサイル|준중거리\s*탄도\s*미사일"),
    ("SRBM", r"short[-\s]range(?:\s+ballistic)?\s+missiles?|short[-\s]range\s+ballistic|SRBMs?|tactical\s+ballistic\s+missiles?|"
             r"短距離弾道ミサイル|단거리\s*탄도\s*미사일"),
    ("cruise", r"cruise\s+missiles?|巡航ミサイル|순항\s*미사일"),
)  # fmt: skip
_TYPE_RE = re.compile("|".join(f"(?P<{'t' + str(i)}>{p})" for i, (_, p) in enumerate(_TYPES)), re.I)


def find_system_types(text: str) -> list[Term]:
    """Missile-class words (catalogue vocabulary: SRBM ... ICBM, SLBM, cruise, HGV, SLV), in order."""
    out = []
    for m in _TYPE_RE.finditer(text):
        i = int((m.lastgroup or "t0")[1:])
        out.append(Term(m.start(), m.end(), m.group(0), _TYPES[i][0]))
    return out


#: Well-known systems of other countries: (regular expression, name, class, ISO alpha-2 of the country).
FOREIGN_SYSTEMS: tuple[tuple[str, str, str, str], ...] = (
    (r"Minuteman(?:[-\s]?(?:III|3))?", "Minuteman III", "ICBM", "US"),
    (r"Trident(?:[-\s]?(?:II|2|D5))?", "Trident II", "SLBM", "US"),
    (r"(?:RS-28\s+)?Sarmat", "Sarmat", "ICBM", "RU"),
    (r"(?:RS-24\s+)?Yars", "Yars", "ICBM", "RU"),
    (r"Bulava", "Bulava", "SLBM", "RU"),
    (r"Avangard", "Avangard", "HGV", "RU"),
    (r"Kinzhal", "Kinzhal", "HGV", "RU"),
    (r"Zircon|Tsirkon", "Zircon", "cruise", "RU"),
    (r"Oreshnik", "Oreshnik", "IRBM", "RU"),
    (r"Iskander(?:-M)?", "Iskander", "SRBM", "RU"),
    (r"DF-?41|Dongfeng-?41", "DF-41", "ICBM", "CN"),
    (r"DF-?31(?:AG|A)?|Dongfeng-?31", "DF-31", "ICBM", "CN"),
    (r"DF-?5[BC]?|Dongfeng-?5", "DF-5", "ICBM", "CN"),
    (r"DF-?26|Dongfeng-?26", "DF-26", "IRBM", "CN"),
    (r"DF-?21[A-D]?|Dongfeng-?21", "DF-21", "MRBM", "CN"),
    (r"DF-?17|Dongfeng-?17", "DF-17", "HGV", "CN"),
    (r"DF-?1[56][AB]?|Dongfeng-?1[56]", "DF-15/16", "SRBM", "CN"),
    (r"JL-?[23]|Julang-?[23]", "JL-2/3", "SLBM", "CN"),
    (r"Kheibar(?:\s+Shekan)?", "Kheibar Shekan", "MRBM", "IR"),
    (r"Fattah(?:-2)?", "Fattah", "MRBM", "IR"),
    (r"Emad", "Emad", "MRBM", "IR"),
    (r"Ghadr", "Ghadr", "MRBM", "IR"),
    (r"Khorramshahr", "Khorramshahr", "MRBM", "IR"),
    (r"Sejj?il", "Sejjil", "MRBM", "IR"),
    (r"Shahab-?3", "Shahab-3", "MRBM", "IR"),
    (r"Fateh-?110|Fateh-?313", "Fateh", "SRBM", "IR"),
    (r"Zolfaghar|Zolfaqar", "Zolfaghar", "SRBM", "IR"),
    (r"Dezful", "Dezful", "SRBM", "IR"),
    (r"Simorgh", "Simorgh", "SLV", "IR"),
    (r"Qased", "Qased", "SLV", "IR"),
    (r"Qaem-?100", "Qaem-100", "SLV", "IR"),
    (r"Agni[-\s]?(?:V|5)", "Agni-V", "ICBM", "IN"),
    (r"Hyunmoo(?:-\d[A-Z]?)?", "Hyunmoo", "SRBM", "KR"),
    (r"Nuri", "Nuri", "SLV", "KR"),
)


def _system_patterns(path: Path) -> list[tuple[re.Pattern[str], str, str, str]]:
    """(pattern, system_id, name, class) for every system of ``systems.csv`` and its code names."""
    out: list[tuple[re.Pattern[str], str, str, str]] = []
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        sid, name, kind = r["system_id"], r["name"], r["type"]
        if sid in ("unknown", "long-range-cruise-missile", "strategic-cruise-missile", "new-irbm-2022"):
            continue
        forms = [re.sub(r"\s*\(.*\)", "", name)]
        if " " in forms[0] and re.match(r"[A-Za-z]+-\d", forms[0]):  # "Hwasal-2 strategic cruise missile"
            forms = [forms[0].split(" ")[0]]
        forms += re.findall(r"\((KN-\d+)\)", name)
        pats = []
        for form in forms:
            m = re.fullmatch(
                r"([A-Za-z]+)(?:[-\s]?(\d+[A-Za-z]?)(?:-([A-Za-z]+(?:-[\d.]+)?))?)?", form.strip()
            )
            if m:
                base, num, tail = m.groups()
                p = re.escape(base)
                if base.lower() == "hwasong":
                    p = r"Hwas[oŏ]ng(?:[-\s]?pho)?"
                elif base.lower() == "pukguksong":
                    p = r"Pukk?[gk]?uks[oŏ]ng"
                if num:
                    p += r"[-\s]?" + re.escape(num) + (r"(?![A-Za-z\d])" if not num[-1].isalpha() else "")
                    if tail:
                        p += r"[-\s]?" + re.escape(tail).replace(r"\-", r"[-\s]?")
                pats.append(r"\b" + p + r"\b(?:형|型)?")
            else:
                pats.append(r"\b" + re.escape(form) + r"\b")
        ja = r.get("name_ja", "")
        m2 = re.match(r"^([^\s(]+)", ja)
        if m2 and not re.fullmatch(r"[\w-]+", m2.group(1), re.ASCII) and len(m2.group(1)) >= 3:
            pats.append(re.escape(m2.group(1)) + r"(?:号|型)?")
        if name.lower().startswith("hwasong-"):  # Korean: 화성-17형, 화성포-17
            num = name.split("-", 1)[1].split(" ")[0]
            pats.append(r"화성(?:포)?\s*-?\s*" + re.escape(num) + r"(?![\dA-Za-z])(?:형)?")
        if name.lower().startswith("pukguksong-"):
            num = name.split("-", 1)[1]
            pats.append(r"북극성\s*-?\s*" + re.escape(num) + r"(?:형|호)?")
        out.append((re.compile("|".join(pats), re.I), sid, re.sub(r"\s*\(.*\)", "", name), kind))
    return out


@lru_cache(maxsize=4)
def _systems(path: str) -> list[tuple[re.Pattern[str], str, str, str]]:
    return _system_patterns(Path(path))


@dataclass(frozen=True)
class SystemTerm(Term):
    """A named missile system: ``value`` is its ``systems.csv`` id ("" for a foreign system), with
    its readable ``name``, its class ``system_type`` and the ``country`` that makes it."""

    name: str = ""
    system_type: str = "unknown"
    country: str = "KP"


def find_systems(text: str, *, systems_path: Path | None = None) -> list[SystemTerm]:
    """Named missile systems in ``text`` (``systems.csv`` and :data:`FOREIGN_SYSTEMS`), in order.

    >>> [(s.value, s.name, s.system_type) for s in find_systems("a Hwasong-17 ICBM and a 화성-18형")]
    [('hwasong-17', 'Hwasong-17', 'ICBM'), ('hwasong-18', 'Hwasong-18', 'ICBM')]
    """
    out: list[SystemTerm] = []
    for pat, sid, name, kind in _systems(str(systems_path or SYSTEMS_PATH)):
        for m in pat.finditer(text):
            out.append(SystemTerm(m.start(), m.end(), m.group(0), sid, name=name, system_type=kind))
    for rx, name, kind, country in FOREIGN_SYSTEMS:
        for m in re.finditer(r"\b(?:" + rx + r")\b", text):
            out.append(
                SystemTerm(m.start(), m.end(), m.group(0), "", name=name, system_type=kind, country=country)
            )
    out.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[SystemTerm] = []
    for s in out:
        if kept and s.start < kept[-1].end:
            continue
        kept.append(s)
    return kept


_PLATFORMS: tuple[tuple[str, str], ...] = (
    ("rail car", r"\b(?:rail(?:way)?[-\s](?:borne|mobile|car|based)|railroad|from\s+(?:a\s+)?trains?|train[-\s]mounted|"
                 r"rail\s+cars?|railway\s+cars?|trains?(?=\s+(?:car|launch)))|鉄道|列車|열차|철도"),
    ("submarine", r"\bsubmarine[-\s]launched|\bfrom\s+(?:a\s+)?submarine|潜水艦から|潜水艦発射|잠수함(?:에서|\s*발사)"),
    ("road-mobile launcher", r"\b(?:transporter[-\s]erector[-\s]launchers?|TELs?\b|mobile\s+launchers?|road[-\s]mobile|"
                             r"launcher\s+trucks?)|移動式(?:発射台|発射機)|이동식\s*발사(?:대|차량)"),
    ("silo", r"\bsilos?\b|サイロ|사일로"),
    ("ship", r"\bfrom\s+(?:a\s+)?(?:ship|vessel|destroyer|warship|barge)|艦艇から|함정에서"),
    ("aircraft", r"\bfrom\s+(?:an?\s+)?(?:aircraft|bomber|fighter\s+jet|plane)|air[-\s]launched"),
)  # fmt: skip
_PLATFORM_RE = re.compile("|".join(f"(?P<p{i}>{p})" for i, (_, p) in enumerate(_PLATFORMS)), re.I)


def find_platforms(text: str) -> list[Term]:
    """Launch platforms (catalogue vocabulary: rail car, submarine, road-mobile launcher, ...), in order."""
    out = []
    for m in _PLATFORM_RE.finditer(text):
        i = int((m.lastgroup or "p0")[1:])
        out.append(Term(m.start(), m.end(), m.group(0), _PLATFORMS[i][0]))
    return out
