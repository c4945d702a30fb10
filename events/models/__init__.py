"""The events app's models: the activity-type list, events, their organizers and images."""

from events.models.activity_types import (
    ActivityType,
    ActivityTypeGroup,
    ActivityTypeQuerySet,
)
from events.models.changes import PendingChange
from events.models.event import Event
from events.models.parts import EventImage, EventOrganizer
from events.models.proposals import EventProposal
from events.models.querysets import EventQuerySet, start_of_local_day

__all__ = [
    "ActivityType",
    "ActivityTypeGroup",
    "ActivityTypeQuerySet",
    "Event",
    "EventImage",
    "EventOrganizer",
    "EventProposal",
    "EventQuerySet",
    "PendingChange",
    "start_of_local_day",
]
