"""Two application servers behind nginx, one killed under load, Redis restarted.

As production runs it (docs/deploy.md, "More than one server"): nginx with the
upstream and proxy settings of deploy/nginx.conf in front of two gunicorn
servers sharing PostgreSQL and Redis. 100 clients go round the public pages for
60 s; at 20 s one application server is killed (SIGKILL, requests under way),
at 30 s Redis is restarted (emptied), at 40 s the server is started again. It
prints requests/s, p50 and p99 of each phase and the errors (non-2xx/3xx and
socket errors); it exits 1 on any error.

    .venv/bin/python benchmarks/faults.py
    .venv/bin/python benchmarks/faults.py --connections 50 --phase-seconds 5

Needs: PostgreSQL on 127.0.0.1:5432 (user postgres, trust), Redis's
redis-server, nginx and wrk (Debian packages). It starts its own Redis and
nginx on spare ports and stops them; the database is loadtest.py's.
"""

import argparse
import re
import subprocess
import sys
import tempfile
import threading
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from benchmarks.loadtest import (  # noqa: E402
    DATABASE,
    LUA,
    PAGES,
    SIZE,
    database_ready,
    environment,
    errors_in,
    parse,
    verdict,
)
from benchmarks.run import prepare  # noqa: E402
from benchmarks.servers import Gunicorn, RedisServer, spare_port  # noqa: E402

PYTHON = sys.executable


def proxy_settings():
    """The `location /` proxy directives of deploy/nginx.conf, as deployed."""
    text = (PROJECT / "deploy" / "nginx.conf").read_text()
    block = text[text.rindex("    location / {") :]
    block = block[: block.index("\n    }")]
    lines = [line.split("#")[0].strip() for line in block.splitlines()[1:]]
    return "\n".join(f"        {line}" for line in lines if line)


def upstream_settings():
    """The upstream's per-server parameters of deploy/nginx.conf."""
    text = (PROJECT / "deploy" / "nginx.conf").read_text()
    server = re.search(r"^\s+server 127\.0\.0\.1:8000(.*);", text, re.MULTILINE)
    return server[1].strip()


NGINX = """
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    upstream creative_east {{
        server 127.0.0.1:{first} {parameters};
        server 127.0.0.1:{second} {parameters};
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
{proxy}
        }}
    }}
}}
"""


def load(url, script, connections, seconds):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
         "--latency", "-s", str(script), url],
        check=True, capture_output=True, text=True, timeout=seconds + 120,
    ).stdout  # fmt: skip
    return parse(output)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument(
        "--phase-seconds", type=int, default=10, help="60 s in all at 10"
    )
    arguments = parser.parse_args()
    step = arguments.phase_seconds

    with tempfile.TemporaryDirectory(prefix="creative-east-faults-") as folder:
        redis = RedisServer(spare_port())
        env = environment(str(Path(folder) / "static"))
        env["DJANGO_CACHE_URL"] = redis.url
        if database_ready(env):
            print(f"Reusing the database {DATABASE}.", flush=True)
        else:
            print(f"Preparing {DATABASE} with {SIZE} events...", flush=True)
            prepare(SIZE, env, DATABASE, False)
        for command in (["migrate"], ["collectstatic", "--noinput"]):
            subprocess.run(
                [PYTHON, "manage.py", *command, "--verbosity", "0"],
                cwd=PROJECT, env=env, check=True,
            )  # fmt: skip
        redis.start()
        servers = [Gunicorn(env, spare_port()), Gunicorn(env, spare_port())]
        for server in servers:
            server.start()
        port = spare_port()
        config = Path(folder) / "nginx.conf"
        config.write_text(
            NGINX.format(
                folder=folder,
                first=servers[0].port,
                second=servers[1].port,
                parameters=upstream_settings(),
                port=port,
                proxy=proxy_settings(),
            )
        )
        subprocess.run(["nginx", "-c", str(config), "-p", folder], check=True)
        script = Path(folder) / "pages.lua"
        script.write_text(
            LUA % ", ".join(f'"{urllib.request.quote(p, safe="/?=&+")}"' for p in PAGES)
        )
        url = f"http://127.0.0.1:{port}"
        for path in PAGES:  # each page once through nginx: warm, and not failing
            quoted = urllib.request.quote(path, safe="/?=&+")
            with urllib.request.urlopen(url + quoted, timeout=60) as response:
                assert response.status == 200, (path, response.status)
        phases = [
            ("both servers up", 2 * step, None),
            ("server 2 killed 1 s in", step, servers[1].kill),
            ("Redis restarted 1 s in", step, redis.restart),
            ("server 2 started again 1 s in", step, servers[1].start),
            ("both servers up again", step, None),
        ]
        results = []
        try:
            print(
                f"wrk: {arguments.connections} clients through nginx, "
                f"{6 * step} s (rate limit off)...",
                flush=True,
            )
            for name, seconds, action in phases:
                if action is not None:
                    # One second in, with requests under way.
                    threading.Timer(1.0, action).start()
                results.append(
                    (name, load(url, script, arguments.connections, seconds))
                )
        finally:
            subprocess.run(
                ["nginx", "-c", str(config), "-p", folder, "-s", "stop"], check=False
            )
            log = (Path(folder) / "nginx-error.log").read_text().splitlines()
            upstream = [line for line in log if "upstream" in line]
            for server in servers:
                if server.process.poll() is None:
                    server.kill()
            redis.stop()

    errors = 0
    print(f"{'phase':38} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'errors':>7}")
    for name, result in results:
        failed = errors_in(result)
        errors += failed
        print(
            f"{name:38} {result['requests_per_second']:7.0f} "
            f"{result['p50_ms']:7.0f} {result['p99_ms']:7.0f} {failed:7}"
        )
    print(
        f"nginx noted {len(upstream)} upstream failures (each retried on the other "
        "server when the request allowed it):"
    )
    for line in upstream[:5]:
        print("  " + line.split("] ", 1)[-1][:160])
    return verdict(errors)


if __name__ == "__main__":
    sys.exit(main())
