"""The admin of staff users and groups: roles, and names in the admin's language.

Django stores group and permission names in English; these screens show them
translated. organizations/admin.py registers them, adding to the user the
organizations they edit for.
"""

from django.apps import apps
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_noop, ngettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalChanges

from backoffice.roles import GROUP_LABELS, Role, group_label, role_expression
from backoffice.widgets import ModelMultipleChoiceField

# The names Django gives the permissions every model has ("Can add event").
DEFAULT_PERMISSION_LABELS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}

# Texts of Django's user and group screens that its Kazakh catalog lacks (a
# Kazakh page would show them in Russian, the default language) or words
# badly. Named here so that makemessages keeps them in locale/, whose
# translations Django prefers to its own.
DJANGO_TEXTS_TRANSLATED_HERE = [
    gettext_noop("Authentication and Authorization"),
    gettext_noop("Administration"),
    gettext_noop("Content Types"),
    gettext_noop("user"),
    gettext_noop("users"),
    gettext_noop("username"),
    gettext_noop("email address"),
    gettext_noop("Password"),
    gettext_noop("password"),
    gettext_noop("Password confirmation"),
    gettext_noop(
        "Required. 150 characters or fewer. Letters, digits and @/./+/-/_ only."
    ),
    gettext_noop(
        "Enter a valid username. This value may contain only letters, numbers, "
        "and @/./+/-/_ characters."
    ),
    gettext_noop("Designates whether the user can log into this admin site."),
    gettext_noop(
        "Designates whether this user should be treated as active. Unselect this "
        "instead of deleting accounts."
    ),
    gettext_noop(
        "Designates that this user has all permissions without explicitly "
        "assigning them."
    ),
    gettext_noop(
        "The groups this user belongs to. A user will get all permissions granted "
        "to each of their groups."
    ),
    gettext_noop("Specific permissions for this user."),
    gettext_noop(
        "Hold down “Control”, or “Command” on a Mac, to select more than one."
    ),
    gettext_noop(
        "Raw passwords are not stored, so there is no way to see the user’s password."
    ),
    gettext_noop(
        "Enable password-based authentication for this user by setting a password."
    ),
    gettext_noop("No password set."),
    gettext_noop("Reset password"),
    gettext_noop("Set password"),
    gettext_noop("algorithm"),
    gettext_noop("iterations"),
    gettext_noop("salt"),
    gettext_noop("hash"),
    gettext_noop(
        "After you’ve created a user, you’ll be able to edit more user options."
    ),
    gettext_noop("Password-based authentication"),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. "
        "If disabled, they may still be able to authenticate using other backends, "
        "such as Single Sign-On or LDAP."
    ),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop("The two password fields didn’t match."),
    gettext_noop(
        "Your password can’t be too similar to your other personal information."
    ),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
    ),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("This password is too common."),
    gettext_noop("This password is entirely numeric."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
]


def permission_label(permission):
    """A permission's name in the admin's language; expects its content type loaded."""
    content_type = permission.content_type
    model = content_type.model_class()
    action, _separator, model_name = permission.codename.partition("_")
    label = DEFAULT_PERMISSION_LABELS.get(action)
    if label and model is not None and model_name == content_type.model:
        return capfirst(label % {"model": model._meta.verbose_name})
    return gettext(permission.name)


class GroupChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, group):
        return group_label(group.name)


class PermissionChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, permission):
        return f"{permission.content_type} | {permission_label(permission)}"


def history_permissions():
    """The permissions of django-simple-history's version models. They grant
    nothing: the history screens check the permissions of the model itself."""
    condition = Q()
    for model in apps.get_models():
        if issubclass(model, HistoricalChanges):
            condition |= Q(
                content_type__app_label=model._meta.app_label,
                content_type__model=model._meta.model_name,
            )
    return condition


def permission_field_arguments(kwargs):
    """A permissions field's arguments: names translated, content types loaded
    in the same query, no permission that grants nothing."""
    queryset = kwargs.get("queryset", Permission.objects)
    return {
        **kwargs,
        "form_class": PermissionChoiceField,
        "queryset": queryset.exclude(history_permissions()).select_related(
            "content_type"
        ),
    }


class GroupListFilter(admin.RelatedFieldListFilter):
    """The user list's filter by group, with the roles' names translated."""

    def field_choices(self, field, request, model_admin):
        return [
            (pk, group_label(name))
            for pk, name in super().field_choices(field, request, model_admin)
        ]


class RoleListFilter(admin.SimpleListFilter):
    """Needs the queryset annotated with `role` (StaffUserAdmin.get_queryset)."""

    title = _("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return Role.choices

    def queryset(self, request, queryset):
        if self.value() in Role.values:
            return queryset.filter(role=self.value())
        return queryset


class StaffUserAdmin(auth_admin.UserAdmin):
    list_display = ["username", "full_name", "role"]
    list_filter = [
        "is_staff",
        "is_superuser",
        "is_active",
        RoleListFilter,
        ("groups", GroupListFilter),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(role=role_expression())

    @admin.display(description=_("full name"), ordering="last_name")
    def full_name(self, user):
        return user.get_full_name()

    @admin.display(description=_("role"))
    def role(self, user):
        if user.role == Role.NONE:
            return None
        return Role(user.role).label

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["form_class"] = GroupChoiceField
        elif db_field.name == "user_permissions":
            kwargs = permission_field_arguments(kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class StaffGroupAdmin(auth_admin.GroupAdmin):
    """The two role groups keep their names and cannot be deleted: the code
    finds them by name (backoffice/roles.py)."""

    list_display = ["label"]

    @admin.display(description=_("name"), ordering="name")
    def label(self, group):
        return group_label(group.name)

    def is_role(self, group):
        return group is not None and group.name in GROUP_LABELS

    def get_fields(self, request, obj=None):
        if self.is_role(obj):
            return ["label", "permissions"]
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if self.is_role(obj):
            return ["label"]
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.is_role(obj) and super().has_delete_permission(request, obj)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "permissions":
            kwargs = permission_field_arguments(kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        if obj is not None:
            # The page's title and breadcrumbs (admin/auth/group/change_form.html).
            context["subtitle"] = group_label(obj.name)
        return super().render_change_form(request, context, add, change, form_url, obj)
