"""Small builders of test data with readable defaults; override any field.

Below them, the helpers several test modules share: what the admin's event forms
post, a change-list action, the messages and dashboard a page shows, generated
query strings.
"""

import datetime
import io
import itertools
import re

from django import forms
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import strategies as st
from PIL import Image

from backoffice.roles import MODERATORS, ORGANIZATION_EDITORS
from events.models import ActivityType, Event, EventImage
from organizations.models import Organization
from venues.models import District, Venue

_numbers = itertools.count(1)

PASSWORD = "a long test password"  # every user make_user() makes has it


def local(year, month, day, hour=0, minute=0):
    """An aware datetime in the site's time zone (Asia/Almaty)."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def in_days(days, hour=19):
    """`hour` o'clock, local time, `days` from today (before it when negative)."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return local(day.year, day.month, day.day, hour)


def moment(value):
    """A date and time as the API writes it: ISO 8601, in local time."""
    return timezone.localtime(value).isoformat()


def whole_days(first, last, precision=Event.DatePrecision.DAY):
    """The dates of an event known to the day, month or year, not the time: from
    the start of its first day to 23:59 on its last. Days are (year, month, day)."""
    return {
        "date_precision": precision,
        "starts_at": local(*first),
        "ends_at": local(*last, 23, 59),
    }


def district(slug):
    return District.objects.get(slug=slug)


def make_venue(**overrides):
    """A venue in Oskemen unless overridden; a district may be given by its slug."""
    number = next(_numbers)
    values = {
        "name": f"Venue {number}",
        "slug": f"venue-{number}",
        "district": "oskemen",
    }
    values.update(overrides)
    if isinstance(values["district"], str):
        values["district"] = district(values["district"])
    return Venue.objects.create(**values)


def make_philharmonic(**overrides):
    """The Regional Philharmonic in Oskemen, named and addressed in English."""
    return make_venue(
        name_en="Regional Philharmonic",
        locality_en="Oskemen",
        address_en="Tokhtarov street 1",
        **overrides,
    )


def make_burkit_tobe(**overrides):
    """Burkit Tobe, the festival ground by the village of Bozanbay in Ulan District."""
    return make_venue(
        **{
            "name_kk": "«Бүркіт төбе» алаңы",
            "name_ru": "Площадка «Бүркіт төбе»",
            "name_en": "Burkit Tobe ground",
            "slug": "burkit-tobe",
            "locality_kk": "Бозанбай ауылы",
            "locality_ru": "село Бозанбай",
            "district": "ulan",
            **overrides,
        }
    )


def make_organization(**overrides):
    """A library unless overridden; a district may be given by its slug."""
    number = next(_numbers)
    values = {
        "name": f"Organization {number}",
        "slug": f"organization-{number}",
        "kind": Organization.Kind.LIBRARY,
    }
    values.update(overrides)
    if isinstance(values.get("district"), str):
        values["district"] = district(values["district"])
    return Organization.objects.create(**values)


def make_event(*, activity_types=("90.01",), organizers=(), district=None, **overrides):
    """A published concert tomorrow at 19:00 at a new venue, unless overridden.

    `district`: the slug of the new venue's district, when not make_venue()'s.
    """
    number = next(_numbers)
    values = {
        "title": f"Event {number}",
        "slug": f"event-{number}",
        "kind": Event.Kind.CONCERT,
        "starts_at": in_days(1, hour=19),
        "publication_status": Event.PublicationStatus.PUBLISHED,
    }
    if not any(name.startswith("summary") for name in overrides):
        # A published event needs a summary in some language.
        values["summary_ru"] = f"Описание {number}."
    values.update(overrides)
    if district is not None:
        values["venue"] = make_venue(district=district)
    elif "venue" not in values and not values.get("online_url"):
        values["venue"] = make_venue()
    event = Event.objects.create(**values)
    event.activity_types.set(ActivityType.objects.filter(code__in=activity_types))
    event.organizers.set(organizers)
    event.refresh_from_db()
    return event


def make_salburyn(**overrides):
    """The falconry festival «Шығыс салбурыны», titled in the three languages, at
    Burkit Tobe (make_burkit_tobe), unless overridden."""
    values = {
        "title_kk": "«Шығыс салбурыны» құсбегілер фестивалі",
        "title_ru": "Фестиваль беркутчи «Шыгыс салбурыны»",
        "kind": Event.Kind.FESTIVAL,
        "title_en": "Shygys Salburyny falconry festival",
        "slug": "salburyn",
    }
    values.update(overrides)
    if "venue" not in values:
        values["venue"] = make_burkit_tobe()
    return make_event(**values)


def make_aitys(**overrides):
    """The event that event_form_data() posts, saved: the poets' contest «Айтыс
    акынов» on 21 March 2025 at 15:00, published, unless overridden."""
    values = {
        "title_ru": "Айтыс акынов",
        "title_kk": "Ақындар айтысы",
        "slug": "aitys",
        "kind": Event.Kind.CONTEST,
        "starts_at": local(2025, 3, 21, 15),
    }
    values.update(overrides)
    return make_event(**values)


