"""Anonymous visitors' page reads from the read replica, everything else from the primary.

Used only when DATABASE_REPLICA_URL is set (see settings.py). The replica lags
the primary by a moment, so whatever writes, or reads what it has just written
(the admin, a logged-in editor previewing a draft, a management command),
stays on the primary: only a GET or HEAD from a visitor who is not logged in
reads from the replica, and never inside a transaction.

When the replica does not answer, visitors' reads go to the primary (no 5xx);
it is asked again every REPLICA_RETRY_SECONDS, and taken back when it answers.
"""

import logging
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
REPLICA_RETRY_SECONDS = 5

_public_reads = ContextVar("public_reads", default=False)


@contextmanager
def public_reads():
    """Let reads in this block go to the replica, when there is one."""
    token = _public_reads.set(True)
    try:
        yield
    finally:
        _public_reads.reset(token)


class PrimaryReplicaRouter:
    def __init__(self, databases=None):
        self.databases = settings.DATABASES if databases is None else databases

    def db_for_read(self, model, **hints):
        if (
            REPLICA in self.databases
            and _public_reads.get()
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: the same rows on both.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica gets its schema from the primary by replication.
        return db == DEFAULT_DB_ALIAS


class PublicReadsMiddleware:
    """Serve a visitor's GET or HEAD (not logged in) from the replica, when it
    answers."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.replica_down_until = 0.0  # a monotonic time; this process's view

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and not request.user.is_authenticated
            and self.replica_answers()
        ):
            with public_reads():
                return self.get_response(request)
        return self.get_response(request)

    def replica_answers(self):
        """Whether the replica's connection is open or can be opened now.

        A kept connection was checked at the start of the request
        (CONN_HEALTH_CHECKS) and dropped if the replica went away.
        """
        if REPLICA not in settings.DATABASES:
            return False
        if time.monotonic() < self.replica_down_until:
            return False
        try:
            connections[REPLICA].ensure_connection()
        except DatabaseError as error:
            logger.warning(
                "The read replica does not answer; reading the primary: %s", error
            )
            self.replica_down_until = time.monotonic() + REPLICA_RETRY_SECONDS
            return False
        return True
