"""Measure the public pages under load on PostgreSQL, against the app's floor.

For each size, it creates a PostgreSQL database, fills it with
`manage.py generate_events`, serves the site with gunicorn (DJANGO_DEBUG=0,
2 workers) and loads each page with wrk, twice: cold (the page cache off, every
request renders) and hot (the page cache on, in Redis). It prints, per page,
size and mode, requests/s, p50 and p99 latency, SQL queries per request and the
ratios to the floor (a view of the same app behind the same middleware that
does nothing, measured in the same mode), and writes them to a JSON file.

    .venv/bin/python benchmarks/run.py                       # 10,000 and 100,000
    .venv/bin/python benchmarks/run.py --sizes 10000 --duration 5

Needs: PostgreSQL on 127.0.0.1:5432 (user postgres, trust), Redis on
127.0.0.1:6379, wrk (Debian package).
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = 8790
SEED = 1
# A Redis database of its own, emptied before each hot run.
REDIS_URL = "redis://127.0.0.1:6379/15"
MODES = {
    # Every request renders: what a page costs the first time it is asked for.
    "cold": {"DJANGO_PAGE_CACHE_SECONDS": "0"},
    # Rendered pages kept in the shared cache until the catalog changes.
    "hot": {"DJANGO_PAGE_CACHE_SECONDS": "300"},
    # Nothing kept at all, fragments neither: only when asked for.
    "uncached": {
        "DJANGO_PAGE_CACHE_SECONDS": "0",
        "DJANGO_FRAGMENT_CACHE_SECONDS": "0",
    },
}

PAGES = {
    "floor": "/benchmark-floor/",
    "home": "/ru/",
    "list": "/ru/events/",
    "list filtered": "/ru/events/?district=oskemen&activity_type=90.01&when=month",
    "search common": "/ru/events/?q=фестиваль",
    "search rare": "/ru/events/?q=керамики+бухтармы",
    "event": "/ru/events/generated-1-{number}/",
    "calendar": "/ru/events/calendar/",
    "map": "/ru/events/map/",
    "venues": "/ru/venues/",
    "activity types": "/ru/activity-types/",
    "feed.ics filtered": "/ru/events/feed.ics?district=ulan",
    "feed.ics": "/ru/events/feed.ics",
    "feed.rss": "/ru/events/feed.rss",
    # A district's year: about 1,400 rows at 100,000 events.
    "export.csv": "/ru/events/export.csv?district=ulan&date_from=2026-01-01&date_to=2026-12-31",
    "api list": "/api/v1/events/",
    "api filtered": "/api/v1/events/?district=oskemen&activity_type=90.01",
    "sitemap index": "/sitemap.xml",
    "sitemap page": "/sitemap-events.xml?p=5",
    "embed": "/ru/embed/events/?district=ulan&limit=5",
}


def pages_for(size):
    """The pages, with an event that exists among `size` generated ones."""
    number = min(4242, size // 2)  # the same event at 10,000 and 100,000
    return {name: path.format(number=number) for name, path in PAGES.items()}


def environment(database, mode="cold"):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        DJANGO_CACHE_URL=REDIS_URL,
        **MODES[mode],
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{database}",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="benchmark-only-secret-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_SECURE_SSL_REDIRECT="0",
        # Production serves fingerprinted static files: they need collecting.
        DJANGO_STATIC_ROOT=str(
            Path(tempfile.gettempdir()) / "creative-east-bench-static"
        ),
        # Every wrk connection comes from 127.0.0.1: the per-address limit
        # would answer 429 to the load itself.
        DJANGO_RATELIMIT_SEARCH="off",
    )
    return env


def run(command, env, **kwargs):
    return subprocess.run(command, cwd=PROJECT, env=env, check=True, **kwargs)


def generated_events(env, database):
    """How many generated events the database holds; None if it does not exist."""
    output = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAq", "-d", database, "-c",
         "SELECT count(*) FROM events_event WHERE slug LIKE 'generated-%'"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    return int(output.stdout) if output.returncode == 0 else None


def prepare(size, env, database, reuse):
    if reuse and generated_events(env, database) == size:
        run([PYTHON, "manage.py", "migrate", "--verbosity", "0"], env)
        run(
            [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], env
        )
        run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", "VACUUM ANALYZE", database], env)  # fmt: skip
        return None
    run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database], env)
    run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], env)
    run([PYTHON, "manage.py", "migrate", "--verbosity", "0"], env)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], env)
    started = time.monotonic()
    run(
        [
            PYTHON,
            "manage.py",
            "generate_events",
            "--count",
            str(size),
            "--seed",
            str(SEED),
        ],
        env,
    )
    seconds = time.monotonic() - started
    run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-q",
            "-c",
            "VACUUM ANALYZE",
            database,
        ],
        env,
    )
    return seconds


def queries_per_request(env, pages):
    """SQL queries of one request to each page, counted by Django itself."""
    script = (
        "import json, django; django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        f"pages = {pages!r}\n"
        "client = Client()\n"
        "counts = {}\n"
        "for name, path in pages.items():\n"
        "    client.get(path)\n"
        "    with CaptureQueriesContext(connection) as queries:\n"
        "        status = client.get(path).status_code\n"
        "    counts[name] = [len(queries), status]\n"
        "print(json.dumps(counts))\n"
    )
    output = run([PYTHON, "-c", script], env, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def serve(env):
    server = subprocess.Popen(
        [
            PYTHON, "-m", "gunicorn", "creative_east.wsgi",
            "--workers", "2", "--bind", f"127.0.0.1:{PORT}",
            # gunicorn.conf.py recycles a worker every ~1,000 requests (a leak
            # guard); under this load that is every second, and the restart
            # would be the p99 of every fast page, the floor's included.
            "--max-requests", "0",
            "--access-logfile", "/dev/null", "--error-logfile", "-",
            "--log-level", "warning",
        ],
        cwd=PROJECT, env=env,
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(
                f"http://127.0.0.1:{PORT}/benchmark-floor/", timeout=1
            )
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def load(path, duration, connections):
    url = f"http://127.0.0.1:{PORT}{urllib.request.quote(path, safe='/?=&')}"
    output = subprocess.run(
        # A generous timeout: a slow page must show as slow, not as no answer.
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "30s",
         "--latency", url],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    latencies = {p: float(v) * UNITS[u] for p, v, u in LATENCY.findall(output)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"timeout (\d+)", output)
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50_ms": latencies["50"],
        "p99_ms": latencies["99"],
        "non_2xx": int(errors[1]) if errors else 0,
        "timeouts": int(timeouts[1]) if timeouts else 0,
    }


def workers_rss_mb(server):
    """The resident memory of each of the server's workers, in MB."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    sizes = []
    for pid in children.read_text().split():
        status = Path(f"/proc/{pid}/status").read_text()
        kilobytes = int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)[1])
        sizes.append(round(kilobytes / 1024))
    return sizes


