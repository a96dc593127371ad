"""``{% import_sources record %}``: "Источник: <file>" on the page of a record created or matched
from an imported document — for the users who may see that import (``imports.access``)."""

from __future__ import annotations

from typing import Any

from django import template

from edcluster.imports import access
from edcluster.imports.services import source_files

register = template.Library()


@register.inclusion_tag("imports/_sources.html", takes_context=True)
def import_sources(context: dict[str, Any], record: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    files = []
    if user is not None and user.is_authenticated and record is not None:
        files = [f for f in source_files(record) if access.can_view_batch(user, f.batch)]
    return {"files": files}
