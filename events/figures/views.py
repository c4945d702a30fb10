"""The staff "Figures" page and its XLSX and CSV downloads, all from figures_for()."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from backoffice.roles import can_moderate
from events.figures.charts import month_charts
from events.figures.compute import figures_for
from events.figures.export import as_csv, as_xlsx
from events.figures.forms import FiguresForm


def may_see_figures(user):
    """Moderators and administrators."""
    return user.is_staff and can_moderate(user)


def _figures_page(request):
    if not may_see_figures(request.user):
        raise PermissionDenied
    form = FiguresForm(request.GET)
    figures = charts = None
    if form.is_valid():
        start, end = form.period
        figures = figures_for(start=start, end=end, filters=form.filters)
        charts = month_charts(figures)
    return TemplateResponse(
        request,
        "admin/figures.html",
        {
            **admin.site.each_context(request),
            "title": _("Figures"),
            "form": form,
            "figures": figures,
            "charts": charts,
            "download_query": form.query() if figures else "",
        },
    )


def _figures_download(request, file_format):
    if not may_see_figures(request.user):
        raise PermissionDenied
    form = FiguresForm(request.GET)
    if not form.is_valid():
        problems = "\n".join(
            f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()
        )
        return HttpResponse(
            problems, status=400, content_type="text/plain; charset=utf-8"
        )
    start, end = form.period
    figures = figures_for(start=start, end=end, filters=form.filters)
    return as_xlsx(figures) if file_format == "xlsx" else as_csv(figures)


# The admin's wrapper: anonymous and non-staff users go to its login page.
figures_page = admin.site.admin_view(_figures_page)
figures_download = admin.site.admin_view(_figures_download)
