"""Argument and input checks shared by the subcommands: every bad value is a usage error (exit 2).

Types for ``argparse`` (``add_argument(type=...)``) turn a bad value into ``argparse``'s own error:
the usage line, ``python -m geo <command>: error: <option> ...``, exit code 2. Readers of stdin and
files read at most a stated number of bytes, so ``/dev/zero`` or an endless pipe ends in an error
instead of filling memory.
"""

from __future__ import annotations

import argparse
import math
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TextIO

__all__ = ["InputError", "lon_lat_pair", "number", "read_bounded", "read_regular_file", "whole_number"]


class InputError(ValueError):
    """Input (stdin or a file) that cannot be used; the message says what came and what is expected."""


def number(
    name: str = "",
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    above: bool = False,
    unit: str = "",
) -> Callable[[str], float]:
    """An argparse type: a finite decimal number within [``minimum``, ``maximum``].

    ``above=True`` makes the minimum exclusive. ``unit`` (e.g. ``"km"``) is named in the message;
    ``name`` starts it (argparse itself starts with ``argument --option:``).
    """
    u = f" {unit}" if unit else ""
    who = f"{name} " if name else ""

    def parse(text: str) -> float:
        try:
            value = float(text.strip().replace("_", "")) if text.strip() else math.nan
        except ValueError:
            raise argparse.ArgumentTypeError(f"{who}must be a number, got {text!r}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"{who}must be a finite number, got {text!r}")
        low = minimum is not None and (value <= minimum if above else value < minimum)
        high = maximum is not None and value > maximum
        if low or high:
            if minimum is not None and maximum is not None and not above:
                want = f"within {minimum:g}..{maximum:g}{u}"
            elif minimum is not None and maximum is not None:
                want = f"greater than {minimum:g} and at most {maximum:g}{u}"
            elif minimum is not None:
                want = f"{'greater than' if above else 'at least'} {minimum:g}{u}"
            else:
                want = f"at most {maximum:g}{u}"
            raise argparse.ArgumentTypeError(f"{who}must be {want}, got {text.strip()}")
        return value

    return parse


def whole_number(lo: int, hi: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``lo`` to ``hi``."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number, got {text!r}") from None
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"must be a whole number from {lo} to {hi}, got {value}")
        return value

    return parse


def lon_lat_pair() -> Callable[[str], tuple[float, float]]:
    """An argparse type: ``LON,LAT`` in degrees, lon within -180..180 and lat within -90..90."""
    lon_of = number("its longitude", minimum=-180.0, maximum=180.0, unit="degrees")
    lat_of = number("its latitude", minimum=-90.0, maximum=90.0, unit="degrees")

    def parse(text: str) -> tuple[float, float]:
        parts = text.split(",")
        if len(parts) != 2:
            raise argparse.ArgumentTypeError(f"must be LON,LAT in degrees, got {text!r}")
        return lon_of(parts[0]), lat_of(parts[1])

    return parse


def read_bounded(stream: BinaryIO | TextIO, *, limit: int, what: str) -> bytes:
    """At most ``limit`` bytes from ``stream`` (binary, or text: then its binary buffer if it has one);
    :class:`InputError` when there is more."""
    raw = getattr(stream, "buffer", stream)
    chunk = raw.read(limit + 1)
    data = chunk.encode("utf-8", "surrogateescape") if isinstance(chunk, str) else chunk
    if len(data) > limit:
        raise InputError(f"{what} is larger than {limit / 1e6:,.0f} MB")
    return data


def read_regular_file(path: Path, *, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (not a device, pipe or folder)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise InputError(f"{what}: cannot read {path}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{what}: {path} is not a regular file")
    if info.st_size > limit:
        raise InputError(
            f"{what}: {path} is {info.st_size / 1e6:,.0f} MB, over the {limit / 1e6:,.0f} MB limit"
        )
    try:
        with open(path, "rb") as f:
            return read_bounded(f, limit=limit, what=f"{what}: {path}")
    except OSError as exc:
        raise InputError(f"{what}: cannot read {path}: {exc.strerror}") from None
