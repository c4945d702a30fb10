from collections.abc import Iterable

from django.contrib import admin
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields

from backoffice.model_admin import CountsEventsAdmin
from backoffice.roles import can_moderate
from backoffice.users import StaffGroupAdmin, StaffUserAdmin
from backoffice.widgets import ModelMultipleChoiceField
from organizations.models import Organization

User = get_user_model()


@admin.register(Organization)
class OrganizationAdmin(CountsEventsAdmin):
    list_display = ["name", "short_name", "kind", "parent", "district", "event_count"]
    list_filter = ["kind", "district"]
    list_select_related = ["parent", "district"]
    search_fields = get_translation_fields("name", "short_name")
    autocomplete_fields = ["parent", "district", "editors"]
    prepopulated_fields = {"slug": ["name_ru"]}
    fieldsets = [
        (
            None,
            {"fields": ["name", "short_name", "slug", "kind", "parent", "district"]},
        ),
        (_("About"), {"fields": ["description", "logo"]}),
        (_("Contacts"), {"fields": ["address", "phone", "email", "website"]}),
        (_("Staff"), {"fields": ["editors"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if can_moderate(request.user) or (
            obj is not None and obj.editors.filter(pk=request.user.pk).exists()
        ):
            return fieldsets
        # Who works for another organization is not an editor's to read.
        return [
            fieldset for fieldset in fieldsets if "editors" not in fieldset[1]["fields"]
        ]


def editor_organizations_set(
    *, user: User, organizations: Iterable[Organization]
) -> None:
    """Make the user an editor of exactly these organizations. Each is changed
    from its own side of the relation, so that its history records who was
    added or removed (django-simple-history follows Organization.editors)."""
    chosen = set(organizations)
    current = set(user.organizations.all())
    for organization in chosen - current:
        organization.editors.add(user)
    for organization in current - chosen:
        organization.editors.remove(user)


class OrganizationsWidget(FilteredSelectMultiple):
    """Two lists to move organizations between, laid out as the admin's own:
    its script puts them first in the select's parent, which must be a
    wrapper of their own (the admin wraps every relation field in one)."""

    def render(self, name, value, attrs=None, renderer=None):
        return format_html(
            '<div class="related-widget-wrapper">{}</div>',
            super().render(name, value, attrs, renderer),
        )


class UserOrganizationsForm(StaffUserAdmin.form):
    """The user's form with the organizations they edit for."""

    organizations = ModelMultipleChoiceField(
        label=_("Organizations"),
        queryset=Organization.objects.none(),
        required=False,
        widget=OrganizationsWidget(_("organizations"), is_stacked=False),
        help_text=_(
            "The organizations whose events this user enters and updates as an "
            "organization editor."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Made here, so that the names are sorted in the request's language.
        self.fields["organizations"].queryset = Organization.objects.all()
        if self.instance.pk:
            self.initial["organizations"] = list(
                self.instance.organizations.values_list("pk", flat=True)
            )


def with_organizations(fields):
    """The fields of a fieldset, with the organizations after the groups."""
    fields = list(fields)
    if "groups" in fields:
        fields.insert(fields.index("groups") + 1, "organizations")
    return fields


# Registered here rather than in backoffice: organizations own the editors
# relation, which the user's page edits from the other side.
admin.site.unregister(User)
admin.site.unregister(Group)
admin.site.register(Group, StaffGroupAdmin)


@admin.register(User)
class UserAdmin(StaffUserAdmin):
    list_display = ["username", "full_name", "role", "organization_names"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("organizations")

    @admin.display(description=_("organizations"))
    def organization_names(self, user):
        return ", ".join(str(organization) for organization in user.organizations.all())

    # Only moderators (and superusers) choose who edits for an organization,
    # as on the organization's own page.
    def may_set_organizations(self, request, obj):
        return obj is not None and can_moderate(request.user)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.may_set_organizations(request, obj):
            return fieldsets
        return [
            (name, {**options, "fields": with_organizations(options["fields"])})
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, **kwargs):
        if self.may_set_organizations(request, obj):
            kwargs["form"] = UserOrganizationsForm
        return super().get_form(request, obj, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if "organizations" in form.cleaned_data:
            editor_organizations_set(
                user=form.instance, organizations=form.cleaned_data["organizations"]
            )
