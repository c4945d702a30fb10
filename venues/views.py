from django.views.generic import DetailView

from venues.models import Venue


class VenueDetailView(DetailView):
    queryset = Venue.objects.select_related("district")

    def get_context_data(self, **kwargs):
        events = self.object.events.published().for_cards()
        return super().get_context_data(
            upcoming_events=events.upcoming(),
            past_events=events.past().order_by("-starts_at", "-pk"),
            **kwargs,
        )
