"""The ``russian`` full-text GIN index over imported files' extracted text (PostgreSQL only), for
the «Загруженные документы» group of the global search."""

from django.db import migrations

from edcluster.core.search import pg_search_index_sql, postgres_only


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_search_indexes"),
        ("imports", "0001_initial"),
    ]

    operations = [postgres_only([pg_search_index_sql("imports_importedfile", "text")])]
