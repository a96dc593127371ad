"""The demo cluster loader behind ``edcluster demo``.

Each app may have a ``demo.py`` with ``load(ctx: DemoContext) -> None``; they run in the order
of ``settings.EDCLUSTER_APPS``, each in its own transaction, and every one must be idempotent
(look records up by a natural key before creating them through the services), so that running
the command twice leaves the same counts. Apps put the objects later apps need into ``ctx``
and demo logins into ``ctx.logins``.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.dispatch import Signal

from edcluster.core.discovery import app_modules

DEMO_PASSWORD = "demo-edcluster"  # noqa: S105 - a demo password printed to the user on purpose


@dataclass
class DemoContext:
    admin: Any
    objects: dict[str, Any] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (login, password, who)

    def user(
        self,
        username: str,
        *,
        first_name: str = "",
        last_name: str = "",
        email: str = "",
        who: str = "",
        superuser: bool = False,
    ) -> Any:
        """A demo account (created once; its password reset to the demo one)."""
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": email,
                "is_superuser": superuser,
                "is_staff": superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if who and all(login != username for login, _p, _w in self.logins):
            self.logins.append((username, DEMO_PASSWORD, who))
        return user


# True while the demo loads: per-write bookkeeping that only matters for data already in use
# (the analytics dashboards' "written since" marks) waits for ``demo_loaded`` instead
LOADING: ContextVar[bool] = ContextVar("edcluster_demo_loading", default=False)
# sent once the demo is loaded (receivers do once what they skipped per write)
demo_loaded = Signal()


def load_demo(*, stdout=None) -> DemoContext:
    token = LOADING.set(True)
    try:
        admin = DemoContext(admin=None).user("admin", first_name="Администратор", superuser=True)
        ctx = DemoContext(admin=admin)
        ctx.logins.append(("admin", DEMO_PASSWORD, "администратор платформы"))
        for app_name, module in app_modules("demo"):
            with transaction.atomic():
                module.load(ctx)
            if stdout is not None:
                stdout.write(f"  демо: {app_name.rsplit('.', 1)[-1]} — готово\n")
    finally:
        LOADING.reset(token)
    demo_loaded.send(sender=None)
    return ctx
