import pytest
from django.db import OperationalError, ProgrammingError, connection
from django.db.models import QuerySet

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-cache" in response["Cache-Control"]
    assert "Set-Cookie" not in response
    assert not response.cookies


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    def refuse():
        raise OperationalError("connection to server at 127.0.0.1 failed")

    monkeypatch.setattr(connection, "cursor", refuse)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.content == b"database unavailable"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="an SQLite file")
def test_healthz_answers_503_when_the_sqlite_file_is_gone(
    client, monkeypatch, tmp_path
):
    gone = tmp_path / "db.sqlite3"
    monkeypatch.setitem(connection.settings_dict, "NAME", str(gone))

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.content == b"database unavailable"
    assert not gone.exists()  # not made anew, empty, by asking


def test_healthz_answers_503_when_the_catalogs_tables_are_missing(client, monkeypatch):
    def no_table(*args, **kwargs):
        raise ProgrammingError('relation "events_event" does not exist')

    monkeypatch.setattr(QuerySet, "exists", no_table)

    assert client.get("/healthz").status_code == 503


def test_healthz_is_outside_the_language_prefix(client):
    assert client.get("/en/healthz").status_code == 404


def test_healthz_refuses_a_post_without_touching_the_database(client):
    response = client.post("/healthz")

    assert response.status_code == 405
