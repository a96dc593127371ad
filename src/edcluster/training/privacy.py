"""A student's practice in their data export and erasure (``core.privacy``).

The student is a registry person (erased by ``organizations.privacy``); here the free texts they
and their mentor wrote about them are cleared, while placements, marks and dates stay for the
college's counts."""

from __future__ import annotations

from typing import Any

from edcluster.core.privacy import Erased, register_personal_data
from edcluster.organizations.privacy import persons_of
from edcluster.training.models import DiaryEntry, Evaluation, Placement

ERASED_TEXT = "Текст удалён вместе с персональными данными."


def _placements(email: str, erased: Erased | None = None):
    return Placement.objects.filter(student__person__in=persons_of(email, erased))


def _export(email: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for p in _placements(email).select_related("period", "base__organization"):
        rows.append(
            {
                "практика": str(p.period),
                "база": p.base.organization.display_name,
                "дневник": [
                    {"дата": d.date.isoformat(), "что сделано": d.text, "комментарий наставника": d.mentor_comment}
                    for d in p.diary.all()
                ],
            }
        )
    return rows


def _erase(email: str, erased: Erased) -> int:
    placements = _placements(email, erased)
    n = DiaryEntry.objects.filter(placement__in=placements).update(text=ERASED_TEXT, mentor_comment="")
    n += Evaluation.objects.filter(placement__in=placements).update(characteristic=ERASED_TEXT)
    return n


def register() -> None:
    register_personal_data("Практика студентов: дневник и характеристика", export=_export, erase=_erase, order=60)
