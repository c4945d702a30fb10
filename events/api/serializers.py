"""The JSON shapes of the open-data API (events/api.py).

Every field is listed by name: a new model field (a moderator's comment, an
editor list) stays private until someone decides to publish it. A text kept in
three languages is an object {"kk": ..., "ru": ..., "en": ...}, with null for
a language it was not written in; a blank optional value is null.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from modeltranslation.settings import AVAILABLE_LANGUAGES
from modeltranslation.utils import build_localized_fieldname
from rest_framework import serializers

from events.models import ActivityType, ActivityTypeGroup, Event
from organizations.models import Organization
from venues.models import District, Venue


class TranslationsSerializer(serializers.Serializer):
    """A text in each language of the site; null where it was not written."""

    def get_fields(self):
        return {
            code: serializers.CharField(allow_null=True) for code in AVAILABLE_LANGUAGES
        }


class LinksSerializer(serializers.Serializer):
    """The public page in each language of the site."""

    def get_fields(self):
        return {code: serializers.URLField() for code, _name in settings.LANGUAGES}


class ReferenceSerializer(serializers.Serializer):
    """Another object of the API, by its id and slug."""

    id = serializers.IntegerField()
    slug = serializers.CharField()


@extend_schema_field(TranslationsSerializer)
class TranslatedField(serializers.Field):
    """The `<name>_kk`, `<name>_ru`, `<name>_en` columns of a translated field."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return {
            code: getattr(instance, build_localized_fieldname(self.field_name, code))
            or None
            for code in AVAILABLE_LANGUAGES
        }


def page_links(request, view_name, query="", **kwargs):
    """{language: absolute address of the public page} for every language."""
    links = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            path = reverse(view_name, kwargs=kwargs)
        links[code] = request.build_absolute_uri(path + query)
    return links


@extend_schema_field(LinksSerializer)
class PageLinksField(serializers.Field):
    """The object's public page in every language (get_absolute_url's view)."""

    def __init__(self, view_name, query=None, **kwargs):
        self.view_name, self.query = view_name, query
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        request = self.context["request"]
        if self.query:
            return page_links(request, self.view_name, f"?{self.query(instance)}")
        return page_links(request, self.view_name, slug=instance.slug)


def EventListLinksField(parameter, attribute, **kwargs):
    """The public list of events filtered on this object: `parameter` = its `attribute`."""
    return PageLinksField(
        "events:list",
        query=lambda instance: f"{parameter}={getattr(instance, attribute)}",
        **kwargs,
    )


class OptionalCharField(serializers.CharField):
    """A text the database keeps blank when there is none: null here."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return super().to_representation(value) or None


class OptionalURLField(OptionalCharField, serializers.URLField):
    pass


class OptionalEmailField(OptionalCharField, serializers.EmailField):
    pass


def ReferenceField(**kwargs):
    """A foreign key as {"id", "slug"}, or null."""
    return ReferenceSerializer(read_only=True, allow_null=True, **kwargs)


class ReadOnlyModelSerializer(serializers.ModelSerializer):
    """Every field read-only, and none described by the model's editor help."""

    def build_field(self, field_name, info, model_class, nested_depth):
        field_class, kwargs = super().build_field(
            field_name, info, model_class, nested_depth
        )
        # verbose_name and help_text speak to editors in the admin, not here.
        kwargs.pop("label", None)
        kwargs.pop("help_text", None)
        kwargs["read_only"] = True
        for argument in ("required", "allow_blank", "validators", "max_length"):
            kwargs.pop(argument, None)
        return field_class, kwargs


class DistrictSerializer(ReadOnlyModelSerializer):
    """A city of regional significance or a district of the region."""

    url = EventListLinksField(
        "district", "slug", help_text="The public list of events in the district."
    )
    name = TranslatedField()
    centre = TranslatedField(help_text="The administrative centre.")
    kato = OptionalCharField(help_text="KATO code, 9 digits.")

    class Meta:
        model = District
        fields = ["id", "slug", "url", "kind", "name", "centre", "kato", "position"]


class ActivityTypeGroupSerializer(ReadOnlyModelSerializer):
    """A group of activity types (the list's `group` parameter)."""

    name = TranslatedField()

    class Meta:
        model = ActivityTypeGroup
        fields = ["id", "slug", "name"]


class ActivityTypeSerializer(ReadOnlyModelSerializer):
    """A creative-industry activity type, by its OKED class code."""

    url = EventListLinksField(
        "activity_type", "code", help_text="The public list of events of this type."
    )
    name = TranslatedField()
    group = ActivityTypeGroupSerializer(read_only=True)

    class Meta:
        model = ActivityType
        fields = [
            "id",
            "code",
            "url",
            "name",
            "group",
            "is_membership_confirmed",
            "is_name_kk_official",
            "deprecated_at",
            "position",
        ]


