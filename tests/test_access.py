"""Who can reach what: visitors, organization editors, and CSRF on every form.

Complements tests/events/test_admin.py (the editor's change list, change URL and
add form) with drafts on every public address, the rest of the admin's URLs,
values edited in forms, and forms posted without a CSRF token.
"""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from events.models import Event
from tests.factories import PASSWORD, event_form_data, make_event, make_user, make_venue

pytestmark = pytest.mark.django_db

DRAFT = Event.PublicationStatus.DRAFT
REVIEW = Event.PublicationStatus.REVIEW


# Visitors


@pytest.mark.parametrize("status", [DRAFT, REVIEW])
def test_a_visitor_reaches_no_draft_by_any_address(client, status):
    make_event(title="Public concert", slug="public-concert")
    draft = make_event(
        title="Secret rehearsal", slug="secret", publication_status=status
    )

    for path in (
        "/en/events/secret/",
        "/ru/events/secret/",
        "/en/events/secret/ics",
        f"/api/v1/events/{draft.pk}/",
        "/api/v1/events/secret/",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Secret rehearsal" not in response.content.decode()

    export = b"".join(client.get("/en/events/export.csv").streaming_content)
    export = export.decode("utf-8-sig")
    assert "Public concert" in export
    assert "Secret rehearsal" not in export
    for path in ("/en/events/feed.ics", "/en/events/feed.rss", "/api/v1/events/"):
        assert "Secret rehearsal" not in client.get(path).content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/events/event/",
        "/admin/auth/user/",
        "/admin/figures/",
    ],
)
def test_a_visitor_is_sent_to_the_admin_login(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={path}"


def test_a_visitor_reaches_no_one_elses_data_in_the_admin(client):
    user = make_user(username="someone")
    event = make_event()

    for path in (
        f"/admin/auth/user/{user.pk}/change/",
        f"/admin/events/event/{event.pk}/change/",
        f"/admin/events/event/{event.pk}/history/",
    ):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/?next=")
        assert "someone" not in response.content.decode()

    deleted = client.post(f"/admin/events/event/{event.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302
    assert Event.objects.filter(pk=event.pk).exists()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_refuses_every_write(client, method):
    event = make_event(title="Public concert")

    listing = getattr(client, method)(
        "/api/v1/events/", {"title": "Spam"}, content_type="application/json"
    )
    detail = getattr(client, method)(
        f"/api/v1/events/{event.pk}/",
        {"title": "Spam"},
        content_type="application/json",
    )

    assert listing.status_code == 405
    assert detail.status_code == 405
    event.refresh_from_db()
    assert event.title == "Public concert"
    assert Event.objects.count() == 1


# Organization editors


def test_an_editor_reaches_no_page_about_another_organizations_event(
    client, editor, theatre
):
    other = make_event(title="Theatre premiere", organizers=[theatre])
    client.force_login(editor)

    for view in ("history", "delete"):
        url = reverse(f"admin:events_event_{view}", args=[other.pk])
        response = client.get(url)
        assert response.status_code == 404, view
        assert "Theatre premiere" not in response.content.decode()

    response = client.post(
        reverse("admin:events_event_delete", args=[other.pk]), {"post": "yes"}
    )
    assert response.status_code == 404
    assert Event.objects.filter(pk=other.pk).exists()


NOT_A_CHOICE = "Select a valid choice. That choice is not one of the available choices."


@pytest.mark.parametrize(
    ("posted", "errors"),
    [
        pytest.param(
            ["library", "theatre"],
            [{}, {"organization": [NOT_A_CHOICE]}],
            id="another added",
        ),
        pytest.param(
            ["theatre"], [{"organization": [NOT_A_CHOICE]}], id="theirs replaced"
        ),
    ],
)
def test_an_editor_cannot_put_another_organization_on_their_own_event(
    client, request, editor, library, posted, errors
):
    own = make_event(
        title="Library course",
        slug="course",
        organizers=[library],
        publication_status=DRAFT,
    )
    organizers = [request.getfixturevalue(name) for name in posted]
    data = event_form_data(
        title_ru="Library course",
        slug="course",
        organizers=organizers,
        **{
            "event_organizers-INITIAL_FORMS": "1",
            "event_organizers-0-id": own.event_organizers.get().pk,
            **{f"event_organizers-{row}-event": own.pk for row in range(len(posted))},
        },
    )
    client.force_login(editor)

    response = client.post(reverse("admin:events_event_change", args=[own.pk]), data)

    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors == errors
    assert list(own.organizers.all()) == [library]


def test_an_editor_cannot_change_or_delete_a_venue(client, editor):
    venue = make_venue(name="Old hall")
    client.force_login(editor)

    change = reverse("admin:venues_venue_change", args=[venue.pk])
    posted = client.post(change, {"name_ru": "Hacked", "slug": "hacked"})
    delete = reverse("admin:venues_venue_delete", args=[venue.pk])

    assert posted.status_code == 403
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    venue.refresh_from_db()
    assert venue.name == "Old hall"
    assert venue.slug != "hacked"


def test_an_editor_cannot_change_another_organization_or_users(
    client, editor, theatre, moderator
):
    client.force_login(editor)

    response = client.post(
        reverse("admin:organizations_organization_change", args=[theatre.pk]),
        {"name_ru": "Hacked", "slug": "hacked", "kind": "library"},
    )
    user_page = client.get(reverse("admin:auth_user_change", args=[moderator.pk]))
    password_page = client.post(
        reverse("admin:auth_user_password_change", args=[moderator.pk]),
        {"password1": "a new long password", "password2": "a new long password"},
    )

    assert response.status_code == 403
    theatre.refresh_from_db()
    assert theatre.name == "Drama theatre"
    assert user_page.status_code == 403
    assert password_page.status_code == 403
    assert User.objects.get(pk=moderator.pk).check_password(PASSWORD)


@pytest.mark.parametrize(
    ("language", "heading"),
    [("kk", "Бұл бетке кіруге рұқсат жоқ"), ("ru", "Нет доступа к этой странице")],
)
def test_a_refused_admin_page_says_so_in_the_admins_language(
    client, moderator, language, heading
):
    client.force_login(moderator)
    client.cookies["django_language"] = language

    response = client.get(reverse("admin:auth_user_changelist"))

    assert response.status_code == 403
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert f'<a href="{reverse("admin:index")}">' in html
    assert 'name="viewport"' in html


# CSRF


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True, headers={"accept-language": "en"})


def test_the_admin_login_refuses_a_post_without_a_csrf_token(csrf_client):
    make_user(username="staff")

    response = csrf_client.post(
        "/admin/login/", {"username": "staff", "password": PASSWORD}
    )

    assert response.status_code == 403
    assert "_auth_user_id" not in csrf_client.session


def test_an_admin_form_refuses_a_post_without_a_csrf_token(csrf_client, moderator):
    event = make_event(title="Public concert")
    csrf_client.force_login(moderator)

    response = csrf_client.post(
        reverse("admin:events_event_change", args=[event.pk]),
        event_form_data(title_ru="Hacked"),
    )
    deleted = csrf_client.post(
        reverse("admin:events_event_delete", args=[event.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert deleted.status_code == 403
    event.refresh_from_db()
    assert event.title == "Public concert"


def test_the_language_switch_refuses_a_post_without_a_csrf_token(csrf_client):
    response = csrf_client.post("/i18n/setlang/", {"language": "kk", "next": "/"})

    assert response.status_code == 403
    assert "django_language" not in response.cookies


def test_the_language_switch_works_with_the_token_from_the_page(csrf_client):
    # The public pages switch language by links; any page with a form has a token.
    page = csrf_client.get("/admin/login/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]

    response = csrf_client.post(
        "/i18n/setlang/",
        {"language": "kk", "next": "/en/events/", "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302
    assert response.cookies["django_language"].value == "kk"


def test_public_pages_need_no_token(csrf_client):
    make_event(title="Public concert")

    response = csrf_client.get("/en/events/?q=concert")

    assert response.status_code == 200
    assert "Public concert" in response.content.decode()
