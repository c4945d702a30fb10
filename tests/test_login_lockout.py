import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from tests.factories import make_moderator

pytestmark = pytest.mark.django_db

PASSWORD = "a long test password"  # as tests/factories.py gives every user
NGINX = "10.0.0.1"  # the proxy's address, the same for every visitor behind it


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    """Users made here get a hash that is quick to check; the lockout does not
    depend on how slow a wrong password is."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def visitor(forwarded_for=None, language="en"):
    """A browser; with `forwarded_for`, seen through nginx, which adds that address."""
    headers = {"accept-language": language}
    if forwarded_for:
        headers["x-forwarded-for"] = forwarded_for
    return Client(headers=headers, REMOTE_ADDR=NGINX)


def log_in(client, password, username="admin"):
    return client.post("/admin/login/", {"username": username, "password": password})


def lock_out(client, username="admin"):
    for _ in range(5):
        response = log_in(client, "guess", username)
    assert response.status_code == 429
    return response


@pytest.fixture
def behind_proxy(settings):
    """What DJANGO_BEHIND_HTTPS_PROXY=1 sets."""
    settings.RATELIMIT_TRUST_X_FORWARDED_FOR = True


def test_behind_the_proxy_one_locked_out_client_leaves_another_logging_in(
    behind_proxy,
):
    make_moderator(username="admin")
    guesser = visitor("198.51.100.7")
    lock_out(guesser)

    assert log_in(guesser, PASSWORD).status_code == 429
    colleague = log_in(visitor("203.0.113.9"), PASSWORD)
    assert colleague.status_code == 302
    assert colleague["Location"] == "/admin/"


def test_behind_the_proxy_the_address_nginx_adds_counts_not_the_one_sent(
    behind_proxy,
):
    make_moderator(username="admin")
    lock_out(visitor("198.51.100.7"))

    # The guesser sends an address of their own; nginx appends the real one.
    forged = log_in(visitor("203.0.113.9, 198.51.100.7"), PASSWORD)

    assert forged.status_code == 429


def test_without_the_proxy_x_forwarded_for_is_not_trusted():
    make_moderator(username="admin")
    lock_out(visitor("198.51.100.7"))

    # Same connection address, another claimed one: still the same client.
    assert log_in(visitor("203.0.113.9"), PASSWORD).status_code == 429
    assert AccessAttempt.objects.get().ip_address == NGINX


def test_the_locked_out_answer_says_in_seconds_when_to_try_again():
    make_moderator(username="admin")

    response = lock_out(visitor())

    # AXES_COOLOFF_TIME is 15 minutes, counted from the start of this last
    # request, which checking the password makes last a second or so.
    assert response.status_code == 429
    assert 890 <= int(response["Retry-After"]) <= 901


def test_the_lock_ends_when_retry_after_says():
    make_moderator(username="admin")
    client = visitor()
    lock_out(client)

    def move_last_failure_back(seconds):
        AccessAttempt.objects.update(
            attempt_time=timezone.now() - datetime.timedelta(seconds=seconds)
        )

    move_last_failure_back(900 - 2)
    still_locked = log_in(client, PASSWORD)
    assert still_locked.status_code == 429

    # That attempt started the cool-off again; wait what it says.
    move_last_failure_back(int(still_locked["Retry-After"]))
    assert log_in(client, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "You can log in again after {}."),
        ("kk", "Қайта кіруге болатын уақыт: {}."),
        ("ru", "Войти снова можно после {}."),
    ],
)
def test_the_locked_out_page_says_when_to_log_in_again(language, sentence):
    make_moderator(username="admin")
    before = timezone.localtime() + datetime.timedelta(minutes=15)

    response = lock_out(visitor(language=language))

    after = timezone.localtime() + datetime.timedelta(minutes=15)
    page = re.sub(r"\s+", " ", response.content.decode())
    assert f'<html lang="{language}"' in page
    assert any(
        sentence.format(moment.strftime("%H:%M")) in page for moment in (before, after)
    )


def test_a_login_without_next_lands_on_the_admin(client):
    make_moderator(username="admin")

    response = log_in(client, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
