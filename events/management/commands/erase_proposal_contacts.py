"""Erase the name, e-mail and phone of public proposals once they are no longer
needed (the organization's name stays: it is not a person's).

Run daily by deploy/creative-east-proposal-contacts.timer (docs/deploy.md).
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from events.models import EventProposal

# What stands for the proposer's name once erased (the field may not be empty).
ERASED_NAME = "—"


def erase_contacts(*, days, now=None):
    """Erase the name and contacts of proposals published or returned more than `days`
    days ago, and of those never confirmed within as long; how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    due = EventProposal.objects.filter(contacts_erased_at__isnull=True).filter(
        Q(decided_at__lt=cutoff) | Q(confirmed_at__isnull=True, created_at__lt=cutoff)
    )
    return due.update(
        proposer_name=ERASED_NAME,
        email="",
        phone="",
        contacts_erased_at=now or timezone.now(),
    )


class Command(BaseCommand):
    help = (
        "Erase the proposer's name, e-mail and phone of public proposals published or "
        "returned (or left unconfirmed) more than DJANGO_PROPOSAL_CONTACTS_DAYS ago."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days to keep them (default: DJANGO_PROPOSAL_CONTACTS_DAYS).",
        )

    def handle(self, *args, days=None, **options):
        days = settings.PROPOSAL_CONTACTS_DAYS if days is None else days
        count = erase_contacts(days=days)
        self.stdout.write(f"Contacts erased from {count} proposals.")
