import html
import json
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.test import Client
from django.utils import translation

from backoffice.roles import MODERATORS, ORGANIZATION_EDITORS
from backoffice.users import (
    DJANGO_TEXTS_TRANSLATED_HERE,
    permission_field_arguments,
    permission_label,
)
from tests.factories import make_editor, make_moderator, make_organization, make_user

pytestmark = pytest.mark.django_db

USERS = "/admin/auth/user/"
GROUPS = "/admin/auth/group/"


@pytest.fixture(autouse=True)
def quick_passwords(settings):
    """Users made here get a hash that is quick to make."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def logged_in(user, language="en"):
    client = Client(headers={"accept-language": language})
    client.force_login(user)
    return client


def text(fragment):
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def rows(response):
    """The user list as it reads: one list of cell texts per user."""
    page = response.content.decode()
    body = re.search(r'<table id="result_list">.*?<tbody>(.*?)</tbody>', page, re.S)
    return [
        [
            text(cell)
            for cell in re.findall(
                r'<t[hd] class="field-[^"]*">(.*?)</t[hd]>', row, re.S
            )
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)
    ]


def options(response, field):
    """The labels of a select's options on a page."""
    page = response.content.decode()
    select = re.search(rf'<select[^>]* name="{field}"[^>]*>(.*?)</select>', page, re.S)
    return [
        text(option)
        for option in re.findall(r"<option[^>]*>(.*?)</option>", select.group(1), re.S)
    ]


