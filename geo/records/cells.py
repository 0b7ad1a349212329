"""Cell text made inert: formulas a spreadsheet would run, invisible and reordering characters.

Text from files is kept as text everywhere in :mod:`geo.records`; these functions decide how it is
shown in a rejected-rows report (:func:`report_cell`, :func:`visible_text`) and written to CSV
(:func:`csv_safe_text`).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "MAX_REPORT_CELL_CHARS",
    "MAX_REPORT_LINES",
    "csv_safe_text",
    "is_formula_like",
    "report_cell",
    "visible_text",
]

#: Most problems the rejected-rows report lists (one more line counts the rest), and the longest text
#: it quotes from a cell: a report holds at most about 1.1 million characters, whatever the upload.
MAX_REPORT_LINES: int = 1_000
MAX_REPORT_CELL_CHARS: int = 120


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d")


def is_formula_like(text: str) -> bool:
    """True if a spreadsheet would treat ``text`` as a formula (starts with ``= + - @``, tab or CR).

    Plain numbers such as ``"-12.5"`` are not formulas.

    >>> is_formula_like("=cmd|' /C calc'!A0"), is_formula_like("-12.5"), is_formula_like("Sinpo")
    (True, False, False)
    """
    if not text or not text.startswith(_FORMULA_START):
        return False
    try:
        float(text)
    except ValueError:
        return True
    return False


#: Characters shown as ``\\uXXXX`` in reports: C0/C1 controls, DEL, line and paragraph separators,
#: zero-width characters and every bidirectional mark, embedding, override and isolate.
_RE_REPORT_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


_RE_CLIPPED = re.compile(r"… \((\d[\d,]{0,20}) characters\)$")


def visible_text(text: str) -> str:
    """``text`` with its invisible and reordering characters written as ``\\uXXXX`` escapes, so it
    reads as it is stored (no hidden control codes, no right-to-left override turning ``exe.png``
    around).

    >>> visible_text("report\u202egnp.exe")
    'report\\\\u202egnp.exe'
    """
    return _RE_REPORT_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def report_cell(value: Any, *, limit: int = MAX_REPORT_CELL_CHARS, csv_safe: bool = True) -> str:
    """``value`` as inert text for a report cell: invisible and reordering characters made visible,
    cut at ``limit`` characters, and (``csv_safe``) formula-like text neutralised.

    >>> report_cell("ab\u202ecd\x07", limit=20)
    'ab\\\\u202ecd\\\\u0007'
    >>> report_cell("x" * 30, limit=10)
    'xxxxxxxxxx… (30 characters)'
    """
    text = "" if value is None else str(value)
    length = len(text)
    clipped = _RE_CLIPPED.search(text)  # already cut by the validator: keep the original length
    if clipped:
        text, length = text[: clipped.start()], int(clipped.group(1).replace(",", ""))
    shown = visible_text(text)
    if len(shown) > limit or clipped:
        cut = shown[:limit]
        escape = cut.rfind("\\u", limit - 5)  # never leave half an escape
        shown = (cut[:escape] if escape >= 0 else cut) + f"… ({length:,} characters)"
    return csv_safe_text(shown) if csv_safe else shown


def csv_safe_text(value: Any) -> str:
    """``value`` as text that a spreadsheet shows as text: formula-like text gets a leading ``'``.

    >>> csv_safe_text("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    """
    text = "" if value is None else str(value)
    return "'" + text if is_formula_like(text) else text
