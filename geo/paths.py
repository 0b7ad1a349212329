"""Where the shipped data lives. Nothing here reads a path supplied by a user."""

from __future__ import annotations

from pathlib import Path

__all__ = ["DATA_DIR"]

#: The project's own ``data/`` folder (shipped with the repository; never ``../shared``).
DATA_DIR: Path = Path(__file__).resolve().parent.parent / "data"
