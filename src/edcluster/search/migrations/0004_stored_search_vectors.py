"""The registry's two large tables (organisations, people) keep their ``search_text``'s text
vector in a generated column with its GIN index, in place of the expression index (PostgreSQL
only; ``core.search.pg_stored_vector_sql``)."""

from django.db import migrations

from edcluster.core.search import pg_stored_vector_sql, postgres_only


class Migration(migrations.Migration):
    dependencies = [("search", "0003_second_field_text_indexes")]

    operations = [
        postgres_only([
            *pg_stored_vector_sql("organizations_organization"),
            *pg_stored_vector_sql("organizations_person"),
        ]),
    ]
