"""The database going away mid-traffic: a 503 page, then recovery by itself."""

import pytest
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection

from creative_east.middleware import DatabaseUnavailableMiddleware
from tests.factories import make_event

pytestmark = pytest.mark.django_db


def database_gone(monkeypatch, error=OperationalError):
    def refuse(*args, **kwargs):
        raise error("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(connection, "ensure_connection", refuse)


@pytest.mark.parametrize(
    "path",
    ["/en/", "/en/events/", "/en/events/spring-concert/", "/en/events/feed.ics"],
)
def test_public_pages_answer_503_with_retry_after_while_the_database_is_gone(
    client, monkeypatch, path
):
    make_event(title="Spring concert", slug="spring-concert")
    database_gone(monkeypatch)

    response = client.get(path)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "no-cache" in response["Cache-Control"]
    page = response.content.decode()
    assert "<h1>The site is temporarily unavailable</h1>" in page
    assert "Please try again in a minute." in page
    assert "Traceback" not in page
    assert "Spring concert" not in page


def test_an_interface_error_also_gives_the_503_page(client, monkeypatch):
    database_gone(monkeypatch, InterfaceError)

    response = client.get("/en/events/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_the_503_page_is_in_the_language_of_the_address(client, monkeypatch):
    database_gone(monkeypatch)

    response = client.get("/kk/events/")

    assert response.status_code == 503
    assert '<html lang="kk">' in response.content.decode()


def test_the_api_answers_503_as_problem_details(client, monkeypatch):
    database_gone(monkeypatch)

    response = client.get("/api/v1/events/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Service Unavailable",
        "status": 503,
        "detail": "The database does not answer; retry later.",
    }


def test_the_site_recovers_by_itself_when_the_database_is_back(client, monkeypatch):
    make_event(title="Spring concert", slug="spring-concert")
    database_gone(monkeypatch)
    assert client.get("/en/events/").status_code == 503
    assert client.get("/healthz").status_code == 503

    monkeypatch.undo()

    response = client.get("/en/events/")
    assert response.status_code == 200
    assert "Spring concert" in response.content.decode()
    assert client.get("/en/events/spring-concert/").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_other_errors_are_not_turned_into_503(rf):
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    request = rf.get("/en/events/")

    assert middleware.process_exception(request, ValueError("a bug")) is None
    assert middleware.process_exception(request, OperationalError()).status_code == 503


def test_a_dropped_persistent_connection_is_checked_before_reuse():
    for alias in settings.DATABASES:
        assert settings.DATABASES[alias]["CONN_HEALTH_CHECKS"] is True
        assert settings.DATABASES[alias]["CONN_MAX_AGE"] == 60
