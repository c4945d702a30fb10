from django.shortcuts import render
from django.utils import timezone
from django.views.generic import DetailView

from events.models import Event

HOME_LIST_SIZE = 12


def home(request):
    now = timezone.now()
    public = Event.objects.published().for_cards()
    return render(
        request,
        "events/home.html",
        {
            "upcoming_events": public.upcoming(now=now)[:HOME_LIST_SIZE],
            "past_events": public.past(now=now).order_by("-starts_at", "-pk")[
                :HOME_LIST_SIZE
            ],
        },
    )


class EventDetailView(DetailView):
    def get_queryset(self):
        return Event.objects.visible_to(self.request.user).select_related(
            "venue__district", "parent"
        )
