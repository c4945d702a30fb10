import pytest
from django.test import Client

from tests.factories import PASSWORD, make_moderator

pytestmark = pytest.mark.django_db


def log_in(client, username, password):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password, "next": "/admin/"},
    )


def test_five_wrong_passwords_lock_the_login_even_with_the_right_one(client, moderator):
    for _ in range(4):
        assert log_in(client, "aigerim", "guess").status_code == 200
    fifth = log_in(client, "aigerim", "guess")
    right = log_in(client, "aigerim", PASSWORD)

    assert fifth.status_code == 429
    assert right.status_code == 429
    page = right.content.decode()
    assert "Login locked" in page
    assert (
        "Too many wrong passwords. For your safety, logging in as this user from "
        "this address is locked for 15 minutes."
    ) in page
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("wrong_passwords", "username"),
    [
        pytest.param(4, "aigerim", id="four wrong passwords"),
        pytest.param(5, "boris", id="another user after five"),
    ],
)
def test_the_right_password_logs_in_until_the_lock(
    client, moderator, wrong_passwords, username
):
    make_moderator(username="boris")
    for _ in range(wrong_passwords):
        log_in(client, "aigerim", "guess")

    response = log_in(client, username, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_the_lockout_message_is_in_the_users_language(moderator):
    client = Client(headers={"accept-language": "ru"})
    for _ in range(5):
        log_in(client, "aigerim", "guess")

    response = log_in(client, "aigerim", PASSWORD)

    assert response.status_code == 429
    assert '<html lang="ru"' in response.content.decode()
