from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models.event import Event


class PendingChange(models.Model):
    """An editor's change to a published event, waiting for a moderator.

    The event keeps what it published until a moderator approves the change
    (events/pending_changes.py); `values` holds the changed fields only, as
    Django's serializers write them, and the activity types when they changed.
    """

    event = models.OneToOneField(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="pending_change",
    )
    values = models.JSONField(_("changed fields"), encoder=DjangoJSONEncoder)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now=True)

    class Meta:
        verbose_name = _("change waiting for review")
        verbose_name_plural = _("changes waiting for review")

    def __str__(self):
        return str(self.event)
