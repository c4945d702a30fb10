"""Real servers on spare ports of this machine, started and stopped by a run.

Used by benchmarks/faults.py and by the tests that need a real Redis or the
site served by gunicorn (tests/test_redis_outage.py,
tests/test_shared_rate_limit.py). Redis is Debian's `redis-server`, kept in
memory only; gunicorn reads the project's gunicorn.conf.py.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def spare_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answers on port {port}")


class LocalServer:
    """A server started here on 127.0.0.1:`port` (its process once started)."""

    address = "http://127.0.0.1:{port}"

    def __init__(self, port):
        self.port = port
        self.process = None

    @property
    def url(self):
        return self.address.format(port=self.port)


class RedisServer(LocalServer):
    """redis-server on 127.0.0.1:`port`, nothing written to disk: each start
    is an empty Redis on the same port."""

    address = "redis://127.0.0.1:{port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(self.port)

    def stop(self):
        self.process.terminate()
        self.process.wait(10)

    def restart(self):
        self.stop()
        self.start()


class Gunicorn(LocalServer):
    """The site served by gunicorn on 127.0.0.1:`port`, with `workers` workers,
    in the environment `env` (DATABASE_URL, DJANGO_CACHE_URL...)."""

    def __init__(self, env, port, workers=2):
        super().__init__(port)
        self.env = {
            **env,
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "WEB_CONCURRENCY": str(workers),
        }

    def launch(self):
        """Starts it without waiting (to start several at once; see wait())."""
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py",
             "--access-logfile", "/dev/null", "--log-level", "warning"],
            cwd=PROJECT, env=self.env, start_new_session=True,
        )  # fmt: skip

    def wait(self, seconds=60):
        """Until a worker answers (the master accepts connections before)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start")

    def start(self):
        self.launch()
        self.wait()

    def kill(self):
        """SIGKILL to the master and its workers, requests under way or not."""
        with contextlib.suppress(ProcessLookupError):  # gone already
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
