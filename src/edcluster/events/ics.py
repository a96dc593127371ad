"""iCalendar (.ics) for one event and for a cluster's feed (the ``icalendar`` library)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from edcluster.events.models import Event

_TZ = "Europe/Moscow"


def _vevent(event: Event, base_url: str) -> VEvent:
    from zoneinfo import ZoneInfo

    tz = ZoneInfo(_TZ)
    days = list(event.days.all())
    vevent = VEvent()
    vevent.add("uid", f"event-{event.pk}@edcluster")
    vevent.add("summary", event.title)
    if days and days[0].starts_at:
        vevent.add("dtstart", datetime.combine(days[0].date, days[0].starts_at, tzinfo=tz))
        last = days[-1]
        end_time = last.ends_at or last.starts_at or days[0].starts_at
        vevent.add("dtend", datetime.combine(last.date, end_time, tzinfo=tz))
    else:
        vevent.add("dtstart", event.starts_on)
        vevent.add("dtend", (event.ends_on or event.starts_on) + timedelta(days=1))
    vevent.add("dtstamp", timezone.now())
    place = ", ".join(
        p
        for p in (event.venue_organization.display_name if event.venue_organization else "", event.address, event.room)
        if p
    )
    if place:
        vevent.add("location", place)
    description = [event.theme or event.goal or ""]
    if event.online_link:
        description.append(event.online_link)
    vevent.add("description", "\n".join(d for d in description if d))
    vevent.add("url", base_url + event.get_absolute_url())
    return vevent


def _calendar(events: Iterable[Event], name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//edcluster//events//RU")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    base_url = settings.SITE_URL
    for event in events:
        cal.add_component(_vevent(event, base_url))
    return cal.to_ical()


def event_ics(event: Event) -> bytes:
    return _calendar([event], event.title)


def feed_ics(events: Iterable[Event], name: str) -> bytes:
    return _calendar(events, name)
