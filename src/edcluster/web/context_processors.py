"""The navigation bar: each app lists its entries in ``AppConfig.nav`` as
``(url name, label, order, audience)`` with audience ``all`` (everyone), ``user`` (signed in),
``staff`` (anyone with a role) or ``admin``."""

from __future__ import annotations

from django.apps import apps
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from edcluster.organizations.access import roles_of


def navigation(request: HttpRequest) -> dict:
    roles = roles_of(getattr(request, "user", None))
    allowed = {"all"}
    if roles.is_authenticated:
        allowed.add("user")
    if roles.has_any_role:
        allowed.add("staff")
    if roles.is_admin:
        allowed |= {"admin", "staff"}
    items = []
    for config in apps.get_app_configs():
        for url_name, label, order, audience in getattr(config, "nav", []):
            if audience not in allowed:
                continue
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            items.append(
                {"url": url, "label": label, "order": order, "active": request.path.startswith(url) and url != "/"}
            )
    items.sort(key=lambda item: item["order"])
    return {"nav_items": items, "roles": roles}
