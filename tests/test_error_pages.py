"""The 404, 500 and CSRF-failure pages: in the site's look and the visitor's language."""

import re

import pytest
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import server_error

from events.views import EventDetailView
from tests.factories import make_event

NOT_FOUND = {
    "kk": ("Бет табылмады", "Басты бетке өту", "Іс-шараларды іздеу"),
    "ru": ("Страница не найдена", "На главную страницу", "Поиск мероприятий"),
    "en": ("Page not found", "Go to the home page", "Search events"),
}


def offers_search_and_home(page, language, home_label, search_label):
    assert f'<form class="search" method="get" action="/{language}/events/"' in page
    assert f'<label for="error-q">{search_label}</label>' in page
    assert '<input type="search" id="error-q" name="q"' in page
    assert f'<a href="/{language}/">{home_label}</a>' in page


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("path", ["no-such-page/", "events/no-such-event/"])
def test_a_missing_page_answers_404_in_the_language_of_its_address(
    client, language, path
):
    # The browser asks for English: the address's prefix wins.
    response = client.get(f"/{language}/{path}")

    page = response.content.decode()
    heading, home_label, search_label = NOT_FOUND[language]
    assert response.status_code == 404
    assert f'<html lang="{language}">' in page
    assert f"<h1>{heading}</h1>" in page
    assert '<link rel="stylesheet" href="/static/css/site.css">' in page
    assert '<nav class="site-nav"' in page
    assert '<meta name="robots" content="noindex">' in page
    offers_search_and_home(page, language, home_label, search_label)
    # Its language switcher keeps the address, in the other languages.
    other = "ru" if language != "ru" else "kk"
    assert f'<a href="/{other}/{path}" hreflang="{other}"' in page
    assert "<style" not in page
    assert "<script" not in page


@pytest.mark.django_db
def test_a_server_error_answers_500_in_the_language_of_its_address(client, monkeypatch):
    event = make_event()

    def fail(self, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(EventDetailView, "get_context_data", fail)
    visitor = Client(raise_request_exception=False)

    response = visitor.get(f"/kk/events/{event.slug}/")

    page = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="kk">' in page
    assert "<h1>Қате орын алды</h1>" in page
    offers_search_and_home(page, "kk", "Басты бетке өту", "Іс-шараларды іздеу")
    assert "a bug" not in page


def test_the_500_page_renders_without_the_database():
    # No django_db mark: any query would fail this test.
    with translation.override("ru"):
        response = server_error(RequestFactory().get("/ru/events/"))

    page = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="ru">' in page
    assert '<a class="site-name" href="/ru/">' in page
    offers_search_and_home(page, "ru", "На главную страницу", "Поиск мероприятий")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"),
    [("kk", "Форма жіберілмеді"), ("ru", "Не удалось отправить форму")],
)
def test_a_form_refused_by_the_csrf_check_gets_the_sites_page(language, heading):
    browser = Client(enforce_csrf_checks=True, headers={"accept-language": language})

    response = browser.post("/admin/login/", {"username": "a", "password": "b"})

    page = response.content.decode()
    assert response.status_code == 403
    assert f'<html lang="{language}">' in page
    assert f"<h1>{heading}</h1>" in page
    assert '<link rel="stylesheet" href="/static/css/site.css">' in page
    assert f'<a href="/{language}/">' in page
    # Django's own page carries an inline <style>, which the CSP blocks.
    assert not re.search(r"<style|style=", page)
