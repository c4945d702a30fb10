from django.views.generic import DetailView, ListView

from events.models import Event
from events.views import event_sections
from organizations.models import Organization


class OrganizationListView(ListView):
    queryset = Organization.objects.select_related("district", "parent").order_by(
        "name"
    )
    paginate_by = 50


class OrganizationDetailView(DetailView):
    queryset = Organization.objects.select_related("district", "parent")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **event_sections(
                Event.objects.filter(organizers=self.object),
                "organization",
                self.object.slug,
            ),
            departments=self.object.departments.all(),
            **kwargs,
        )
