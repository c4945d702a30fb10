"""Generated values in every field of the admin's add forms, and GETs that change nothing.

A moderator posts the Event, Venue and Organization add forms with text full of
unicode and control characters, very long strings, numbers out of range,
malformed dates, addresses and e-mails, and random choices: never a server
error, and a refused form stores nothing. Public pages read with generated
parameters leave every row as it was.
"""

import datetime
from urllib.parse import urlencode

import pytest
from django import forms
from django.contrib.admin.widgets import AutocompleteMixin
from django.contrib.sessions.models import Session
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from events.models import Event, EventOrganizer
from organizations.models import Organization
from tests.factories import make_event, make_organization, make_venue, queries
from venues.models import Venue

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=40, deadline=None, database=None)

MALFORMED = [
    "",
    " ",
    "0",
    "-1",
    "2025-02-30",
    "2025-13-01",
    "31.12.2025",
    "25:61",
    "99999-01-01",
    "http://",
    "javascript:alert(1)",
    "ftp://example.com/\x00",
    "not-an-email@",
    "@example.com",
    "1e309",
    "NaN",
    "Infinity",
    "-0",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\x00",
    "🎭" * 300,
]

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
long_text = st.builds(
    lambda piece, times: piece * times,
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=4),
    st.integers(min_value=100, max_value=3000),
)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30), st.floats(allow_nan=True)
).map(str)
dates = st.dates(min_value=datetime.date(1, 1, 1)).map(datetime.date.isoformat)


def field_values(choices, autocomplete=False):
    if autocomplete:
        # Real choices, any number, or rubbish (backoffice/widgets.py shows what
        # is no id as unchosen when the refused form comes back).
        return st.one_of(
            st.sampled_from(choices or ["1"]),
            st.integers().map(str),
            st.text(max_size=10),
        )
    options = [
        text,
        long_text,
        numbers,
        dates,
        st.sampled_from(MALFORMED),
        # Control characters, NUL included.
        st.text(st.characters(max_codepoint=0x1F), max_size=5),
    ]
    if choices:
        # Good choices more often than rubbish, so that valid forms happen too.
        options = [st.sampled_from(choices)] * 3 + options
    return st.one_of(options)


def form_inputs(client, url):
    """The names the add form posts, with the choices each one offers."""
    response = client.get(url)
    assert response.status_code == 200
    inputs = {}
    for bound in response.context["adminform"].form:
        field, widget = bound.field, bound.field.widget
        if isinstance(field, forms.FileField):
            continue  # uploads are tested in their own module
        choices = [
            str(value) for value, _label in getattr(field, "choices", []) if value != ""
        ]
        multiple = isinstance(field, forms.MultipleChoiceField)
        # The admin wraps it in its "add another" links.
        autocomplete = isinstance(getattr(widget, "widget", widget), AutocompleteMixin)
        names = (
            [f"{bound.html_name}{suffix}" for suffix in widget.widgets_names]
            if isinstance(widget, forms.MultiWidget)
            else [bound.html_name]
        )
        for name in names:
            inputs[name] = (choices, multiple, autocomplete)
    management = {}
    for inline in response.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        management.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    return inputs, management


def post_data(inputs, management):
    values = {
        name: st.lists(field_values(choices, autocomplete), max_size=3)
        if multiple
        else field_values(choices, autocomplete)
        for name, (choices, multiple, autocomplete) in inputs.items()
    }
    management_values = st.fixed_dictionaries(
        {
            name: st.one_of(st.just(value), st.just(value), text, numbers)
            for name, value in management.items()
        }
    )
    return st.tuples(st.fixed_dictionaries(values), management_values).map(
        lambda pair: {**pair[0], **pair[1]}
    )


def fuzz_add_form(client, model, url, examples=40):
    """Post generated add forms of `model` with `client`, a moderator's."""
    inputs, management = form_inputs(client, url)
    assert inputs

    @settings(FUZZ, max_examples=examples)
    @given(data=post_data(inputs, management))
    def post(data):
        before = model.objects.count()

        response = client.post(url, data)

        assert response.status_code < 500
        if response.status_code == 200:
            assert model.objects.count() == before
        else:
            assert response.status_code == 302

    post()


def test_no_generated_event_form_causes_a_server_error_or_a_half_saved_row(
    moderator_client,
):
    make_venue()
    make_organization()
    make_event()
    # Fewer: each refused event form takes about 1 s to show again on PostgreSQL.
    fuzz_add_form(
        moderator_client, Event, reverse("admin:events_event_add"), examples=25
    )


def test_no_generated_venue_form_causes_a_server_error_or_a_half_saved_row(
    moderator_client,
):
    fuzz_add_form(moderator_client, Venue, reverse("admin:venues_venue_add"))


def test_no_generated_organization_form_causes_a_server_error_or_a_half_saved_row(
    moderator_client,
):
    make_organization()
    fuzz_add_form(
        moderator_client, Organization, reverse("admin:organizations_organization_add")
    )


@pytest.mark.parametrize("value", ["x", str(10**30), "-1"])
def test_a_venue_that_is_no_id_in_the_event_form_is_refused_without_a_server_error(
    client, value, moderator
):
    client.force_login(moderator)

    response = client.post(reverse("admin:events_event_add"), {"venue": value})

    assert response.status_code == 200
    assert "venue" in response.context["adminform"].form.errors
    assert not Event.objects.exists()


def snapshot():
    """Row counts and last changes of everything a GET could touch."""
    return {
        model.__name__: (
            model.objects.count(),
            sorted(model.objects.values_list("pk", "updated_at"))
            if hasattr(model, "updated_at")
            else None,
        )
        for model in (
            Event,
            Venue,
            Organization,
            EventOrganizer,
            Event.history.model,
            Session,
        )
    }


def test_no_get_of_a_public_page_changes_any_data(client):
    organization = make_organization(slug="library")
    event = make_event(slug="concert", organizers=[organization])
    paths = [
        "/en/",
        "/ru/events/",
        "/en/events/feed.ics",
        "/en/events/feed.rss",
        "/en/events/export.csv",
        f"/kk/events/{event.slug}/",
        f"/en/events/{event.slug}/ics",
        f"/en/venues/{event.venue.slug}/",
        "/en/organizations/library/",
        "/api/v1/events/",
        f"/api/v1/events/{event.pk}/",
    ]
    before = snapshot()

    @FUZZ
    @given(path=st.sampled_from(paths), query=queries)
    def read(path, query):
        response = client.get(f"{path}?{urlencode(query)}")
        assert response.status_code < 500
        if response.streaming:
            b"".join(response.streaming_content)

    read()

    assert snapshot() == before


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("admin:organizations_organization_add", "parent"),
        ("admin:organizations_organization_add", "editors"),
        ("admin:venues_venue_add", "district"),
        ("admin:events_event_add", "activity_types"),
    ],
)
def test_an_id_too_large_for_the_database_is_an_invalid_choice(
    client, url, field, moderator
):
    client.force_login(moderator)

    response = client.post(reverse(url), {field: str(10**30)})

    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
