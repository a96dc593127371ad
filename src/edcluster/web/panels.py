"""Extension points for pages owned by one app and enriched by others.

The organisation page belongs to ``organizations``, yet partnerships, events and practices
each add a section to it. An app registers a panel in its ``AppConfig.ready()``::

    from edcluster.web.panels import register_panel
    register_panel("organization", partner_panel, order=20)

where ``partner_panel(request, organization)`` returns ``Panel(title, template, context)`` or
``None`` when it has nothing to show to this user. The page renders every panel in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass
class Panel:
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


PanelFactory = Callable[[HttpRequest, Any], Panel | None]
_PANELS: dict[str, list[tuple[int, PanelFactory]]] = {}


def register_panel(page: str, factory: PanelFactory, *, order: int = 100) -> None:
    entries = _PANELS.setdefault(page, [])
    if all(f is not factory for _o, f in entries):
        entries.append((order, factory))
        entries.sort(key=lambda item: item[0])


def panels_for(page: str, request: HttpRequest, obj: Any) -> list[Panel]:
    result = []
    for order, factory in _PANELS.get(page, []):
        panel = factory(request, obj)
        if panel is not None:
            panel.order = order
            result.append(panel)
    return result