def workers_cpu_ticks(server):
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    ticks = 0
    for pid in children.read_text().split():
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks


def wait_until_idle(server, timeout=300):
    """Until the workers have finished what wrk left queued (a slow page's
    requests outlive its run) and would slow the next page."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before = workers_cpu_ticks(server)
        time.sleep(0.5)
        if workers_cpu_ticks(server) - before <= 2:
            return


def empty_redis():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).flushdb()
    except redis.ConnectionError as error:
        raise OSError(error) from error


def measure_mode(env, pages, duration, connections):
    """Every page under load with one server, with the floor of that server."""
    empty_redis()
    queries = queries_per_request(env, pages)
    server = serve(env)
    results = {}
    try:
        for name, path in pages.items():
            if queries[name][1] == 404:
                continue  # a page this version of the app does not have
            wait_until_idle(server)
            load(path, 2, connections)  # warm-up
            wait_until_idle(server)
            results[name] = {
                **load(path, duration, connections),
                "queries": queries[name][0],
                # After the page's run: steady memory shows as the same
                # figures page after page, a leak as figures that only grow.
                "workers_rss_mb": workers_rss_mb(server),
            }
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    floor = results["floor"]
    for figures in results.values():
        figures["p50_ratio"] = round(figures["p50_ms"] / floor["p50_ms"], 1)
        figures["p99_ratio"] = round(figures["p99_ms"] / floor["p99_ms"], 1)
        figures["throughput_ratio"] = round(
            figures["requests_per_second"] / floor["requests_per_second"], 3
        )
    return results


def measure(size, duration, connections, modes, reuse):
    database = f"bench_{size}"
    generation_seconds = prepare(size, environment(database), database, reuse)
    return {
        "events": size,
        "generation_seconds": generation_seconds and round(generation_seconds, 1),
        "modes": {
            mode: measure_mode(
                environment(database, mode), pages_for(size), duration, connections
            )
            for mode in modes
        },
    }


def report(runs, modes):
    header = f"{'page':<20}{'mode':>5}{'events':>8}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'SQL':>5}{'p50 ×floor':>12}{'p99 ×floor':>12}{'req/s ×floor':>14}  workers' RSS MB"
    print(header)
    print("-" * len(header))
    for mode in modes:
        for name in PAGES:
            for result in runs:
                figures = result["modes"][mode].get(name)
                if figures:
                    print(
                        f"{name:<20}{mode:>5}{result['events']:>8}{figures['requests_per_second']:>9.0f}"
                        f"{figures['p50_ms']:>9.1f}{figures['p99_ms']:>9.1f}{figures['queries']:>5}"
                        f"{figures['p50_ratio']:>12.1f}{figures['p99_ratio']:>12.1f}"
                        f"{figures['throughput_ratio']:>14.3f}"
                        f"  {' '.join(map(str, figures['workers_rss_mb']))}"
                    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--output", default=str(PROJECT / "benchmarks" / "results.json")
    )
    parser.add_argument(
        "--modes", nargs="+", choices=list(MODES), default=["cold", "hot"]
    )
    parser.add_argument(
        "--keep-databases",
        action="store_true",
        help="leave the bench_<size> databases for the next run",
    )
    parser.add_argument(
        "--reuse-databases",
        action="store_true",
        help="use a bench_<size> database a kept run filled, instead of a new one",
    )
    arguments = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    try:
        empty_redis()
    except OSError as error:
        sys.exit(f"Redis is needed on 127.0.0.1:6379 for the hot run: {error}")
    runs = [
        measure(
            size,
            arguments.duration,
            arguments.connections,
            arguments.modes,
            arguments.reuse_databases,
        )
        for size in arguments.sizes
    ]
    report(runs, arguments.modes)
    Path(arguments.output).write_text(
        json.dumps(runs, indent=2, ensure_ascii=False) + "\n"
    )
    print(f"\nWritten to {arguments.output}")
    if not arguments.keep_databases:
        for size in arguments.sizes:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", f"bench_{size}"], check=False)  # fmt: skip


if __name__ == "__main__":
    main()
