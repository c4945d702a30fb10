from django.views.generic import DetailView, ListView

from events.models import Event
from events.views import event_sections
from venues.maps import map_data, map_marker
from venues.models import District, Venue


class VenueListView(ListView):
    """Places, optionally in one district (`?district=slug` or `outside`)."""

    paginate_by = 50

    def get_queryset(self):
        venues = Venue.objects.select_related("district").order_by("name")
        self.district = self.request.GET.get("district", "")
        if self.district == "outside":
            return venues.filter(district__isnull=True)
        if self.district:
            return venues.filter(district__slug=self.district)
        return venues

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            districts=District.objects.all(), chosen_district=self.district, **kwargs
        )


class VenueDetailView(DetailView):
    queryset = Venue.objects.select_related("district")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **event_sections(
                Event.objects.filter(venue=self.object), "venue", self.object.slug
            ),
            map_data=map_data([map_marker(self.object)])
            if self.object.has_coordinates
            else None,
            **kwargs,
        )
