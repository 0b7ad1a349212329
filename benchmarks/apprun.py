"""Run versions of the app side by side for benchmarks: a git ref exported to a folder, a local server.

Used by ``bench_step.py`` and ``bench_load.py`` so "before" (a commit) and "after" (the working tree) are
measured in the same run, on the same machine load. Servers bind 127.0.0.1 on free ports only and are
always stopped. Process figures come from ``/proc`` (Linux): CPU time (user + system) and resident memory.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def exported(ref: str | None) -> Iterator[Path]:
    """The app at git ``ref`` in a temporary folder (``None``: this working tree, used in place)."""
    if ref is None:
        yield ROOT
        return
    tmp = Path(tempfile.mkdtemp(prefix="launch-atlas-bench-"))
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", ref], check=True, capture_output=True
        ).stdout
        tar_path = tmp / "src.tar"
        tar_path.write_bytes(archive)
        with tarfile.open(tar_path) as tar:
            tar.extractall(tmp / "app", filter="data")
        tar_path.unlink()
        yield tmp / "app"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


@dataclass
class Server:
    """A running ``streamlit run app.py`` (its pid, base URL and log)."""

    proc: subprocess.Popen[bytes]
    url: str
    label: str

    @property
    def pid(self) -> int:
        return self.proc.pid

    def cpu_s(self) -> float:
        """CPU time (user + system, seconds) the server process has used so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK

    def rss_mb(self) -> float:
        """Resident memory of the server process (MB)."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")


@contextlib.contextmanager
def serve(app_dir: Path, label: str, *, timeout_s: float = 90) -> Iterator[Server]:
    """Start the app in ``app_dir`` on 127.0.0.1:<free port>; stop it on exit."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(app_dir), STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    log = open(tempfile.mktemp(prefix=f"bench-{label}-", suffix=".log"), "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", str(app_dir / "app.py"),
            "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
            "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
        ],
        cwd=app_dir,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{label}: streamlit exited with code {proc.returncode} (log {log.name})")
            health = url + "/_stcore/health"
            with contextlib.suppress(OSError), urllib.request.urlopen(health, timeout=2) as r:
                if r.status == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{label}: no /_stcore/health within {timeout_s:.0f} s")
            time.sleep(0.25)
        yield Server(proc, url, label)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def load_average() -> tuple[float, float, float]:
    one, five, fifteen = os.getloadavg()
    return round(one, 2), round(five, 2), round(fifteen, 2)
