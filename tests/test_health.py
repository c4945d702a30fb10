import pytest
from django.db import OperationalError, connection

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


def test_healthz_is_outside_the_language_prefix(client):
    assert client.get("/en/healthz").status_code == 404


def test_healthz_refuses_a_post_without_touching_the_database(client):
    response = client.post("/healthz")

    assert response.status_code == 405
