"""/healthz: what a load balancer or systemd asks to know the site can serve."""

import logging
from pathlib import Path

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from events.models import Event

logger = logging.getLogger(__name__)


def sqlite_file_missing():
    """Whether the database is an SQLite file that is not there. Connecting
    would make a new empty one and answer, while every page fails."""
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return False
    return not Path(connection.settings_dict["NAME"]).is_file()


def unavailable(reason):
    logger.warning("Health check: %s", reason)
    return HttpResponse(
        "database unavailable", status=503, content_type="text/plain; charset=utf-8"
    )


@never_cache
@require_safe
def healthz(request):
    """200 "ok" when the (primary) database answers with the catalog's tables,
    503 when it does not."""
    if sqlite_file_missing():
        return unavailable(
            f"the SQLite file {connection.settings_dict['NAME']} is missing"
        )
    try:
        Event.objects.using("default").only("pk").exists()
    except DatabaseError as error:
        return unavailable(f"the database does not answer: {error}")
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
