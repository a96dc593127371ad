"""The documents of a meeting: the protocol (narrative style of the sample and ГОСТ Р 7.0.97-2025
style) and the decision execution report — their shipped templates and their contexts.

Registered with ``documents.registry`` in ``MeetingsConfig.ready()``; pages, the API and the
``edcluster document`` command all go through ``documents.services``.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from django.utils import timezone

from edcluster.core import ru
from edcluster.core.errors import ValidationError
from edcluster.documents.builder import Line, build_docx
from edcluster.documents.registry import DocumentKind, Variable, register
from edcluster.meetings import access, services
from edcluster.meetings.models import Body, Decision, Meeting


def _name_short(name: str, case: str = "nomn") -> str:
    parsed = ru.parse_name(name)
    if parsed is None:
        return name
    if case != "nomn":
        parsed = parsed.inflect(case)
    return parsed.short


def _person_short(person: Any, *, initials_first: bool = False) -> str:
    if person is None:
        return ""
    return person.name.short_initials_first if initials_first else person.short_name


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _decision_row(d: Decision) -> dict[str, Any]:
    due = services.decision_due_text(d)
    responsible = _person_short(d.responsible)
    parts = []
    if due:
        parts.append(_sentence(f"Срок\u00a0– {due}"))
    if responsible:
        parts.append(_sentence(f"Ответственный\u00a0– {responsible}"))
    tail = " ".join(parts)
    return {
        "tail": tail,
        "number": d.number,
        "text": d.text.strip().rstrip("."),
        "addressee": d.addressee_display,
        "responsible": _person_short(d.responsible),
        "due": services.decision_due_text(d),
        "status": d.get_status_display(),
        "progress": f"{d.progress} %",
    }


def meeting_context(meeting: Meeting, options: dict | None = None) -> dict[str, Any]:
    """Everything a protocol template may use (plain strings, lists and dicts)."""
    meeting = (
        Meeting.objects.select_related("body__cluster", "chair", "secretary")
        .prefetch_related("attendees__person", "items__speakers", "items__statements", "amendments")
        .get(pk=meeting.pk)
    )
    decisions = list(
        meeting.decisions.select_related("item", "responsible", "addressee_organization", "addressee_person")
    )
    items = []
    for item in meeting.items.all():
        speakers = list(item.speakers.all())
        items.append(
            {
                "number": item.order,
                "title": item.title.strip(),
                "speakers": [
                    {
                        "name": s.name,
                        "short": _name_short(s.name),
                        "position": s.position,
                        "organization": s.organization,
                        "line": ", ".join(
                            part for part in (s.name, " ".join(p for p in (s.position, s.organization) if p)) if part
                        ),
                    }
                    for s in speakers
                ],
                "speakers_short": ", ".join(_name_short(s.name) for s in speakers),
                "heard_names": ", ".join(_name_short(s.name, "accs") for s in speakers),
                "heard": _paragraphs(item.heard),
                "statements": [{"name": st.name, "text": st.text} for st in item.statements.all()],
                "decisions": [_decision_row(d) for d in decisions if d.item_id == item.pk],
            }
        )
    body = meeting.body
    return {
        "cluster_name": body.cluster.name,
        "body_name": body.name,
        "body_name_gent": services.body_name_gent(body),
        "body_short_name_gent": services.body_short_name_gent(body),
        "number": str(meeting.number),
        "date": ru.format_date(meeting.date),
        "date_numeric": meeting.date.strftime("%d.%m.%Y"),
        "time": meeting.time.strftime("%H:%M") if meeting.time else "",
        "place": meeting.place,
        "theme": ru.quote(meeting.theme) if meeting.theme else "",
        "organizers": meeting.organizers.strip(),
        "chair": _person_short(meeting.chair),
        "chair_signature": _person_short(meeting.chair, initials_first=True),
        "secretary": _person_short(meeting.secretary),
        "secretary_signature": _person_short(meeting.secretary, initials_first=True),
        "signature_title": meeting.signature_title or "Секретарь",
        "attendance": services.attendance_text(meeting),
        "guests": services.guests_text(meeting),
        "items": items,
        "decisions": [_decision_row(d) for d in decisions],
        "general_decisions": [_decision_row(d) for d in decisions if d.item_id is None],
        "amendments": [{"number": str(a.number), "text": a.text} for a in meeting.amendments.all()],
        "status": meeting.get_status_display(),
    }


def meeting_example() -> dict[str, Any]:
    speaker = {
        "name": "Грязева Елена Борисовна",
        "short": "Грязева Е.Б.",
        "position": "методист",
        "organization": "КОГОБУ СШ пгт Подосиновец",
        "line": "Грязева Елена Борисовна, методист КОГОБУ СШ пгт Подосиновец",
    }
    decision = {
        "number": "1",
        "text": "Запланировать в марте 2025 года проведение «Методического поезда»",
        "addressee": "педагоги",
        "responsible": "Грязева Е.Б.",
        "due": "в марте 2025 года",
        "tail": "Срок – в марте 2025 года. Ответственный – Грязева Е.Б.",
        "status": "запланировано",
        "progress": "0 %",
    }
    return {
        "cluster_name": "Подосиновский образовательный кластер",
        "body_name": "Координационный Совет Подосиновского образовательного кластера",
        "body_name_gent": "Координационного Совета Подосиновского образовательного кластера",
        "body_short_name_gent": "Координационного Совета",
        "number": "1",
        "date": "26 февраля 2025 г.",
        "date_numeric": "26.02.2025",
        "time": "10:00",
        "place": "пгт Подосиновец",
        "theme": "«Открытое образовательное пространство: партнерство, доверие, ответственность»",
        "organizers": "КОГОБУ СШ пгт Подосиновец; Управление образования Подосиновского района.",
        "chair": "Мохина Е.Д.",
        "chair_signature": "Е.Д. Мохина",
        "secretary": "Грязева Е.Б.",
        "secretary_signature": "Е.Б. Грязева",
        "signature_title": "Методист опорной школы",
        "attendance": "15 педагогов из 11 образовательных организаций",
        "guests": "Пономарева О.А.",
        "items": [
            {
                "number": 1,
                "title": "«Опорная школа как методическая площадка»",
                "speakers": [speaker],
                "speakers_short": "Грязева Е.Б.",
                "heard_names": "Грязеву Е.Б.",
                "heard": ["Елена Борисовна рассказала, как организуется деятельность опорной школы."],
                "statements": [{"name": "Мохина Е.Д.", "text": "поддержала предложение"}],
                "decisions": [dict(decision, number="1.1")],
            }
        ],
        "decisions": [decision],
        "general_decisions": [decision],
        "amendments": [{"number": "1", "text": "Пункт 1 читать в редакции …"}],
        "status": "утверждён",
    }


MEETING_VARIABLES = (
    Variable("cluster_name", "название кластера", "Подосиновский образовательный кластер"),
    Variable(
        "body_name, body_name_gent, body_short_name_gent",
        "название органа (им. и род. падеж)",
        "Координационного Совета",
    ),
    Variable("number", "номер протокола", "1"),
    Variable("date, date_numeric, time", "дата словами и цифрами, время", "26 февраля 2025 г.; 26.02.2025; 10:00"),
    Variable("place", "место", "пгт Подосиновец"),
    Variable("theme", "тема в кавычках", "«Открытое образовательное пространство…»"),
    Variable("organizers", "организаторы", "КОГОБУ СШ пгт Подосиновец; …"),
    Variable("chair, secretary", "председатель, секретарь (Фамилия И.О.)", "Грязева Е.Б."),
    Variable("chair_signature, secretary_signature", "для подписи (И.О. Фамилия)", "Е.Б. Грязева"),
    Variable("signature_title", "должность под протоколом", "Методист опорной школы"),
    Variable("attendance", "присутствовали", "15 педагогов из 11 образовательных организаций"),
    Variable("guests", "приглашённые", "Пономарева О.А."),
    Variable(
        "items[]: number, title, speakers[] (name, short, position, organization, line), speakers_short, "
        "heard_names, heard[], statements[] (name, text), decisions[]",
        "вопросы повестки",
        "{%p for item in items %} … {%p endfor %}",
    ),
    Variable(
        "decisions[], general_decisions[]: number, text, tail, addressee, responsible, due, status, progress",
        "все решения; решения по заседанию в целом",
        "1. Запланировать … — в марте 2025 года",
    ),
    Variable("amendments[]: number, text", "изменения утверждённого протокола", "Изменение № 1"),
    Variable("status", "состояние протокола", "утверждён"),
)


@functools.cache
def narrative_template() -> bytes:
    """The layout of council_protocol.txt."""
    return build_docx(
        [
            Line("Протокол", bold=True, align="center"),
            Line("заседания {{ body_name_gent }}", bold=True, align="center"),
            Line("от {{ date }}\t№\u00a0{{ number }}", tab_right=True, space_before=12),
            Line("Тема: {{ theme }}", space_before=12),
            "Организаторы: {{ organizers }}",
            "Присутствовали: {{ attendance }}",
            "{%p if guests %}",
            "Приглашённые: {{ guests }}",
            "{%p endif %}",
            Line("Повестка заседания:", bold=True),
            "{%p for item in items %}",
            Line("{{ item.number }}. {{ item.title }}", bold=True, space_before=6),
            "{%p for s in item.speakers %}",
            "{{ s.line }}",
            "{%p endfor %}",
            "{%p for text in item.heard %}",
            Line("{{ text }}", align="justify"),
            "{%p endfor %}",
            "{%p for st in item.statements %}",
            Line("{{ st.name }}: {{ st.text }}", align="justify"),
            "{%p endfor %}",
            "{%p endfor %}",
            Line("Решение {{ body_short_name_gent }}:", bold=True, space_before=12),
            "{%p for d in decisions %}",
            Line("{{ d.number }}. {{ d.text }}", align="justify"),
            "{%p endfor %}",
            "{%p for a in amendments %}",
            Line("Изменение №\u00a0{{ a.number }}. {{ a.text }}", align="justify"),
            "{%p endfor %}",
            Line("{{ signature_title }} {{ secretary }}", space_before=24),
        ]
    )


@functools.cache
def gost_template() -> bytes:
    """ГОСТ Р 7.0.97-2025: organisation, ПРОТОКОЛ, date and number, place, heading, chair,
    secretary, present, agenda, СЛУШАЛИ / ВЫСТУПИЛИ / ПОСТАНОВИЛИ, signatures."""
    return build_docx(
        [
            Line("{{ cluster_name }}", bold=True, align="center"),
            Line("ПРОТОКОЛ", bold=True, align="center", space_before=12),
            Line("{{ date_numeric }}\t№\u00a0{{ number }}", tab_right=True, space_before=12),
            Line("{{ place }}", align="center"),
            Line("заседания {{ body_name_gent }}", bold=True, space_before=12),
            "{%p if chair %}",
            "Председатель\u00a0– {{ chair }}",
            "{%p endif %}",
            "{%p if secretary %}",
            "Секретарь\u00a0– {{ secretary }}",
            "{%p endif %}",
            "Присутствовали: {{ attendance }}",
            "{%p if guests %}",
            "Приглашённые: {{ guests }}",
            "{%p endif %}",
            Line("Повестка дня:", bold=True, space_before=12),
            "{%p for item in items %}",
            "{{ item.number }}. {{ item.title }}"
            "{% if item.speakers_short %} (докл. {{ item.speakers_short }}){% endif %}",
            "{%p endfor %}",
            "{%p for item in items %}",
            Line("{{ item.number }}. СЛУШАЛИ:", bold=True, space_before=12),
            "{%p if item.heard_names %}",
            Line("{{ item.heard_names }}{% if item.heard %}\u00a0– {{ item.heard[0] }}{% endif %}", align="justify"),
            "{%p endif %}",
            "{%p for text in item.heard[(1 if item.heard_names else 0):] %}",
            Line("{{ text }}", align="justify"),
            "{%p endfor %}",
            "{%p if item.statements %}",
            Line("ВЫСТУПИЛИ:", bold=True),
            "{%p endif %}",
            "{%p for st in item.statements %}",
            Line("{{ st.name }}\u00a0– {{ st.text }}", align="justify"),
            "{%p endfor %}",
            "{%p if item.decisions %}",
            Line("ПОСТАНОВИЛИ:", bold=True),
            "{%p endif %}",
            "{%p for d in item.decisions %}",
            Line("{{ d.number }}. {{ d.text }}.{% if d.tail %} {{ d.tail }}{% endif %}", align="justify"),
            "{%p endfor %}",
            "{%p endfor %}",
            "{%p if general_decisions %}",
            Line("ПОСТАНОВИЛИ (РЕШИЛИ):", bold=True, space_before=12),
            "{%p endif %}",
            "{%p for d in general_decisions %}",
            Line("{{ d.number }}. {{ d.text }}.{% if d.tail %} {{ d.tail }}{% endif %}", align="justify"),
            "{%p endfor %}",
            "{%p for a in amendments %}",
            Line("Изменение №\u00a0{{ a.number }}. {{ a.text }}", align="justify"),
            "{%p endfor %}",
            "{%p if chair_signature %}",
            Line("Председатель\t{{ chair_signature }}", tab_right=True, space_before=24),
            "{%p endif %}",
            "{%p if secretary_signature %}",
            Line("Секретарь\t{{ secretary_signature }}", tab_right=True, space_before=12),
            "{%p endif %}",
        ]
    )


# --- decision execution report --------------------------------------------------------------------


def _period(options: dict) -> tuple[date, date]:
    today = timezone.localdate()
    try:
        start = date.fromisoformat(str(options["from"])) if options.get("from") else date(today.year, 1, 1)
        end = date.fromisoformat(str(options["to"])) if options.get("to") else today
    except ValueError as exc:
        raise ValidationError(errors={"from": ["Даты периода — в виде ГГГГ-ММ-ДД."]}) from exc
    if end < start:
        raise ValidationError(errors={"to": ["Конец периода раньше начала."]})
    return start, end


def report_context(body: Body, options: dict | None = None) -> dict[str, Any]:
    start, end = _period(options or {})
    decisions = (
        Decision.objects.filter(body=body, meeting__date__range=(start, end), meeting__status=Meeting.Status.APPROVED)
        .select_related("meeting", "item", "responsible", "addressee_organization", "addressee_person")
        .prefetch_related("evidence")
        .order_by("meeting__date", "meeting__number", "item__order", "order")
    )
    rows = []
    counts: dict[str, int] = {}
    for d in decisions:
        row = _decision_row(d)
        row["meeting"] = f"протокол №\u00a0{d.meeting.number} от {ru.format_date(d.meeting.date)}"
        row["evidence"] = "; ".join(e.title for e in d.evidence.all())
        rows.append(row)
        counts[d.status] = counts.get(d.status, 0) + 1
    total = len(rows)
    return {
        "cluster_name": body.cluster.name,
        "body_name_gent": services.body_name_gent(body),
        "period": ru.format_date_range(start, end),
        "total": ru.count_phrase(total, "решение"),
        "done": ru.count_phrase(counts.get(Decision.Status.DONE, 0), "решение"),
        "overdue": ru.count_phrase(counts.get(Decision.Status.OVERDUE, 0), "решение"),
        "rows": rows,
        "today": ru.format_date(timezone.localdate()),
    }


def report_example() -> dict[str, Any]:
    return {
        "cluster_name": "Подосиновский образовательный кластер",
        "body_name_gent": "Координационного Совета Подосиновского образовательного кластера",
        "period": "1 января – 31 декабря 2025 г.",
        "total": "4 решения",
        "done": "1 решение",
        "overdue": "0 решений",
        "rows": [
            {
                "number": "4",
                "meeting": "протокол № 1 от 26 февраля 2025 г.",
                "text": "Запланировать «Методический поезд»",
                "addressee": "педагоги",
                "responsible": "Грязева Е.Б.",
                "due": "в марте 2025 года",
                "tail": "Срок – в марте 2025 года.",
                "status": "выполнено",
                "progress": "100 %",
                "evidence": "Методический поезд",
            }
        ],
        "today": "1 апреля 2025 г.",
    }


@functools.cache
def report_template() -> bytes:
    return build_docx(
        [
            Line("{{ cluster_name }}", bold=True, align="center"),
            Line("Отчёт об исполнении решений {{ body_name_gent }}", bold=True, align="center", space_before=12),
            Line("за период {{ period }}", align="center"),
            Line("Всего {{ total }}, выполнено {{ done }}, просрочено {{ overdue }}.", space_before=12),
            "{%p for r in rows %}",
            Line("{{ r.number }}. {{ r.text }} ({{ r.meeting }})", bold=True, space_before=6),
            "{%p if r.addressee %}",
            "Адресат: {{ r.addressee }}",
            "{%p endif %}",
            "{%p if r.responsible %}",
            "Ответственный: {{ r.responsible }}",
            "{%p endif %}",
            "{%p if r.due %}",
            "Срок: {{ r.due }}",
            "{%p endif %}",
            "Состояние: {{ r.status }}, выполнено {{ r.progress }}",
            "{%p if r.evidence %}",
            "Подтверждение: {{ r.evidence }}",
            "{%p endif %}",
            "{%p endfor %}",
            Line("Сформировано {{ today }}", space_before=24),
        ]
    )


REPORT_VARIABLES = (
    Variable("cluster_name, body_name_gent", "кластер, орган", "Координационного Совета"),
    Variable("period", "период", "1 января – 31 декабря 2025 г."),
    Variable("total, done, overdue", "сколько решений всего, выполнено, просрочено", "4 решения"),
    Variable(
        "rows[]: number, meeting, text, addressee, responsible, due, status, progress, evidence",
        "решения",
        "{%p for r in rows %} … {%p endfor %}",
    ),
    Variable("today", "дата отчёта", "1 апреля 2025 г."),
)


def _meeting_filename(style: str):
    def name(meeting: Meeting) -> str:
        return f"protocol-{meeting.number}-{meeting.date.isoformat()}-{style}"

    return name


def register_documents() -> None:
    common = {
        "access": lambda user, pk, options: access.access_meeting(user, pk),
        "context": meeting_context,
        "cluster_of": lambda meeting: meeting.body.cluster,
        "example": meeting_example,
        "variables": MEETING_VARIABLES,
    }
    register(
        DocumentKind(
            code="protocol",
            title="Протокол заседания (как в образце)",
            builtin=narrative_template,
            filename=_meeting_filename("narrative"),
            **common,
        )
    )
    register(
        DocumentKind(
            code="protocol_gost",
            title="Протокол заседания (ГОСТ Р 7.0.97-2025)",
            builtin=gost_template,
            filename=_meeting_filename("gost"),
            **common,
        )
    )
    register(
        DocumentKind(
            code="decision_report",
            title="Отчёт об исполнении решений за период",
            access=lambda user, pk, options: access.access_body(user, pk),
            context=report_context,
            cluster_of=lambda body: body.cluster,
            builtin=report_template,
            example=report_example,
            variables=REPORT_VARIABLES,
            filename=lambda body: f"decisions-report-{body.pk}",
        )
    )