def png_bytes(size=(40, 30), color="navy"):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def make_image(event, *, size=(40, 30), **overrides):
    """A PNG of the event, without a description (alt text) unless given one."""
    values = {
        "event": event,
        "image": SimpleUploadedFile("photo.png", png_bytes(size), "image/png"),
    }
    values.update(overrides)
    return EventImage.objects.create(**values)


def make_user(*, username=None, is_superuser=False, email=""):
    username = username or f"user{next(_numbers)}"
    return User.objects.create_user(
        username=username,
        email=email,
        password=PASSWORD,
        is_staff=True,
        is_superuser=is_superuser,
    )


def make_moderator(**overrides):
    user = make_user(**overrides)
    user.groups.add(Group.objects.get(name=MODERATORS))
    return user


def make_editor(*organizations, **overrides):
    """An organization editor for the given organizations."""
    user = make_user(**overrides)
    user.groups.add(Group.objects.get(name=ORGANIZATION_EDITORS))
    for organization in organizations:
        organization.editors.add(user)
    return user


def admin_form_data(response, **changes):
    """What an admin change form (a GET `response`) posts as it stands, with `changes`.

    The form's and its inlines' saved rows as a browser sends them: a date and
    a time as two inputs, a ticked box as "on", no file (the stored one stays).
    """
    data = {}
    posted = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(
            {field.html_name: field.value() for field in formset.management_form}
        )
        data[f"{formset.prefix}-TOTAL_FORMS"] = formset.initial_form_count()
        posted += formset.initial_forms
    for form in posted:
        for field in form:
            widget, value = field.field.widget, field.value()
            if isinstance(field.field, forms.FileField):
                continue
            if isinstance(widget, forms.MultiWidget):
                parts = widget.decompress(value)
                for suffix, part in zip(widget.widgets_names, parts, strict=True):
                    data[f"{field.html_name}{suffix}"] = "" if part is None else part
            elif isinstance(widget, forms.CheckboxInput):
                if value:
                    data[field.html_name] = "on"
            else:
                data[field.html_name] = "" if value is None else value
    data.update(changes)
    return data


# The admin's event form


def event_form_data(*, organizers=(), **overrides):
    """What the admin's event form posts, with a complete valid event."""
    data = {
        "title_ru": "Айтыс акынов",
        "title_kk": "Ақындар айтысы",
        "title_en": "",
        "slug": "aitys",
        "summary_ru": "",
        "summary_kk": "",
        "summary_en": "",
        "description_ru": "",
        "description_kk": "",
        "description_en": "",
        "kind": "contest",
        "activity_types": [],
        "date_precision": "time",
        "starts_at_0": "2025-03-21",
        "starts_at_1": "15:00",
        "ends_at_0": "",
        "ends_at_1": "",
        "previous_starts_at_0": "",
        "previous_starts_at_1": "",
        "venue": "",
        "online_url": "",
        "event_organizers-TOTAL_FORMS": "0",
        "event_organizers-INITIAL_FORMS": "0",
        "event_organizers-MIN_NUM_FORMS": "0",
        "event_organizers-MAX_NUM_FORMS": "1000",
        "parent": "",
        "price_from": "",
        "price_to": "",
        "ticket_url": "",
        "age_rating": "",
        "publication_status": "draft",
        "event_status": "scheduled",
        "guests": "",
        "participants": "",
        "participating_countries": [],
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
    }
    for index, organization in enumerate(organizers):
        data[f"event_organizers-{index}-organization"] = organization.pk
    data["event_organizers-TOTAL_FORMS"] = str(len(organizers))
    data.update(overrides)
    return data


def venue_form_data(venue, **changes):
    """What the admin's venue form posts for `venue` with only its slug and district
    kept: every translated text empty but the ones in `changes`."""
    return {
        **{
            f"{field}_{code}": ""
            for field in ("name", "locality", "address", "accessibility", "image_alt")
            for code in ("kk", "ru", "en")
        },
        "slug": venue.slug,
        "district": venue.district_id,
        **changes,
    }


def organizer_rows(event):
    """The organizer inline's rows as the event's change form posts them back."""
    rows = list(event.event_organizers.all())
    data = {
        "event_organizers-TOTAL_FORMS": str(len(rows)),
        "event_organizers-INITIAL_FORMS": str(len(rows)),
    }
    for index, row in enumerate(rows):
        data[f"event_organizers-{index}-id"] = row.pk
        data[f"event_organizers-{index}-event"] = event.pk
        data[f"event_organizers-{index}-organization"] = row.organization_id
    return data


def post_add_form(client, **form):
    """Post the admin's event add form: event_form_data() with `form` over it."""
    return client.post(reverse("admin:events_event_add"), event_form_data(**form))


