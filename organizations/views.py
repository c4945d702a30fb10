from django.views.generic import DetailView, ListView

from organizations.models import Organization


class OrganizationListView(ListView):
    queryset = Organization.objects.select_related("district", "parent").order_by(
        "name"
    )
    paginate_by = 50


class OrganizationDetailView(DetailView):
    queryset = Organization.objects.select_related("district", "parent")

    def get_context_data(self, **kwargs):
        events = self.object.events.published().for_cards()
        return super().get_context_data(
            upcoming_events=events.upcoming(),
            past_events=events.past(),
            departments=self.object.departments.all(),
            **kwargs,
        )