class VenueSerializer(ReadOnlyModelSerializer):
    """A place where events happen."""

    url = PageLinksField("venues:detail")
    name = TranslatedField()
    district = ReferenceField(help_text="Null for a place outside the region.")
    locality = TranslatedField()
    address = TranslatedField()
    latitude = serializers.FloatField(read_only=True, allow_null=True)
    longitude = serializers.FloatField(read_only=True, allow_null=True)
    accessibility = TranslatedField()
    phone = OptionalCharField()
    email = OptionalEmailField()
    website = OptionalURLField()
    image = serializers.ImageField(read_only=True, allow_null=True)
    image_alt = TranslatedField()

    class Meta:
        model = Venue
        fields = [
            "id",
            "slug",
            "url",
            "name",
            "district",
            "locality",
            "address",
            "latitude",
            "longitude",
            "capacity",
            "is_wheelchair_accessible",
            "accessibility",
            "phone",
            "email",
            "website",
            "image",
            "image_alt",
            "created_at",
            "updated_at",
        ]


class OrganizationSerializer(ReadOnlyModelSerializer):
    """A body that organizes events."""

    url = PageLinksField("organizations:detail")
    name = TranslatedField()
    short_name = TranslatedField()
    parent = ReferenceField(help_text="For a department: its organization.")
    district = ReferenceField()
    description = TranslatedField()
    address = TranslatedField()
    phone = OptionalCharField()
    email = OptionalEmailField()
    website = OptionalURLField()
    logo = serializers.ImageField(read_only=True, allow_null=True)

    class Meta:
        model = Organization
        fields = [
            "id",
            "slug",
            "url",
            "name",
            "short_name",
            "kind",
            "parent",
            "district",
            "description",
            "address",
            "phone",
            "email",
            "website",
            "logo",
            "created_at",
            "updated_at",
        ]


class OptionalChoiceField(serializers.ChoiceField):
    def __init__(self, choices, **kwargs):
        super().__init__(choices, read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return super().to_representation(value) or None


class EventSerializer(ReadOnlyModelSerializer):
    """A published event; times in ISO 8601 with the local offset (+05:00)."""

    url = PageLinksField("events:detail")
    title = TranslatedField()
    summary = TranslatedField()
    description = TranslatedField(
        help_text="Plain text; an empty line parts paragraphs."
    )
    activity_types = serializers.SlugRelatedField(
        many=True,
        read_only=True,
        slug_field="code",
        help_text="OKED codes, as /api/v1/activity-types/ lists them.",
    )
    venue = ReferenceField()
    online_url = OptionalURLField()
    organizers = ReferenceSerializer(many=True, read_only=True)
    parent = serializers.SerializerMethodField(
        help_text="The festival or programme this event is part of."
    )
    ticket_url = OptionalURLField()
    age_rating = OptionalChoiceField(Event.AgeRating.choices)
    participating_countries = serializers.SerializerMethodField(
        help_text="ISO 3166-1 alpha-2 codes of the countries participants came from."
    )

    class Meta:
        model = Event
        fields = [
            "id",
            "slug",
            "url",
            "title",
            "summary",
            "description",
            "kind",
            "activity_types",
            "event_status",
            "date_precision",
            "starts_at",
            "ends_at",
            "previous_starts_at",
            "venue",
            "online_url",
            "organizers",
            "parent",
            "is_free",
            "price_from",
            "price_to",
            "ticket_url",
            "age_rating",
            "guests",
            "participants",
            "participating_countries",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(ReferenceSerializer(allow_null=True))
    def get_parent(self, event):
        if (parent := event.public_parent) is None:
            return None
        return {"id": parent.pk, "slug": parent.slug}

    @extend_schema_field(
        {"type": "array", "items": {"type": "string", "pattern": "^[A-Z]{2}$"}}
    )
    def get_participating_countries(self, event):
        return [country.code for country in event.participating_countries]


class ErrorSerializer(serializers.Serializer):
    parameter = serializers.CharField()
    value = serializers.CharField()
    message = serializers.CharField()


class ErrorsSerializer(serializers.Serializer):
    """A 400 answer: the parameters whose values could not be read."""

    errors = ErrorSerializer(many=True)


class DetailSerializer(serializers.Serializer):
    """A 404 answer."""

    detail = serializers.CharField()
