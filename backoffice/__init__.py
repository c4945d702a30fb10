"""Pieces every app's admin uses: checked image uploads, forgiving relation
widgets, and the ModelAdmin base of the catalog's objects.

A package of its own, below the apps (events, organizations and venues import
it; it imports none of them), so that no app holds them for the others.
"""
