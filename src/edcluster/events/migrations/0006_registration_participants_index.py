"""A covering index for the dashboards' participant figures on PostgreSQL (nothing on SQLite,
which has no INCLUDE): counts and distinct e-mails, organisations and regions of the registrations
of a scope's events are read from the index alone, not from a heap page per registration
(bench/README.md, scale: 286 → 102 ms at 100% for one cluster's year)."""

from django.db import migrations

from edcluster.core.search import postgres_only


class Migration(migrations.Migration):
    dependencies = [("events", "0005_registration_speaker_index")]

    operations = [
        postgres_only(
            [
                (
                    "CREATE INDEX IF NOT EXISTS registration_participants_idx ON events_registration "
                    "(event_id, status) INCLUDE (id, mode, region, email, organization_name, checked_in_at)",
                    "DROP INDEX IF EXISTS registration_participants_idx",
                ),
            ]
        ),
    ]
