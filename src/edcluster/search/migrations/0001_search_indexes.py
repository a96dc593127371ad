"""GIN indexes the global search uses on PostgreSQL (nothing on SQLite): pg_trgm similarity for
typos in names and titles, and the ``russian`` full-text expression indexes of the records that
have no ``search_text`` column."""

from django.db import migrations

from edcluster.core.search import pg_search_index_sql, pg_trigram_index_sql, postgres_only


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0002_search_indexes"),
        ("events", "0001_initial"),
        ("partnerships", "0001_initial"),
        ("meetings", "0001_initial"),
        ("documents", "0001_initial"),
    ]

    operations = [
        postgres_only([
            ("CREATE EXTENSION IF NOT EXISTS pg_trgm", "SELECT 1"),
            pg_trigram_index_sql("organizations_organization", "search_text"),
            pg_trigram_index_sql("organizations_person", "search_text"),
            pg_trigram_index_sql("events_event", "title"),
            pg_trigram_index_sql("partnerships_partnership", "title"),
            pg_trigram_index_sql("documents_generateddocument", "filename"),
            pg_search_index_sql("events_event", "title"),
            pg_search_index_sql("partnerships_partnership", "title"),
            pg_search_index_sql("meetings_decision", "text"),
        ]),
    ]
