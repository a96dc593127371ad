"""Authorship of practices and materials for export; on erasure the practices' search text is
rebuilt so the erased name is no longer found (``core.privacy``)."""

from __future__ import annotations

from typing import Any

from edcluster.core.privacy import Erased, register_personal_data
from edcluster.organizations.privacy import persons_of
from edcluster.practices.models import Material, Practice


def _export(email: str) -> list[dict[str, Any]]:
    people = persons_of(email)
    rows: list[dict[str, Any]] = [{"автор практики": p.title} for p in Practice.objects.filter(authors__in=people)]
    rows += [{"автор материала": m.title} for m in Material.objects.filter(author__in=people)]
    return rows


def _erase(email: str, erased: Erased) -> int:
    from edcluster.practices.services import practice_reindex

    practices = list(Practice.objects.filter(authors__in=persons_of(email, erased)).distinct())
    for practice in practices:
        practice_reindex(practice)
        practice.save(update_fields=["search_text"])
    return len(practices)


def register() -> None:
    register_personal_data("Практики: авторство", export=_export, erase=_erase, order=50)
