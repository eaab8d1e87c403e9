"""The benchmarks' machinery: the environment, gunicorn, wrk, timing and side-by-side runs.

Nothing here knows what is measured (that is ``bench.scenarios``) or how it is written
up (``bench.report``). Only the standard library is imported at the top, so that the
driver's ``--help`` works before Django is set up.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess  # noqa: S404 - runs gunicorn, wrk and apt-get, with fixed arguments
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
LUA = BENCH / "rotate.lua"
HOST = "127.0.0.1"  # loopback only, never another address


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- The environment -----------------------------------------------------------------


def setup_django() -> None:
    """Set the environment that both this process and gunicorn run with, then set Django
    up on the PostgreSQL database of ``DATABASE_URL``."""
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        raise SystemExit("DATABASE_URL must point at a PostgreSQL database (see bench/README.md)")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waytahead.settings")
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-" + secrets.token_urlsafe(32))
    os.environ["DJANGO_ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    # gunicorn is reached over plain HTTP on the loopback.
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "false"
    os.environ["DJANGO_SECURE_HSTS_SECONDS"] = "0"
    os.environ["DJANGO_SESSION_COOKIE_SECURE"] = "false"
    os.environ["DJANGO_CSRF_COOKIE_SECURE"] = "false"
    os.environ["DJANGO_API_ANON_RATE"] = "100000000/min"
    os.environ["DJANGO_API_PARTNER_RATE"] = "100000000/min"
    os.environ["WAYTAHEAD_BENCH_VIEWS"] = "true"
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("the benchmarks run on PostgreSQL")


# --- Small statistics helpers --------------------------------------------------------


def median(values):
    return statistics.median(values) if values else float("nan")


def spread(values) -> str:
    if not values:
        return "-"
    return f"{min(values):.3g}..{max(values):.3g}"


def round_ratios(numerators: list[float], denominators: list[float]) -> list[float]:
    """One ratio per round, from two lists of per-round values taken side by side."""
    return [n / d for n, d in zip(numerators, denominators, strict=True)]


# --- Side by side, and timed ---------------------------------------------------------


def interleaved(rounds: int, scenarios: dict, measure) -> dict[str, list]:
    """Run ``measure(name, spec)`` for every scenario in every round, in an order that
    alternates direction each round (A B C, C B A, ...); return results per scenario."""
    names = list(scenarios)
    results: dict[str, list] = {name: [] for name in names}
    for number in range(rounds):
        order = names if number % 2 == 0 else list(reversed(names))
        for name in order:
            results[name].append(measure(name, scenarios[name]))
    return results


def timed_and_rolled_back(function) -> float:
    """Seconds taken by ``function()`` inside a transaction that is then rolled back."""
    from django.db import transaction

    with transaction.atomic():
        started = time.perf_counter()
        function()
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


# --- The server under test -----------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def http_get(port: int, path: str, timeout: float = 30) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def vm_rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class Gunicorn:
    """gunicorn serving the project's WSGI app with 2 sync workers on a loopback port."""

    def __init__(self, port: int, env: dict, pidfile: Path, logfile: Path):
        self.port = port
        self.env = env
        self.pidfile = pidfile
        self.logfile = logfile
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            str(gunicorn),
            "waytahead.wsgi:application",
            "--workers=2",
            f"--bind={HOST}:{self.port}",
            f"--pid={self.pidfile}",
            f"--error-logfile={self.logfile}",
            "--log-level=warning",
            "--timeout=120",
        ]
        log(f"starting gunicorn on http://{HOST}:{self.port}/ (2 workers)")
        self.process = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=self.env, start_new_session=True
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early; see {self.logfile}")
            with contextlib.suppress(OSError):
                status, _body = http_get(self.port, "/healthz")
                if status == 200 and len(self.worker_pids()) == 2:
                    return
            time.sleep(0.25)
        raise RuntimeError(f"gunicorn did not answer /healthz in 60 s; see {self.logfile}")

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        log("stopping gunicorn")
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def print_log(self) -> None:
        """The end of gunicorn's log (warnings and errors), when there is any."""
        with contextlib.suppress(OSError):
            log_text = self.logfile.read_text()
            if log_text.strip():
                print("--- gunicorn log (warnings and errors) ---")
                print(log_text[-4000:])


class RssSampler(threading.Thread):
    """Samples the workers' VmRSS every 20 ms, keeping each worker's highest value."""

    def __init__(self, pids: list[int]):
        super().__init__(daemon=True)
        self.pids = pids
        self.peak = {pid: vm_rss_kb(pid) for pid in pids}
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.wait(0.02):
            for pid in self.pids:
                with contextlib.suppress(OSError):
                    self.peak[pid] = max(self.peak[pid], vm_rss_kb(pid))


# --- wrk -----------------------------------------------------------------------------


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        raise RuntimeError("wrk is missing: install the Debian package wrk (apt-get install wrk)")
    log("wrk is missing: apt-get install -y wrk")
    quiet = {"stdout": subprocess.DEVNULL, "check": True}
    subprocess.run(["apt-get", "update", "-qq"], **quiet)  # noqa: S607
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], **quiet)  # noqa: S607
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk could not be installed")
    return found


@dataclass
class Wrk:
    binary: str
    port: int
    workdir: Path
    runs: list = field(default_factory=list)

    def run(self, paths: list[str], *, connections: int, seconds: int, threads=None) -> dict:
        """One wrk run rotating over ``paths``; returns the Lua summary as a dict."""
        threads = threads or min(2, connections)
        listing = self.workdir / f"paths-{len(self.runs)}.txt"
        listing.write_text("\n".join(paths) + "\n")
        command = [
            self.binary,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout=30s",
            "-s",
            str(LUA),
            f"http://{HOST}:{self.port}",
            "--",
            str(listing),
        ]
        done = subprocess.run(  # noqa: S603
            command, capture_output=True, text=True, timeout=seconds + 60, check=False
        )
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode != 0 or not lines:
            raise RuntimeError(f"wrk failed ({done.returncode}): {done.stdout}\n{done.stderr}")
        summary = json.loads(lines[-1])
        summary["error_total"] = sum(summary["errors"].values())
        self.runs.append(summary)
        return summary


def wrk_version(binary: str) -> str:
    lines = subprocess.run(  # noqa: S603
        [binary, "-v"], capture_output=True, text=True, check=False
    ).stdout.splitlines()
    return lines[0].split(" Copyright")[0] if lines else "unknown"


def check_answers(port: int, paths: list[str], ok=lambda status: status == 200, label="") -> None:
    """GET each path once, before it is measured; fail on the first status not ``ok``."""
    for path in paths:
        status, _body = http_get(port, path)
        if not ok(status):
            raise RuntimeError(f"{label}{path} answered {status}")
