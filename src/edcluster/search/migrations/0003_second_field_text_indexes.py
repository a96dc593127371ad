"""The ``russian`` full-text GIN indexes of the second fields the global search reads (an event's
theme, a partnership's description, an imported file's name): ``core.search.text_filter`` matches
a row when any one of its fields holds every word, one indexed condition per field (PostgreSQL
only)."""

from django.db import migrations

from edcluster.core.search import pg_search_index_sql, postgres_only


class Migration(migrations.Migration):
    dependencies = [("search", "0002_imported_files_text_index")]

    operations = [
        postgres_only(
            [
                pg_search_index_sql("events_event", "theme"),
                pg_search_index_sql("partnerships_partnership", "description"),
                pg_search_index_sql("imports_importedfile", "name"),
            ]
        )
    ]
