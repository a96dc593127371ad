"""GIN indexes for Russian full-text search on PostgreSQL (no-op on SQLite); see core.search."""

from django.db import migrations

from edcluster.core.search import pg_search_index_sql, postgres_only


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]

    operations = [
        postgres_only([
            pg_search_index_sql("organizations_organization"),
            pg_search_index_sql("organizations_person"),
        ]),
    ]
