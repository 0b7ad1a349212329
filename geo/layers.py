"""TODO(owner): module docstring."""

from __future__ import annotations

__all__: list[str] = []
