"""The staff's screens for events (Django admin), registered on import.

events.py     the event list and form, by role
columns.py    the list's columns; filters.py its filters of what needs attention
forms.py      the event form's checks; the forms of actions and import
inlines.py    organizers, images and the programme on the event form
actions.py    the list's actions (publish, cancel, reschedule...), one loop
moves.py      the form's workflow buttons, what each move will do, its messages
move_pages.py  a move's confirmation page, from the form's button
pending_views.py  an editor's change to a published event, for a moderator
history.py    who sees an event's history; its organizer rows in it; deleted events
import_views.py  the CSV and iCalendar import wizard
reference.py  the activity types and their groups
"""

from events.admin import events, reference

__all__ = ["events", "reference"]
