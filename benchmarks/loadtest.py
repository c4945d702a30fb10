"""Hold 200 concurrent clients on the public pages for 60 s, on 127.0.0.1 only.

It prepares a PostgreSQL database with `manage.py generate_events --count
10000` (as benchmarks/run.py does; kept and reused by later runs), collects the
static files, starts gunicorn with the production settings (DJANGO_DEBUG=0,
gunicorn.conf.py) on 127.0.0.1, and runs wrk with a Lua script that rotates
over several public pages. It prints requests/s, p50 and p99 latency and the
errors (non-2xx/3xx responses and socket errors: connect, read, write,
timeout), and exits with status 1 if there was any error.

    .venv/bin/python benchmarks/loadtest.py                 # 200 clients, 60 s
    .venv/bin/python benchmarks/loadtest.py --connections 50 --duration 10

The rate limit (DJANGO_RATELIMIT_SEARCH) is off for the run: every client
comes from 127.0.0.1, which would otherwise get 429 after 120 searches.

Needs: PostgreSQL on 127.0.0.1:5432 (user postgres, trust), wrk (Debian package).
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from benchmarks.run import prepare  # noqa: E402

PYTHON = sys.executable
PORT = 8791
SIZE = 10_000
DATABASE = f"loadtest_{SIZE}"

PAGES = [
    "/ru/",
    "/ru/events/",
    "/kk/events/",
    "/en/events/?page=2",
    "/ru/events/?district=oskemen&activity_type=90.01&when=month",
    "/ru/events/?q=фестиваль",
    "/ru/events/?q=керамики+бухтармы",
    "/ru/events/generated-1-4242/",
    "/ru/events/generated-1-17/",
    "/ru/venues/",
    "/ru/organizations/",
    "/ru/events/feed.ics?district=ulan",
    "/ru/events/feed.rss",
    "/api/v1/events/",
    "/healthz",
]

LUA = """
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def environment(static_root):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="creative_east.settings",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="loadtest-only-secret-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        # Plain HTTP on loopback: no redirect to HTTPS.
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=static_root,
        DJANGO_RATELIMIT_SEARCH="off",
        DJANGO_LOG_LEVEL="ERROR",
        HOST="127.0.0.1",
        PORT=str(PORT),
    )
    return env


def database_ready(env):
    exists = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc",
         f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if exists != "1":
        return False
    count = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc",
         "SELECT count(*) FROM events_event", DATABASE],
        capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip
    return count.isdigit() and int(count) >= SIZE


def serve(env):
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py",
         "--access-logfile", "/dev/null", "--log-level", "warning"],
        cwd=PROJECT, env=env, start_new_session=True,
    )  # fmt: skip
    for _ in range(150):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    os.killpg(server.pid, signal.SIGKILL)
    raise RuntimeError("gunicorn did not start")


LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def parse(output):
    latency = {
        percent: float(value) * UNITS[unit]
        for percent, value, unit in LATENCY.findall(output)
    }
    requests = int(re.search(r"(\d+) requests in", output)[1])
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    socket_errors = (
        dict(
            zip(
                ("connect", "read", "write", "timeout"),
                map(int, socket.groups()),
                strict=True,
            )
        )
        if socket
        else dict.fromkeys(("connect", "read", "write", "timeout"), 0)
    )
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests": requests,
        "requests_per_second": rate,
        "p50_ms": latency["50"],
        "p99_ms": latency["99"],
        "non_2xx_3xx": int(bad[1]) if bad else 0,
        "socket_errors": socket_errors,
    }


def errors_in(result):
    """A wrk run's failures: answers other than 2xx or 3xx, and socket errors."""
    return result["non_2xx_3xx"] + sum(result["socket_errors"].values())


def verdict(errors):
    """Say whether the run had errors; the exit status to return."""
    print("OK: no error." if errors == 0 else f"FAILED: {errors} errors.")
    return 0 if errors == 0 else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--duration", type=int, default=60, help="seconds")
    parser.add_argument("--threads", type=int, default=2)
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="creative-east-loadtest-") as folder:
        env = environment(str(Path(folder) / "static"))
        if database_ready(env):
            print(f"Reusing the database {DATABASE}.", flush=True)
        else:
            print(f"Preparing {DATABASE} with {SIZE} events...", flush=True)
            prepare(SIZE, env, DATABASE, False)
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
            cwd=PROJECT, env=env, check=True,
        )  # fmt: skip
        script = Path(folder) / "pages.lua"
        script.write_text(
            LUA % ", ".join(f'"{urllib.request.quote(p, safe="/?=&+")}"' for p in PAGES)
        )
        server = serve(env)
        try:
            # Every page once: a page that fails on its own is named here.
            for path in PAGES:
                url = (
                    f"http://127.0.0.1:{PORT}{urllib.request.quote(path, safe='/?=&+')}"
                )
                with urllib.request.urlopen(url, timeout=30) as response:
                    assert response.status == 200, (path, response.status)
            print(
                f"wrk: {arguments.connections} clients for {arguments.duration} s "
                f"over {len(PAGES)} pages (rate limit off)...",
                flush=True,
            )
            output = subprocess.run(
                ["wrk", f"-t{arguments.threads}", f"-c{arguments.connections}",
                 f"-d{arguments.duration}s", "--timeout", "30s", "--latency",
                 "-s", str(script), f"http://127.0.0.1:{PORT}"],
                check=True, capture_output=True, text=True,
                timeout=arguments.duration + 120,
            ).stdout  # fmt: skip
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)

    result = parse(output)
    errors = errors_in(result)
    print(output)
    print(
        f"{result['requests']} requests, {result['requests_per_second']:.0f}/s, "
        f"p50 {result['p50_ms']:.0f} ms, p99 {result['p99_ms']:.0f} ms, "
        f"non-2xx/3xx {result['non_2xx_3xx']}, socket errors {result['socket_errors']}"
    )
    return verdict(errors)


if __name__ == "__main__":
    sys.exit(main())
