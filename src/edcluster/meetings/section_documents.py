"""The section results document (section_results_template.txt): participants counted from
registrations, kindergartens by orientation, outputs, recommendations grouped by addressee with
their ordered steps. Registered in ``documents.registry`` with the protocol kinds."""

from __future__ import annotations

import functools
from typing import Any

from edcluster.core import ru
from edcluster.documents.builder import Line, build_docx
from edcluster.documents.registry import DocumentKind, Variable, register
from edcluster.meetings import access, services
from edcluster.meetings.models import SectionResult


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def section_context(section: Any, options: dict | None = None) -> dict[str, Any]:
    result = SectionResult.objects.filter(section=section).first()
    counts = services.section_counts(section)
    event = section.event
    return {
        "section_title": ru.quote(section.title),
        "event_title": ru.quote(event.title),
        "event_kind_gent": ru.inflect_phrase(event.get_kind_display(), "gent"),
        "dates": event.dates_text,
        "participants": services.section_participants_text(section, result, counts=counts),
        "participants_verb": services.section_participants_verb(counts["people"]),
        "organizations": ru.count_phrase(counts["organizations"], "организация"),
        "kindergartens": [k["text"] for k in counts["kindergartens"]],
        "by_kind": [f"{k['kind']}\u00a0– {k['count']}" for k in counts["by_kind"]],
        "summary": _lines(result.summary) if result else [],
        "outputs": _lines(result.outputs) if result else [],
        "groups": [
            {
                "addressee": g["addressee"],
                "recommendations": [
                    {"text": d.text.strip(), "steps": [m.title for m in d.milestones.all()]} for d in g["decisions"]
                ],
            }
            for g in services.section_recommendations(section)
        ],
    }


def section_example() -> dict[str, Any]:
    return {
        "section_title": "«Инновационные формы взаимодействия ДОУ и родительской общественности»",
        "event_title": "«Августовская конференция»",
        "event_kind_gent": "конференции",
        "dates": "28 августа 2025 г.",
        "participants": "12 заведующих ДОУ города Набережные Челны",
        "participants_verb": "приняли участие",
        "organizations": "12 организаций",
        "kindergartens": ["8 детских садов общеразвивающего вида", "4 детских сада коррекционной направленности"],
        "by_kind": ["Детский сад – 12"],
        "summary": ["Участники секции познакомились с моделью Консультационного центра «Профессия – родители»."],
        "outputs": ["3 модели КЦ/КП"],
        "groups": [
            {
                "addressee": "Управление образования",
                "recommendations": [
                    {"text": "Координация работы консультационных центров/пунктов.", "steps": []},
                ],
            },
            {
                "addressee": "Дошкольные образовательные организации",
                "recommendations": [
                    {
                        "text": "Организация работы консультационного центра/пункта на базе ДОУ:",
                        "steps": ["Изучить спрос на услуги консультационного центра/пункта."],
                    }
                ],
            },
        ],
    }


@functools.cache
def section_template() -> bytes:
    """The layout of section_results_template.txt."""
    return build_docx(
        [
            Line("ИТОГИ работы секции", bold=True, align="center"),
            Line("{{ section_title }}", bold=True, align="center"),
            Line("{{ event_kind_gent }} {{ event_title }}, {{ dates }}", align="center"),
            Line("В работе секции {{ participants_verb }} {{ participants }}.", align="justify", space_before=12),
            "{%p for k in kindergartens %}",
            Line("{{ k }}.", align="justify"),
            "{%p endfor %}",
            "{%p for p in summary %}",
            Line("{{ p }}", align="justify", space_before=6),
            "{%p endfor %}",
            "{%p if outputs %}",
            Line("Результаты работы:", space_before=6),
            "{%p endif %}",
            "{%p for o in outputs %}",
            "– {{ o }}",
            "{%p endfor %}",
            "{%p for g in groups %}",
            Line("{{ g.addressee }}.", bold=True, space_before=12),
            "{%p for r in g.recommendations %}",
            Line("{{ loop.index }}. {{ r.text }}", align="justify", space_before=6),
            "{%p for s in r.steps %}",
            Line("– {{ s }}", align="justify"),
            "{%p endfor %}",
            "{%p endfor %}",
            "{%p endfor %}",
        ]
    )


SECTION_VARIABLES = (
    Variable("section_title, event_title, event_kind_gent, dates", "секция и мероприятие", "«Инновационные формы…»"),
    Variable("participants, participants_verb", "кто участвовал", "приняли участие; 12 заведующих ДОУ"),
    Variable("organizations, by_kind[]", "организации всего и по видам", "12 организаций"),
    Variable("kindergartens[]", "детские сады по направленности", "8 детских садов общеразвивающего вида"),
    Variable("summary[], outputs[]", "ход работы; результаты", "3 модели КЦ/КП"),
    Variable(
        "groups[]: addressee, recommendations[] (text, steps[])",
        "рекомендации по адресатам",
        "{%p for g in groups %} … {%p endfor %}",
    ),
)


def register_section_documents() -> None:
    register(
        DocumentKind(
            code="section_results",
            title="Итоги работы секции",
            access=lambda user, pk, options: access.access_section(user, pk),
            context=section_context,
            cluster_of=lambda section: section.event.cluster,
            builtin=section_template,
            example=section_example,
            variables=SECTION_VARIABLES,
            filename=lambda section: f"section-results-{section.pk}",
        )
    )
