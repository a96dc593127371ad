"""The documents of an event: the information letter (the layout of info_letter_conference.txt),
the programme and the participant list — shipped templates, contexts, example values.

Registered with ``documents.registry`` in ``DocumentsConfig.ready()``; the events app itself is
not changed beyond a small include on its page. The letter and the programme are public
information (whoever may read the event may generate them); the participant list holds
personal data and is for those who manage the event.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.urls import reverse

from edcluster.core import ru
from edcluster.documents.builder import Line, build_docx
from edcluster.documents.registry import DocumentKind, Variable, register

FORMAT_TEXT = {
    "in_person": "в очном формате",
    "online": "в онлайн-формате",
    "mixed": "в смешанном формате (онлайн-подключение для иногородних участников)",
}
CERTIFICATES_TEXT = (
    "По итогам {kind_gent} участникам, выступившим с докладом и/или принявшим активное участие "
    "в обсуждении вопросов {kind_gent}, будут направлены сертификаты активных участников."
)


def _event(pk_or_event: Any) -> Any:
    from edcluster.events.models import Event

    return (
        Event.objects.select_related("cluster", "venue_organization")
        .prefetch_related("organizers")
        .get(pk=pk_or_event.pk)
    )


def _sentence(text: str) -> str:
    text = " ".join((text or "").split()).rstrip(" ;,")
    return text if not text or text.endswith((".", "!", "?")) else f"{text}."


def _lower_first(text: str) -> str:
    text = text.strip()
    return text[:1].lower() + text[1:] if text and not text[:2].isupper() else text


def _venue(event: Any) -> str:
    """ "на базе ГАПОУ «…» (адрес, аудитория)" or the address alone."""
    parts = [p for p in (event.address, event.room) if p]
    if event.venue_organization_id:
        venue = f"на базе {event.venue_organization.display_name}"
        return f"{venue} ({', '.join(parts)})" if parts else venue
    return f"по адресу: {', '.join(parts)}" if parts else ""


def _common(event: Any) -> dict[str, Any]:
    kind = event.get_kind_display()
    organizers = [o.display_name for o in event.organizers.all()]
    return {
        "cluster_name": event.cluster.name,
        "title": ru.quote(event.title),
        "kind": kind,
        "kind_gent": ru.inflect_phrase(kind, "gent"),
        "Kind": kind[:1].upper() + kind[1:],
        "dates": event.dates_text,
        "venue": _venue(event),
        "organizers": "; ".join(organizers),
        # "X приглашает" / "X и Y приглашают"
        "inviter": ", ".join(organizers) if organizers else event.cluster.name,
        "invites": "приглашают" if len(organizers) > 1 else "приглашает",
    }


# --- the information letter -----------------------------------------------------------------------


def letter_context(event: Any, options: dict | None = None) -> dict[str, Any]:
    options = options or {}
    event = _event(event)
    common = _common(event)
    deadline = ru.format_date(event.registration_deadline) if event.registration_deadline else ""
    link = settings.SITE_URL + reverse("events:register", args=[event.pk])
    with_certificates = str(options.get("certificates", "1")) not in ("0", "no", "")
    return {
        **common,
        "goal": _sentence(_lower_first(event.goal)),
        "tasks": [_sentence(_lower_first(t)).rstrip(".") for t in event.tasks if str(t).strip()],
        "theme": _sentence(event.theme),
        "audience": ", ".join(str(a).strip() for a in event.audience if str(a).strip()),
        "format": FORMAT_TEXT.get(event.format, ""),
        "online_link": event.online_link if event.has_online else "",
        "registration_deadline": deadline,
        "registration_link": link,
        "certificates": CERTIFICATES_TEXT.format(kind_gent=common["kind_gent"]) if with_certificates else "",
    }


def letter_example() -> dict[str, Any]:
    return {
        "cluster_name": "Педагогический кластер Волгоградской области",
        "title": "«Модели взаимодействия колледжа и дошкольного учреждения в подготовке педагогических кадров»",
        "kind": "конференция",
        "kind_gent": "конференции",
        "Kind": "Конференция",
        "dates": "14 ноября 2025 г.",
        "venue": "на базе ГАПОУ «Волгоградский социально-педагогический колледж»",
        "organizers": "Базовая организация педагогического кластера «Педагогический центр СТАРТ»",
        "inviter": "Базовая организация педагогического кластера «Педагогический центр СТАРТ»",
        "invites": "приглашает",
        "goal": "обмен опытом разработки и реализации эффективных моделей взаимодействия.",
        "tasks": ["обобщение опыта уже существующих практик взаимодействия", "разработка рекомендаций"],
        "theme": "Подготовка студентов колледжа к работе в дошкольных учреждениях.",
        "audience": "руководители, заместители, методисты",
        "format": "в смешанном формате (онлайн-подключение для иногородних участников)",
        "online_link": "https://example.org/online",
        "registration_deadline": "7 ноября 2025 г.",
        "registration_link": "https://edcluster.example/events/1/register/",
        "certificates": CERTIFICATES_TEXT.format(kind_gent="конференции"),
    }


@functools.cache
def letter_template() -> bytes:
    """The layout of info_letter_conference.txt."""
    return build_docx(
        [
            Line("ИНФОРМАЦИОННОЕ ПИСЬМО", bold=True, align="center"),
            Line("Уважаемые коллеги!", bold=True, align="center", space_before=12),
            Line(
                "{{ inviter }} {{ invites }} вас принять участие в работе {{ kind_gent }} {{ title }}.",
                align="justify",
                space_before=12,
            ),
            "{%p if goal %}",
            Line("Целью {{ kind_gent }} является {{ goal }}", align="justify"),
            "{%p endif %}",
            "{%p if tasks %}",
            Line("Задачи {{ kind_gent }}:", align="justify"),
            "{%p endif %}",
            "{%p for t in tasks %}",
            Line("– {{ t }}{% if loop.last %}.{% else %};{% endif %}", align="justify"),
            "{%p endfor %}",
            "{%p if theme %}",
            Line("Тема: {{ theme }}", align="justify"),
            "{%p endif %}",
            "{%p if audience %}",
            Line("К участию приглашаются {{ audience }}.", align="justify"),
            "{%p endif %}",
            Line(
                "{{ Kind }} проводится {{ format }} {{ dates }}{% if venue %} {{ venue }}{% endif %}.", align="justify"
            ),
            "{%p if certificates %}",
            Line("{{ certificates }}", align="justify"),
            "{%p endif %}",
            Line(
                "Для участия в мероприятии необходимо{% if registration_deadline %} в период"
                " до {{ registration_deadline }}{% endif %} пройти регистрацию по ссылке: {{ registration_link }}",
                align="justify",
                space_before=12,
            ),
        ]
    )


LETTER_VARIABLES = (
    Variable("title", "название в кавычках", "«Модели взаимодействия колледжа и ДОУ…»"),
    Variable("kind, kind_gent, Kind", "вид мероприятия (им., род. падеж, с заглавной)", "конференции"),
    Variable("inviter, invites", "кто приглашает и глагол в нужном числе", "… «Педагогический центр СТАРТ» приглашает"),
    Variable("goal", "цель (со строчной, с точкой)", "обмен опытом …"),
    Variable("tasks[]", "задачи", "{%p for t in tasks %} … {%p endfor %}"),
    Variable("theme, audience", "тема; кто приглашается", "руководители, заместители, методисты"),
    Variable("format, dates, venue", "формат, даты, место", "в смешанном формате; 14 ноября 2025 г.; на базе …"),
    Variable("online_link", "ссылка для подключения", "https://…"),
    Variable("registration_deadline, registration_link", "срок и ссылка регистрации", "7 ноября 2025 г."),
    Variable("certificates", "фраза о сертификатах (пусто — без неё)", "По итогам конференции …"),
    Variable("cluster_name, organizers", "кластер; организаторы", "Подосиновский образовательный кластер"),
)


# --- the programme --------------------------------------------------------------------------------


def _speaker_line(s: Any) -> str:
    parsed = ru.parse_name(s.name)
    name = parsed.short if parsed is not None else s.name
    return ", ".join(p for p in (name, s.position, s.organization_name) if p)


def programme_context(event: Any, options: dict | None = None) -> dict[str, Any]:
    from edcluster.events import selectors

    event = _event(event)
    days = []
    for day in selectors.programme(event):
        times = ru.format_time_range(day.starts_at, day.ends_at) if day.starts_at else ""
        days.append(
            {
                "date": ru.format_date(day.date),
                "times": times,
                "entries": [
                    {
                        "time": ru.format_time_range(item.starts_at, item.ends_at) if item.starts_at else "",
                        "title": item.title,
                        "format": item.get_format_display(),
                        "section": item.section.title if item.section_id else "",
                        "speakers": [_speaker_line(s) for s in item.speakers.all()],
                    }
                    for item in day.items.all()
                ],
            }
        )
    return {**_common(event), "days": days}


def programme_example() -> dict[str, Any]:
    example = letter_example()
    return {
        **{k: example[k] for k in ("cluster_name", "title", "kind", "kind_gent", "Kind", "dates", "venue")},
        "organizers": example["organizers"],
        "inviter": example["inviter"],
        "invites": example["invites"],
        "days": [
            {
                "date": "14 ноября 2025 г.",
                "times": "10:00–14:00",
                "entries": [
                    {
                        "time": "10:00–10:20",
                        "title": "Открытие конференции",
                        "format": "доклад",
                        "section": "",
                        "speakers": ["Грязева Е.Б., методист, КОГОБУ СШ пгт Подосиновец"],
                    }
                ],
            }
        ],
    }


@functools.cache
def programme_template() -> bytes:
    return build_docx(
        [
            Line("ПРОГРАММА", bold=True, align="center"),
            Line("{{ kind_gent }} {{ title }}", bold=True, align="center"),
            Line("{{ dates }}{% if venue %}, {{ venue }}{% endif %}", align="center", space_before=6),
            "{%p for day in days %}",
            Line("{{ day.date }}{% if day.times %}, {{ day.times }}{% endif %}", bold=True, space_before=12),
            "{%p for item in day.entries %}",
            Line(
                "{% if item.time %}{{ item.time }}\u00a0– {% endif %}{{ item.title }}"
                "{% if item.section %} (секция {{ item.section }}){% endif %}",
                space_before=6,
            ),
            "{%p for s in item.speakers %}",
            Line("{{ s }}", align="justify"),
            "{%p endfor %}",
            "{%p endfor %}",
            "{%p endfor %}",
        ]
    )


PROGRAMME_VARIABLES = (
    Variable("title, kind_gent, dates, venue", "мероприятие", "конференции «…»; 14 ноября 2025 г."),
    Variable(
        "days[]: date, times, entries[] (time, title, format, section, speakers[])",
        "дни программы",
        "{%p for day in days %} … {%p endfor %}",
    ),
)


# --- the participant list -------------------------------------------------------------------------


def participants_context(event: Any, options: dict | None = None) -> dict[str, Any]:
    """Confirmed registrations grouped by organisation (alphabetically), each with its count."""
    from edcluster.events.models import RegistrationStatus

    event = _event(event)
    groups: dict[str, list[Any]] = defaultdict(list)
    registrations = event.registrations.filter(status=RegistrationStatus.CONFIRMED).select_related("organization")
    for r in registrations:
        org = r.organization.display_name if r.organization_id else " ".join(r.organization_name.split())
        groups[org or "Организация не указана"].append(r)
    organizations = []
    total = 0
    for name in sorted(groups, key=str.casefold):
        people = sorted(groups[name], key=lambda r: (r.last_name.casefold(), r.first_name.casefold()))
        total += len(people)
        organizations.append(
            {
                "name": name,
                "count": ru.count_phrase(len(people), "участник"),
                "people": [
                    ", ".join(p for p in (ru.FullName(r.last_name, r.first_name, r.middle_name).short, r.position) if p)
                    for r in people
                ],
            }
        )
    people = ru.count_phrase(total, "участник")
    orgs = ru.count_phrase(len(organizations), "образовательная организация", "gent")
    summary = f"{people} из {orgs}"
    return {**_common(event), "organizations": organizations, "summary": summary, "total": str(total)}


def participants_example() -> dict[str, Any]:
    example = programme_example()
    example.pop("days")
    return {
        **example,
        "organizations": [
            {
                "name": "КОГОБУ СШ пгт Подосиновец",
                "count": "2 участника",
                "people": ["Грязева Е.Б., методист", "Мохина Е.Д., директор"],
            }
        ],
        "summary": "15 участников из 11 образовательных организаций",
        "total": "15",
    }


@functools.cache
def participants_template() -> bytes:
    return build_docx(
        [
            Line("СПИСОК УЧАСТНИКОВ", bold=True, align="center"),
            Line("{{ kind_gent }} {{ title }}", bold=True, align="center"),
            Line("{{ dates }}", align="center"),
            Line("Всего: {{ summary }}.", space_before=12),
            "{%p for org in organizations %}",
            Line("{{ org.name }} ({{ org.count }})", bold=True, space_before=12),
            "{%p for p in org.people %}",
            "{{ loop.index }}. {{ p }}",
            "{%p endfor %}",
            "{%p endfor %}",
        ]
    )


PARTICIPANTS_VARIABLES = (
    Variable("title, kind_gent, dates", "мероприятие", "конференции «…»"),
    Variable("summary, total", "итог", "15 участников из 11 образовательных организаций"),
    Variable(
        "organizations[]: name, count, people[]",
        "участники по организациям",
        "{%p for org in organizations %} … {%p endfor %}",
    ),
)


def register_event_documents() -> None:
    from edcluster.events import access as event_access

    common = {"cluster_of": lambda event: event.cluster}
    register(
        DocumentKind(
            code="event_letter",
            title="Информационное письмо",
            access=lambda user, pk, options: event_access.access_event(user, pk),
            context=letter_context,
            builtin=letter_template,
            example=letter_example,
            variables=LETTER_VARIABLES,
            filename=lambda event: f"info-letter-{event.pk}",
            **common,
        )
    )
    register(
        DocumentKind(
            code="event_programme",
            title="Программа мероприятия",
            access=lambda user, pk, options: event_access.access_event(user, pk),
            context=programme_context,
            builtin=programme_template,
            example=programme_example,
            variables=PROGRAMME_VARIABLES,
            filename=lambda event: f"programme-{event.pk}",
            **common,
        )
    )
    register(
        DocumentKind(
            code="event_participants",
            title="Список участников",
            access=lambda user, pk, options: event_access.access_event(user, pk, manage=True),
            context=participants_context,
            builtin=participants_template,
            example=participants_example,
            variables=PARTICIPANTS_VARIABLES,
            filename=lambda event: f"participants-{event.pk}",
            **common,
        )
    )
