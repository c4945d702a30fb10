"""The culture department's report: what is counted (compute.py), the page
(views.py, forms.py, charts.py) and its spreadsheets (export.py)."""

from events.figures.compute import figures_for, previous_period

__all__ = ["figures_for", "previous_period"]
