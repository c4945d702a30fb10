"""django-axes (locked admin logins) as the admin shows it: under a heading in
the admin's language, instead of its label "Axes".

Installed in place of "axes" in INSTALLED_APPS; everything else is axes' own.
Its models are shown to superusers only: no staff role has their permissions.
"""

from axes.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# Axes ships no Kazakh; its model names, for our catalogue (makemessages finds
# them here, and keeps them).
AXES_MODEL_NAMES = (
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
)


class LoginAttemptsConfig(AppConfig):
    verbose_name = _("Login security")