def post_change_form(client, event, **form):
    """Post the event's change form: event_form_data() under the event's slug."""
    return client.post(
        reverse("admin:events_event_change", args=[event.pk]),
        event_form_data(**{"slug": event.slug, **form}),
    )


def changelist_action(client, action, events, *, follow=True, **form):
    """Run a bulk action of the events' change list on the events."""
    return client.post(
        reverse("admin:events_event_changelist"),
        {"action": action, "_selected_action": [event.pk for event in events], **form},
        follow=follow,
    )


def offered_actions(client):
    """The names of the bulk actions the events' change list offers `client`'s user."""
    response = client.get(reverse("admin:events_event_changelist"))
    return [
        name for name, _ in response.context["action_form"].fields["action"].choices
    ]


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def admin_dashboard(client):
    """The rows of the admin index's dashboard: {id: (label, link, count)}."""
    page = client.get(reverse("admin:index")).content.decode()
    rows = re.findall(
        r'<tr id="dashboard-([\w-]+)">\s*<th scope="row"><a href="([^"]+)">'
        r"([^<]+)</a></th>\s*<td>(\d+)</td>",
        page,
    )
    return {row: (label, link, int(count)) for row, link, label, count in rows}


# Generated query strings (hypothesis)

# The parameters of the public event list, which the API's list shares.
EVENT_LIST_PARAMETERS = [
    "q",
    "district",
    "activity_type",
    "group",
    "kind",
    "when",
    "date_from",
    "date_to",
    "venue",
    "organization",
    "free",
    "page",
]
# Values each parameter understands somewhere, so that generated queries also
# combine real filters and not only rubbish.
GOOD_VALUES = [
    "oskemen",
    "ulan",
    "outside",
    "90.01",
    "13.93",
    "crafts",
    "festival",
    "concert",
    "today",
    "past",
    "weekend",
    "2025-03-01",
    "2024-10-12",
    "1",
    "2",
    "",
]
_long_text = st.builds(
    lambda piece, times: piece * times,
    st.text(min_size=1, max_size=5),
    st.integers(min_value=500, max_value=5000),
)
_values = st.one_of(
    st.sampled_from(GOOD_VALUES),
    st.text(max_size=30),
    # Control characters, NUL included.
    st.text(st.characters(max_codepoint=0x1F), max_size=5),
    _long_text,
    st.dates().map(datetime.date.isoformat),
    st.integers().map(str),
    st.floats().map(str),
)
_names = st.one_of(st.sampled_from(EVENT_LIST_PARAMETERS), st.text(max_size=10))
# A list of pairs, so parameters come repeated and in any order.
queries = st.lists(st.tuples(_names, _values), max_size=8)


def save_change_form(client, event, *, follow=True, **changes):
    """Post the saved `event`'s change form back as it stands, with `changes`
    (a workflow button is `_move=`), following the redirect unless told not to."""
    return client.post(
        reverse("admin:events_event_change", args=[event.pk]),
        change_form_data(event, **changes),
        follow=follow,
    )


def change_form_data(event, **overrides):
    """What the change form of the saved `event` posts back unchanged, plus overrides."""
    rows = list(event.event_organizers.all())
    data = event_form_data(
        title_ru=event.title_ru or "",
        title_kk=event.title_kk or "",
        title_en=event.title_en or "",
        slug=event.slug,
        summary_ru=event.summary_ru or "",
        summary_kk=event.summary_kk or "",
        summary_en=event.summary_en or "",
        kind=event.kind,
        activity_types=[t.pk for t in event.activity_types.all()],
        date_precision=event.date_precision,
        starts_at_0=timezone.localtime(event.starts_at).date().isoformat(),
        starts_at_1=timezone.localtime(event.starts_at).strftime("%H:%M"),
        venue=event.venue_id or "",
        online_url=event.online_url,
        publication_status=event.publication_status,
        event_status=event.event_status,
        moderator_comment=event.moderator_comment,
    )
    data["event_organizers-TOTAL_FORMS"] = str(len(rows))
    data["event_organizers-INITIAL_FORMS"] = str(len(rows))
    for index, row in enumerate(rows):
        data[f"event_organizers-{index}-id"] = row.pk
        data[f"event_organizers-{index}-event"] = event.pk
        data[f"event_organizers-{index}-organization"] = row.organization_id
    data.update(overrides)
    return data


def count_queries(client, url):
    """How many queries a page costs (it must answer 200)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def get_at_fixed_cost(client, url, queries, *, few, many):
    """client.get(url) after few() and again after many() (more of the same
    rows): `queries` queries each time, whatever the number of rows. Returns
    the second answer."""
    answers = []
    for add_rows in (few, many):
        add_rows()
        with CaptureQueriesContext(connection) as captured:
            answers.append(client.get(url))
        assert len(captured) == queries, [query["sql"] for query in captured]
    return answers[-1]


def in_each_language(path):
    """{language: absolute address} of a public page, as the API gives it."""
    return {code: f"http://testserver/{code}{path}" for code in ("kk", "ru", "en")}
