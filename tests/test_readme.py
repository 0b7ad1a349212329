"""The README is kept honest by tests: its quickstart is what CI runs, its command lines run."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _bash_blocks(text: str) -> list[str]:
    return re.findall(r"```bash\n(.*?)```", text, flags=re.S)


def test_quickstart_is_exactly_two_commands() -> None:
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    blocks = [b.strip() for b in _bash_blocks(quickstart)]
    assert len(blocks) == 2, blocks
    assert all("\n" not in b for b in blocks), "each quickstart command is one copy-pasteable line"
    app_cmd, test_cmd = blocks
    assert "streamlit run app.py" in app_cmd
    assert "pytest" in test_cmd


def test_ci_runs_the_readme_test_command() -> None:
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    test_cmd = [b.strip() for b in _bash_blocks(quickstart)][1]
    setup, pytest_cmd = (part.strip() for part in test_cmd.split("&&"))
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert setup in ci
    assert pytest_cmd in ci


def _cli_examples() -> list[str]:
    section = README.split("## Command line", 1)[1].split("\n## ", 1)[0]
    lines = [ln.strip() for b in _bash_blocks(section) for ln in b.splitlines() if ln.strip()]
    return [ln for ln in lines if ln.startswith(".venv/bin/python -m geo") and "--help" not in ln]


@pytest.mark.parametrize("line", _cli_examples())
def test_readme_cli_example_runs_and_prints_json(line: str, tmp_path: Path) -> None:
    """Examples print JSON (GeoJSON or a zone analysis), or write the file their ``-o`` names."""
    cmd = line.split(">")[0].strip()
    argv = [sys.executable, *shlex.split(cmd)[1:]]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cwd = tmp_path if "-o" in argv else ROOT  # examples that write files write them in a scratch folder
    out = subprocess.run(argv, capture_output=True, text=True, cwd=cwd, env=env, timeout=180)
    assert out.returncode == 0, out.stderr
    if "-o" in argv:
        written = tmp_path / argv[argv.index("-o") + 1]
        assert written.stat().st_size > 1000, out.stderr
    else:
        json.loads(out.stdout)


def test_readme_zones_example_says_what_the_readme_claims() -> None:
    """The README says the 2021-09-15 estimated impact is inside Japan's EEZ, outside its territorial sea."""
    line = next(ln for ln in _cli_examples() if " zones " in ln)
    out = subprocess.run(
        [sys.executable, *shlex.split(line)[1:]], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    report = json.loads(out.stdout)
    assert report["zone"] == "eez"
    assert report["state"] == "Japan"
    assert "outside its territorial sea" in report["verdict"]
