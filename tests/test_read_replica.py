"""A real PostgreSQL streaming replica under the running site.

The test makes its own pair of clusters with the machine's PostgreSQL
binaries: a primary (initdb, on a spare port) and a replica of it
(`pg_basebackup -R`, on another), migrates the primary, and serves the site
on them with DATABASE_URL and DATABASE_REPLICA_URL, as production would.
Pausing the replica's replay shows which of the two answered a request.

It runs in the PostgreSQL run of the suite (DATABASE_URL set to PostgreSQL),
as root or as the postgres user.
"""

import contextlib
import glob
import http.cookiejar
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import PASSWORD

PG_BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
pytestmark = pytest.mark.skipif(
    not PG_BIN or "postgres" not in os.environ.get("DATABASE_URL", ""),
    reason="the PostgreSQL run of the suite, with PostgreSQL's binaries",
)
ROOT = Path(settings.BASE_DIR)


def spare_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def as_postgres(*command, **kwargs):
    """A PostgreSQL program, as the postgres user (it refuses to run as root)."""
    program = [str(Path(PG_BIN[-1]) / command[0]), *command[1:]]
    if os.geteuid() == 0:
        program = ["runuser", "-u", "postgres", "--", *program]
    return subprocess.run(program, check=True, capture_output=True, text=True, **kwargs)


class Cluster:
    def __init__(self, folder, port):
        self.folder, self.port = folder, port

    def start(self):
        options = (
            f"-p {self.port} -k {self.folder.parent} -c listen_addresses=127.0.0.1"
        )
        as_postgres(
            "pg_ctl", "-D", str(self.folder), "-o", options,
            "-l", f"{self.folder}.log", "-w", "start",
        )  # fmt: skip

    def stop(self, mode="fast"):
        as_postgres("pg_ctl", "-D", str(self.folder), "-m", mode, "-w", "stop")

    def sql(self, statement):
        return as_postgres(
            "psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
            "-d", "postgres", "-Atc", statement,
        ).stdout.strip()  # fmt: skip

    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


@pytest.fixture(scope="module")
def clusters():
    folder = Path(tempfile.mkdtemp(prefix="replica-test-"))
    os.chmod(folder, 0o755)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    primary = Cluster(folder / "primary", spare_port())
    replica = Cluster(folder / "replica", spare_port())
    as_postgres("initdb", "-D", str(primary.folder), "-A", "trust", "-U", "postgres",
                "--no-sync")  # fmt: skip
    primary.start()
    as_postgres(
        "pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
        "-D", str(replica.folder), "-R", "-X", "stream", "-c", "fast",
    )  # fmt: skip
    replica.start()
    yield primary, replica
    for cluster in (replica, primary):
        with contextlib.suppress(subprocess.CalledProcessError):  # stopped
            cluster.stop("immediate")
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def site(clusters):
    """The site served on the pair, with a moderator and a draft event."""
    primary, replica = clusters
    environment = {
        **os.environ,
        "DATABASE_URL": primary.url(),
        "DATABASE_REPLICA_URL": replica.url(),
        "DJANGO_DEBUG": "1",
        "DJANGO_RATELIMIT_SEARCH": "off",
        "DJANGO_PAGE_CACHE_SECONDS": "0",
    }
    environment.pop("DJANGO_CACHE_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=environment,
                   check=True, cwd=ROOT)  # fmt: skip
    setup = (
        "from tests.factories import make_event, make_moderator\n"
        "from events.models import Event\n"
        "make_moderator(username='aigerim')\n"
        "make_event(title_en='Replica concert', slug='replica-concert',"
        " publication_status=Event.PublicationStatus.DRAFT)\n"
    )
    subprocess.run([*manage, "shell", "-c", setup], env=environment, check=True,
                   cwd=ROOT, capture_output=True)  # fmt: skip
    port = spare_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=environment, cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    wait_for(lambda: status(base + "/healthz") == 200, "the site to start")
    yield base
    server.terminate()
    server.wait(10)


def status(url, opener=None):
    try:
        with (opener or urllib.request.build_opener()).open(url, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def text(url, opener=None):
    with (opener or urllib.request.build_opener()).open(url, timeout=10) as answer:
        return answer.read().decode()


def wait_for(condition, what, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"Waited {seconds} s for {what}")


def moderator_browser(base):
    """An opener logged in to the admin as the moderator."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = text(base + "/admin/login/", opener)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "aigerim", "password": PASSWORD}
    ).encode()
    request = urllib.request.Request(
        base + "/admin/login/?next=/admin/", data, headers={"Referer": base}
    )
    opener.open(request, timeout=10)
    assert status(base + "/admin/", opener) == 200
    return opener


EVENT_PAGE = "/en/events/replica-concert/"


def test_visitors_read_the_replica_and_staff_the_primary(clusters, site):
    primary, replica = clusters
    moderator = moderator_browser(site)
    replica.sql("SELECT pg_wal_replay_pause()")

    primary.sql(
        "UPDATE events_event SET publication_status = 'published'"
        " WHERE slug = 'replica-concert'"
    )

    # The moderator who published sees it at once: staff read the primary.
    assert "Replica concert" in text(site + EVENT_PAGE, moderator)
    # Visitors read the replica, which has not replayed the change yet.
    assert status(site + EVENT_PAGE) == 404
    assert "Replica concert" not in text(site + "/en/events/")

    replica.sql("SELECT pg_wal_replay_resume()")
    wait_for(lambda: status(site + EVENT_PAGE) == 200, "the change to replicate")
    assert "Replica concert" in text(site + "/en/events/")


def test_without_the_replica_visitors_read_the_primary_and_go_back_to_it(
    clusters, site
):
    primary, replica = clusters
    primary.sql(
        "UPDATE events_event SET publication_status = 'published'"
        " WHERE slug = 'replica-concert'"
    )
    wait_for(lambda: status(site + EVENT_PAGE) == 200, "the event to replicate")

    replica.stop()
    for path in ["/en/", "/en/events/", EVENT_PAGE, "/en/events/feed.ics",
                 "/api/v1/events/", "/sitemap.xml"]:  # fmt: skip
        assert status(site + path) == 200, path

    replica.start()
    replica.sql("SELECT pg_wal_replay_pause()")
    primary.sql(
        "UPDATE events_event SET title_en = 'Replica concert, moved'"
        " WHERE slug = 'replica-concert'"
    )
    # Within a few seconds (the retry time) visitors read the replica again,
    # which has not replayed the new title.
    wait_for(
        lambda: "Replica concert, moved" not in text(site + EVENT_PAGE),
        "visitors to read the replica again",
    )
    replica.sql("SELECT pg_wal_replay_resume()")
    wait_for(
        lambda: "Replica concert, moved" in text(site + EVENT_PAGE),
        "the new title to replicate",
    )
