"""The monthly e-mail to cluster members: practices and materials added in the last month that
the recipient may see, with a signed one-click opt-out link."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from edcluster.core.mail import mail_queue, mail_render
from edcluster.events.access import visible_events
from edcluster.organizations.models import RoleAssignment
from edcluster.practices.access import can_view_material, visible_practices
from edcluster.practices.models import DigestOptOut, Material

SALT = "practices.digest.optout"


def optout_token(user: Any) -> str:
    return signing.dumps(user.pk, salt=SALT)


def user_for_token(token: str) -> Any | None:
    try:
        pk = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


def digest_send(*, now: Any = None, days: int = 31) -> int:
    """Queue one digest per member with something new; idempotent per user and month."""
    now = now or timezone.now()
    since = now - timedelta(days=days)
    month = now.strftime("%Y-%m")
    user_ids = RoleAssignment.objects.values_list("user_id", flat=True).distinct()
    opted_out = set(DigestOptOut.objects.values_list("user_id", flat=True))
    sent = 0
    for user in get_user_model().objects.filter(pk__in=user_ids, is_active=True).exclude(email=""):
        if user.pk in opted_out:
            continue
        practices = list(visible_practices(user).filter(created_at__gte=since).order_by("title")[:30])
        # New materials of practices and of events (speakers' presentations, programmes) the
        # recipient may open; copies carried over into a practice are listed with the practice.
        materials = [
            m
            for m in Material.objects.filter(
                Q(practice__in=visible_practices(user)) | Q(event__in=visible_events(user)), created_at__gte=since
            )
            .select_related("practice", "event")
            .order_by("practice__title", "event__title", "title")[:50]
            if can_view_material(user, m)
        ]
        if not practices and not materials:
            continue
        optout_url = settings.SITE_URL + reverse("practices:digest_optout", args=[optout_token(user)])
        subject, body, html = mail_render(
            "practices/email/digest",
            {
                "practices": practices,
                "materials": materials,
                "site": settings.SITE_URL,
                "optout_url": optout_url,
            },
        )
        if mail_queue(
            to=[user.email],
            subject=subject,
            body=body,
            html=html,
            topic="practices.digest",
            dedup_key=f"practices.digest:{user.pk}:{month}",
        ):
            sent += 1
    return sent
