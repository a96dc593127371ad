"""The list of a base's students for a period ("списки по базам для детских садов"): the same rows
for the XLSX download and the DOCX document (``documents.training_base_list``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from edcluster.core.errors import NotFound
from edcluster.core.xlsx import xlsx_response
from edcluster.training import access
from edcluster.training.models import BasePlaces

HEADERS = ["№", "ФИО студента", "Группа", "Специальность", "Наставник", "Начало", "Окончание"]


def access_offer_list(user: Any, pk: Any) -> BasePlaces:
    """A base's places in a period, for whoever may list that base's students: the college and
    the base itself (not a student, not another base)."""
    offer = (
        BasePlaces.objects.select_related("base__organization", "base__college", "period__group").filter(pk=pk).first()
        if str(pk).isdigit()
        else None
    )
    if offer is None or not access.can_list_base_students(user, offer.base):
        raise NotFound()
    return offer


def base_list_rows(offer: BasePlaces) -> list[dict[str, Any]]:
    """Every student placed at the base in the period, by surname — the base sees all of these:
    they are its own students."""
    placements = (
        offer.period.placements.filter(base_id=offer.base_id)
        .select_related("student__person", "student__group", "mentor")
        .order_by("student__person__last_name", "student__person__first_name", "pk")
    )
    period = offer.period
    return [
        {
            "n": i,
            "student": p.student.person.full_name,
            "group": p.student.group.name,
            "specialisation": p.student.group.get_specialisation_display(),
            "mentor": p.mentor.full_name if p.mentor else "",
            "starts_on": period.starts_on,
            "ends_on": period.ends_on,
        }
        for i, p in enumerate(placements, start=1)
    ]


def base_list_filename(offer: BasePlaces) -> str:
    return f"practice-list-{offer.base_id}-{offer.period.starts_on:%Y-%m-%d}"


def base_list_xlsx(offer: BasePlaces):
    rows = [
        [r["n"], r["student"], r["group"], r["specialisation"], r["mentor"], r["starts_on"], r["ends_on"]]
        for r in base_list_rows(offer)
    ]
    return xlsx_response(f"{base_list_filename(offer)}.xlsx", [(_("Студенты на практике"), HEADERS, rows)])
