"""The read-only open-data API, /api/v1/: its views, serializers and parameters."""
