"""Finding each app's optional module (``api``, ``demo``, …) in ``settings.EDCLUSTER_APPS`` order."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from types import ModuleType

from django.conf import settings


def app_modules(name: str) -> Iterator[tuple[str, ModuleType]]:
    """``(app_name, module)`` for every app that has ``<app>.<name>``; an import error inside an
    existing module is not swallowed."""
    for app_name in settings.EDCLUSTER_APPS:
        try:
            module = import_module(f"{app_name}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app_name}.{name}":
                raise
            continue
        yield app_name, module
