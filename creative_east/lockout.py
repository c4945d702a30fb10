"""The answer to a locked-out login (django-axes' AXES_LOCKOUT_CALLABLE).

429 with Retry-After, and a page that says when logging in is possible again.
"""

from axes.helpers import get_cool_off
from django.contrib import admin
from django.shortcuts import render
from django.utils import timezone


def lockout_response(request, original_response=None, credentials=None):
    """The locked-out page, with the time the lock ends.

    The lock ends a cool-off after the last wrong password, which is this
    request's: axes records every failure, even during the lockout, and starts
    the cool-off again (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT)."""
    cool_off = get_cool_off(request)
    last_failure = getattr(request, "axes_attempt_time", None) or timezone.now()
    locked_until = last_failure + cool_off
    seconds_left = (locked_until - timezone.now()).total_seconds()
    response = render(
        request,
        "admin/locked_out.html",
        {
            # The admin's header and title, as on its login page.
            **admin.site.each_context(request),
            "cool_off": cool_off,
            "locked_until": locked_until,
        },
        status=429,
    )
    # The first whole second after the lock ends (it still holds at its end).
    response["Retry-After"] = str(max(1, int(seconds_left) + 1))
    return response
