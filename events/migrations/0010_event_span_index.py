from django.db import migrations

# The span of an event with an end, for "which events are going on at this
# moment" (events.models.querysets.earliest_start_going_on). PostgreSQL only: SQLite
# reads the (ends_at, starts_at) index instead.
CREATE = (
    "CREATE INDEX IF NOT EXISTS event_span_gist ON events_event "
    "USING gist (tstzrange(starts_at, ends_at, '[]')) WHERE ends_at IS NOT NULL"
)


def create_span_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_span_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS event_span_gist")


class Migration(migrations.Migration):
    dependencies = [("events", "0009_list_indexes")]

    operations = [migrations.RunPython(create_span_index, drop_span_index)]
