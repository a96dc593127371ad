"""Authorship of practices and materials for export; on erasure the practices' search text is
rebuilt so the erased name is no longer found (``core.privacy``)."""

from __future__ import annotations

from typing import Any

from edcluster.core.privacy import Erased, Subject, register_personal_data
from edcluster.organizations.privacy import persons_of
from edcluster.practices.models import Material, Practice


def _export(subject: Subject) -> list[dict[str, Any]]:
    people = persons_of(subject)
    rows: list[dict[str, Any]] = [{"автор практики": p.title} for p in Practice.objects.filter(authors__in=people)]
    rows += [{"автор материала": m.title} for m in Material.objects.filter(author__in=people)]
    return rows


def _erase(subject: Subject, erased: Erased) -> int:
    from edcluster.practices.services import practice_reindex

    practices = list(Practice.objects.filter(authors__in=persons_of(subject, erased)).distinct())
    for practice in practices:
        practice_reindex(practice)
        practice.save(update_fields=["search_text"])
    return len(practices)


def register() -> None:
    register_personal_data("Практики: авторство", export=_export, erase=_erase, order=50)
