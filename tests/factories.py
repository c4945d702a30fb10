"""Small builders of test data with readable defaults; override any field."""

import datetime
import itertools

from django import forms
from django.contrib.auth.models import Group, User
from django.utils import timezone

from backoffice.roles import MODERATORS, ORGANIZATION_EDITORS
from events.models import ActivityType, Event
from organizations.models import Organization
from venues.models import District, Venue

_numbers = itertools.count(1)


def local(year, month, day, hour=0, minute=0):
    """An aware datetime in the site's time zone (Asia/Almaty)."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def make_venue(**overrides):
    number = next(_numbers)
    values = {
        "name": f"Venue {number}",
        "slug": f"venue-{number}",
        "district": District.objects.get(slug="oskemen"),
    }
    values.update(overrides)
    return Venue.objects.create(**values)


def make_organization(**overrides):
    number = next(_numbers)
    values = {
        "name": f"Organization {number}",
        "slug": f"organization-{number}",
        "kind": Organization.Kind.LIBRARY,
    }
    values.update(overrides)
    return Organization.objects.create(**values)


def make_event(*, activity_types=("90.01",), organizers=(), **overrides):
    """A published concert tomorrow at 19:00 at a new venue, unless overridden."""
    number = next(_numbers)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    values = {
        "title": f"Event {number}",
        "slug": f"event-{number}",
        "kind": Event.Kind.CONCERT,
        "starts_at": local(tomorrow.year, tomorrow.month, tomorrow.day, 19),
        "publication_status": Event.PublicationStatus.PUBLISHED,
    }
    if not any(name.startswith("summary") for name in overrides):
        # A published event needs a summary in some language.
        values["summary_ru"] = f"Описание {number}."
    values.update(overrides)
    if "venue" not in values and not values.get("online_url"):
        values["venue"] = make_venue()
    event = Event.objects.create(**values)
    event.activity_types.set(ActivityType.objects.filter(code__in=activity_types))
    event.organizers.set(organizers)
    event.refresh_from_db()
    return event


def make_user(*, username=None, is_superuser=False):
    username = username or f"user{next(_numbers)}"
    return User.objects.create_user(
        username=username,
        password="a long test password",
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
