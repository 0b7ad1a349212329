"""The code-quality gates run as tests, so the README's single test command checks them too."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_passes() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", str(ROOT)], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_strict_on_geo_passes() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir=/dev/null"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_geo_never_imports_streamlit() -> None:
    """Belt and braces beside ruff's banned-api: scan every module's imports under geo/."""
    offenders = []
    for path in sorted((ROOT / "geo").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            rel = path.relative_to(ROOT)
            offenders += [f"{rel}: {n}" for n in names if n.split(".")[0].startswith("streamlit")]
    assert offenders == []


def test_ruff_bans_streamlit_in_geo(tmp_path: Path) -> None:
    """The banned-api rule really fires outside the app layer (so the gate above cannot pass vacuously)."""
    probe = tmp_path / "geo" / "probe.py"
    probe.parent.mkdir()
    probe.write_text('"""probe"""\n\nimport streamlit\n\n__all__ = ["streamlit"]\n', encoding="utf-8")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--no-cache",
            "--config",
            str(ROOT / "pyproject.toml"),
            "--select",
            "TID251",
            str(probe),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.returncode == 1, out.stdout
    assert "TID251" in out.stdout, out.stdout


def test_every_geo_module_declares_all_and_is_reexported() -> None:
    import geo

    paths = sorted((ROOT / "geo").glob("*.py")) + sorted((ROOT / "geo").glob("*/*.py"))
    for path in paths:
        if path.name.startswith("_") or path.parent.name == "cli":
            continue
        rel = path.relative_to(ROOT).with_suffix("")
        mod = __import__(".".join(rel.parts), fromlist=["__all__"])
        assert hasattr(mod, "__all__"), f"{rel} has no __all__"
        for name in mod.__all__:
            assert getattr(geo, name) is getattr(mod, name), f"geo.{name} is not re-exported from {rel}"
