"""The materials section of an event page (rendered by the library, so the events app does not
depend on it)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from edcluster.events import access as event_access
from edcluster.practices import access
from edcluster.practices.forms import EventMaterialForm

register = template.Library()


@register.inclusion_tag("practices/_event_materials.html", takes_context=True)
def event_materials(context: Any, event: Any) -> dict[str, Any]:
    user = context["request"].user
    materials = access.visible_event_materials(user, event)
    form = None
    if access.can_add_event_material(user, event):
        manager = event_access.can_manage_event(user, event)
        form = EventMaterialForm(items=access.speaker_items(user, event), item_required=not manager)
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "materials": materials,
        "deletable": {m.pk for m in materials if access.can_delete_material(user, m)},
        "material_form": form,
        "material_action": reverse("practices:event_material_add", args=[event.pk]),
    }
