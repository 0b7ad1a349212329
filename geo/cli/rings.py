"""``python -m geo rings``: TODO(owner)."""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> None:
    """Register the ``rings`` subcommand."""
    p: argparse.ArgumentParser = subparsers.add_parser("rings", help="(not yet implemented)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Not yet implemented."""
    raise SystemExit("python -m geo rings: not yet implemented")
