"""A public proposal: an event someone without an account offered the catalog.

The event itself is an ordinary Event (a draft, then in review once the
proposer confirmed their address), so the moderators' workflow applies to it.
What is not the event is kept here: who proposed it and how to reach them,
which is never shown publicly and is erased a while after the decision
(manage.py erase_proposal_contacts).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models.event import Event
from venues.models import District


class EventProposal(models.Model):
    event = models.OneToOneField(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="proposal",
    )
    proposer_name = models.CharField(_("proposer's name"), max_length=200)
    organization_name = models.CharField(_("organization"), max_length=255, blank=True)
    # Blank once erased.
    email = models.EmailField(_("contact e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    place = models.CharField(
        _("place, as typed"),
        max_length=255,
        blank=True,
        help_text=_("Where the event is, when the proposer picked no venue."),
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    corrections = models.TextField(
        _("corrections suggested"),
        blank=True,
        help_text=_("What the proposer asked to correct after publication."),
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    decided_at = models.DateTimeField(
        _("decided"),
        null=True,
        blank=True,
        help_text=_("When a moderator published or returned it."),
    )
    contacts_erased_at = models.DateTimeField(
        _("contacts erased"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("public proposal")
        verbose_name_plural = _("public proposals")

    def __str__(self):
        return str(self.event)

    def likely_duplicates(self):
        """Events that look like the proposed one, for the moderators' warning:
        the admin form's rule at a picked venue, the typed place's district's
        events otherwise."""
        event = self.event
        return Event.objects.exclude(pk=event.pk).likely_duplicates(
            titles=event.titles(),
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            venue=event.venue,
            district_id=self.district_id,
        )