def user_form_data(user, **changes):
    """What the user's change form posts, unchanged unless told."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "groups": [group.pk for group in user.groups.all()],
        "date_joined_0": "2026-01-05",
        "date_joined_1": "09:00:00",
    }
    data.update(changes)
    return data


@pytest.fixture
def people():
    library = make_organization(name="Областная библиотека", short_name="")
    theatre = make_organization(name="Драмтеатр", short_name="")
    return {
        "library": library,
        "theatre": theatre,
        "admin": make_user(username="admin", is_superuser=True),
        "aigerim": make_moderator(username="aigerim"),
        "boris": make_editor(library, theatre, username="boris"),
        "dana": make_user(username="dana"),
    }


def test_the_user_list_shows_each_users_role_and_organizations(people):
    people["aigerim"].first_name, people["aigerim"].last_name = "Айгерім", "Нұрланова"
    people["aigerim"].save()

    response = logged_in(people["admin"]).get(USERS)

    assert rows(response) == [
        ["admin", "-", "Administrator", "-"],
        ["aigerim", "Айгерім Нұрланова", "Moderator", "-"],
        ["boris", "-", "Organization editor", "Драмтеатр, Областная библиотека"],
        ["dana", "-", "-", "-"],
    ]


def test_a_superuser_in_a_role_group_is_listed_as_administrator(people):
    people["admin"].groups.add(Group.objects.get(name=MODERATORS))
    people["aigerim"].groups.add(Group.objects.get(name=ORGANIZATION_EDITORS))

    response = logged_in(people["admin"]).get(USERS)

    assert [row[2] for row in rows(response)] == [
        "Administrator",
        "Moderator",
        "Organization editor",
        "-",
    ]


def test_the_user_list_takes_as_many_queries_for_many_users(
    people, django_assert_num_queries
):
    client = logged_in(people["admin"])
    client.get(USERS)  # the session and content types are read once
    with django_assert_num_queries(7):
        client.get(USERS)

    for number in range(10):
        make_editor(
            make_organization(), make_organization(), username=f"editor{number}"
        )
        make_moderator(username=f"moderator{number}")
    with django_assert_num_queries(7):
        response = client.get(USERS)
    assert len(rows(response)) == 24


@pytest.mark.parametrize(
    ("role", "usernames"),
    [
        ("administrator", ["admin"]),
        ("moderator", ["aigerim"]),
        ("organization_editor", ["boris"]),
        ("none", ["dana"]),
        ("nonsense", ["admin", "aigerim", "boris", "dana"]),
    ],
)
def test_the_role_filter_lists_the_users_of_that_role(people, role, usernames):
    response = logged_in(people["admin"]).get(USERS, {"role": role})

    assert [row[0] for row in rows(response)] == usernames


def test_the_role_groups_are_named_in_the_admins_language(people):
    client = logged_in(people["admin"], "kk")
    moderators = Group.objects.get(name=MODERATORS)

    user_list = client.get(USERS).content.decode()
    user_form = client.get(f"{USERS}{people['boris'].pk}/change/")
    group_list = client.get(GROUPS)
    group_page = client.get(f"{GROUPS}{moderators.pk}/change/").content.decode()

    assert "Модераторлар" in user_list and "Ұйым редакторлары" in user_list
    assert "Moderators" not in user_list and "Organization editors" not in user_list
    assert options(user_form, "groups") == ["Модераторлар", "Ұйым редакторлары"]
    assert [row[0] for row in rows(group_list)] == ["Модераторлар", "Ұйым редакторлары"]
    assert "<title>Модераторлар |" in group_page
    assert "&rsaquo; Модераторлар\n</div>" in group_page
    assert "Moderators" not in group_page


def test_a_role_group_keeps_its_name_and_cannot_be_deleted(people):
    client = logged_in(people["admin"])
    moderators = Group.objects.get(name=MODERATORS)

    client.post(f"{GROUPS}{moderators.pk}/change/", {"name": "Editors-in-chief"})

    moderators.refresh_from_db()
    assert moderators.name == MODERATORS
    assert client.get(f"{GROUPS}{moderators.pk}/delete/").status_code == 403


def test_another_group_can_still_be_renamed(people):
    reviewers = Group.objects.create(name="Reviewers")

    logged_in(people["admin"]).post(f"{GROUPS}{reviewers.pk}/change/", {"name": "Jury"})

    reviewers.refresh_from_db()
    assert reviewers.name == "Jury"


def test_organizations_are_attached_on_the_users_page(people):
    boris, library, theatre = people["boris"], people["library"], people["theatre"]
    museum = make_organization(name="Музей")

    response = logged_in(people["admin"]).post(
        f"{USERS}{boris.pk}/change/",
        user_form_data(boris, organizations=[library.pk, museum.pk]),
    )

    assert response.status_code == 302
    assert set(boris.organizations.all()) == {library, museum}
    # Each organization's history says who changed its editors.
    for organization in (theatre, museum):
        version = organization.history.latest()
        assert version.history_user == people["admin"]
        assert list(version.editors.values_list("user", flat=True)) == (
            [boris.pk] if organization == museum else []
        )


def test_the_users_page_shows_their_organizations_chosen(people):
    response = logged_in(people["admin"]).get(f"{USERS}{people['boris'].pk}/change/")

    page = response.content.decode()
    chosen = re.findall(r'<option value="\d+" selected>(.*?)</option>', page)
    assert "Драмтеатр" in chosen and "Областная библиотека" in chosen
    assert options(response, "organizations") == ["Драмтеатр", "Областная библиотека"]


def test_staff_who_cannot_moderate_do_not_set_organizations(people):
    clerk = make_user(username="clerk")
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_user", "view_user"])
    )
    boris = people["boris"]
    client = logged_in(clerk)

    page = client.get(f"{USERS}{boris.pk}/change/").content.decode()
    response = client.post(
        f"{USERS}{boris.pk}/change/",
        user_form_data(boris, first_name="Борис", organizations=[]),
    )

    assert 'name="organizations"' not in page
    assert response.status_code == 302
    boris.refresh_from_db()
    assert boris.first_name == "Борис"
    assert boris.organizations.count() == 2


def test_rubbish_for_organizations_is_refused_on_the_form(people):
    boris = people["boris"]

    response = logged_in(people["admin"]).post(
        f"{USERS}{boris.pk}/change/",
        user_form_data(boris, organizations=[str(10**30)]),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["organizations"]
    assert boris.organizations.count() == 2


def test_the_users_form_speaks_kazakh(people):
    response = logged_in(people["admin"], "kk").get(
        f"{USERS}{people['boris'].pk}/change/"
    )

    page = html.unescape(response.content.decode())
    for kazakh in [
        "Белгіленсе, пайдаланушы осы басқару панеліне кіре алады.",
        "Пайдаланушы мүше болатын топтар.",
        "Осы пайдаланушыға жеке берілген рұқсаттар.",
        "Пайдаланушы ұйым редакторы ретінде іс-шараларын енгізіп",
    ]:
        assert kazakh in page
    # Without them, Django's Kazakh falls back to Russian, the default language.
    assert "Группы, к которым" not in page and "Designates" not in page


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_djangos_texts_on_the_user_screens_are_translated(language):
    with translation.override(language):
        untranslated = [
            message
            for message in DJANGO_TEXTS_TRANSLATED_HERE
            if isinstance(message, str) and translation.gettext(message) == message
        ]
        help_text = MinimumLengthValidator(8).get_help_text()

    assert untranslated == []
    assert "8" in help_text and "Your password" not in help_text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Events | event | Can add event"),
        ("kk", "Іс-шаралар | іс-шара | Іс-шара: қосу"),
        ("ru", "Мероприятия | мероприятие | Мероприятие: добавление"),
    ],
)
def test_the_group_page_names_permissions_in_the_admins_language(
    people, language, expected
):
    moderators = Group.objects.get(name=MODERATORS)

    response = logged_in(people["admin"], language).get(
        f"{GROUPS}{moderators.pk}/change/"
    )

    labels = options(response, "permissions")
    assert expected in labels
    assert not [label for label in labels if "historical" in label.lower()]


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_permission_of_our_models_on_the_group_page_is_translated(language):
    shown = permission_field_arguments({})["queryset"].filter(
        content_type__app_label__in=["events", "venues", "organizations"]
    )

    with translation.override(language):
        untranslated = [
            permission.codename
            for permission in shown
            if permission_label(permission) == permission.name
        ]

    codenames = {permission.codename for permission in shown}
    assert {"add_event", "publish_event", "view_venue", "delete_organization"} <= (
        codenames
    )
    assert untranslated == []


def test_the_lists_to_move_items_between_speak_kazakh(people):
    response = logged_in(people["admin"], "kk").get("/admin/jsi18n/")

    script = response.content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S)[1])
    assert catalog["Available %s"] == "Таңдауға болатын %s"
    assert catalog["Chosen %s"] == "Таңдалған %s"
