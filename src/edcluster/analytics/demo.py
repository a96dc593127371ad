"""Demo: the participants of the all-Russian internship (news_internship.txt) so that the
dashboard can show them by region.

The news gives only the counts — "полсотни руководителей и представителей организаций
дополнительного профессионального образования педагогов из 36 субъектов Российской
Федерации" — not who they were. The fifty registrations are therefore placeholders that keep
exactly those facts: 50 people, 36 subjects (Kaliningrad region, the host, among them), one
organisation of additional professional education per subject; names are "Участник
стажировки № N", never invented people. They register, come (checked in) and the internship is
marked held, all through the events services.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from edcluster.core.demo_loader import DemoContext
from edcluster.events import services as event_services
from edcluster.events.models import Event, EventStatus, RegistrationStatus
from edcluster.organizations.regions import REGIONS

PARTICIPANTS = 50
SUBJECTS = 36
HOST_REGION = "39"
MSK = ZoneInfo("Europe/Moscow")


def internship_regions() -> list[str]:
    """36 subject codes: the host region first, then the registry's order."""
    codes = [HOST_REGION] + [code for code, _name in REGIONS if code != HOST_REGION]
    return codes[:SUBJECTS]


def load(ctx: DemoContext) -> None:
    event = Event.objects.filter(cluster__slug="kaliningrad", starts_on=date(2023, 4, 10)).first()
    if event is None or event.registrations.exists():
        return
    names = dict(REGIONS)
    regions = internship_regions()
    if event.status == EventStatus.PUBLISHED:
        event_services.event_set_status(actor=ctx.admin, event=event, status=EventStatus.REGISTRATION_OPEN)
    if event.status != EventStatus.REGISTRATION_OPEN:
        return
    for number in range(1, PARTICIPANTS + 1):
        region = regions[(number - 1) % SUBJECTS]
        registration, _created = event_services.registration_submit(
            event=event,
            data={
                "last_name": "Участник стажировки",
                "first_name": f"№ {number}",
                "organization_name": f"Организация ДПО педагогов ({names[region]})",
                "position": "руководитель",
                "region": region,
                "email": f"internship-{number:02d}@example.org",
                "mode": "in_person",
            },
            consent=True,
            now=datetime(2023, 4, 3, 12, 0, tzinfo=MSK),
        )
        if registration.status == RegistrationStatus.CONFIRMED:
            event_services.registration_check_in(actor=ctx.admin, event=event, code=registration.code)
    event_services.event_set_status(actor=ctx.admin, event=event, status=EventStatus.REGISTRATION_CLOSED)
    event_services.event_set_status(actor=ctx.admin, event=event, status=EventStatus.HELD)
