"""Every write to partnerships. Pages, the API, the XLSX import, the periodic task and the demo
call these."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from edcluster.core import ru
from edcluster.core.access import require
from edcluster.core.audit import audit_log
from edcluster.core.errors import ValidationError
from edcluster.core.mail import mail_queue, mail_render
from edcluster.core.services import model_create, model_update
from edcluster.organizations.models import Organization, Person, RoleAssignment
from edcluster.partnerships import access
from edcluster.partnerships.models import (
    Amendment,
    Attachment,
    Direction,
    Partnership,
    PartnershipStatus,
    Party,
    PartyRole,
)

PARTNERSHIP_FIELDS = [
    "kind",
    "title",
    "number",
    "signed_on",
    "valid_from",
    "valid_until",
    "indefinite",
    "description",
    "expected_results",
    "achieved_results",
    "children_count",
    "parents_count",
    "teachers_count",
    "linked_events",
]
DIRECTION_FIELDS = ["name", "order", "is_active"]
PARTY_FIELDS = ["organization", "role", "signatory", "resources"]


def expiring_days() -> int:
    """How many days before the end a partnership becomes "истекает" (settings.PARTNERSHIP_EXPIRING_DAYS)."""
    return int(getattr(settings, "PARTNERSHIP_EXPIRING_DAYS", 30))


def _strip(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (" ".join(v.split()) if isinstance(v, str) and k in {"title", "number"} else v) for k, v in data.items()}


def _rules(p: Partnership) -> None:
    errors: dict[str, list[str]] = {}
    if p.indefinite and p.valid_until:
        errors["valid_until"] = [_("У бессрочного партнёрства нет даты окончания.")]
    if p.signed_on and p.valid_until and p.valid_until < p.signed_on:
        errors["valid_until"] = [_("Дата окончания раньше даты подписания.")]
    if errors:
        raise ValidationError(errors=errors)


def _clean_parties(parties: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    cleaned: list[dict[str, Any]] = []
    seen: set[int] = set()
    for i, party in enumerate(parties, start=1):
        org = party.get("organization")
        if not isinstance(org, Organization):
            raise ValidationError(errors={"parties": [_("Сторона %(n)s: укажите организацию.") % {"n": i}]})
        if org.pk in seen:
            raise ValidationError(
                errors={"parties": [_("Организация %(name)s указана дважды.") % {"name": ru.quote(org.display_name)}]}
            )
        seen.add(org.pk)
        role = party.get("role") or PartyRole.PARTNER
        if role not in PartyRole.values:
            raise ValidationError(errors={"parties": [_("Сторона %(n)s: неизвестная роль.") % {"n": i}]})
        signatory = party.get("signatory")
        if signatory is not None and not isinstance(signatory, Person):
            raise ValidationError(errors={"parties": [_("Сторона %(n)s: неизвестный подписант.") % {"n": i}]})
        if signatory is not None and not signatory.positions.filter(organization=org).exists():
            raise ValidationError(
                errors={
                    "parties": [
                        _("Подписант %(person)s не работает в организации %(org)s.")
                        % {"person": signatory.short_name, "org": ru.quote(org.display_name)}
                    ]
                }
            )
        cleaned.append(
            {"organization": org, "role": role, "signatory": signatory, "resources": party.get("resources", "") or ""}
        )
    if len(cleaned) < 2:
        raise ValidationError(errors={"parties": [_("У партнёрства должно быть не меньше двух сторон.")]})
    return cleaned


def _initial_status(p: Partnership, today: date) -> str:
    if p.valid_until and p.valid_until < today:
        return PartnershipStatus.EXPIRED
    if p.valid_until and p.valid_until <= today + timedelta(days=expiring_days()):
        return PartnershipStatus.EXPIRING
    return PartnershipStatus.ACTIVE


@transaction.atomic
def partnership_create(
    *,
    actor: Any,
    data: Mapping[str, Any],
    parties: Sequence[Mapping[str, Any]],
    directions: Iterable[Direction] = (),
    activate: bool = False,
    previous: Partnership | None = None,
    events: Iterable[Any] = (),
    decisions: Iterable[Any] = (),
) -> Partnership:
    """Create a partnership with its parties (two or more). The author must be able to edit one
    of the parties; ``activate`` makes it current at once (otherwise it is a draft); ``events``
    and ``decisions`` are linked by ``partnership_links_set``."""
    require(access.can_create_partnership(actor))
    cleaned = _clean_parties(parties)
    require(
        access.can_be_party_author(actor, {p["organization"].pk for p in cleaned}),
        _("Среди сторон должна быть организация, которую вы ведёте."),
    )
    p = model_create(
        Partnership,
        actor=actor,
        action="partnerships.partnership.created",
        data=_strip(data),
        fields=PARTNERSHIP_FIELDS,
        checks=_rules,
        extra={"previous": previous},
    )
    for party in cleaned:
        Party.objects.create(partnership=p, **party)
    p.directions.set(list(directions))
    events, decisions = list(events), list(decisions)
    if events or decisions:
        partnership_links_set(actor=actor, partnership=p, events=events, decisions=decisions)
    if activate:
        partnership_activate(actor=actor, partnership=p)
    return p


@transaction.atomic
def partnership_update(
    *,
    actor: Any,
    partnership: Partnership,
    data: Mapping[str, Any],
    directions: Iterable[Direction] | None = None,
    events: Iterable[Any] | None = None,
    decisions: Iterable[Any] | None = None,
) -> Partnership:
    """Change the fields given in ``data``; ``directions``, ``events`` and ``decisions``, when
    given, replace the current ones (links through ``partnership_links_set``)."""
    require(access.can_edit_partnership(actor, partnership))
    p, _changes = model_update(
        partnership,
        actor=actor,
        action="partnerships.partnership.updated",
        data=_strip(data),
        fields=PARTNERSHIP_FIELDS,
        checks=_rules,
    )
    if directions is not None:
        before = sorted(d.name for d in p.directions.all())
        new = list(directions)
        after = sorted(d.name for d in new)
        if before != after:
            p.directions.set(new)
            audit_log(
                actor=actor,
                action="partnerships.partnership.updated",
                target=p,
                changes={"directions": [", ".join(before), ", ".join(after)]},
            )
    if events is not None or decisions is not None:
        partnership_links_set(actor=actor, partnership=p, events=events, decisions=decisions)
    if p.status in (PartnershipStatus.ACTIVE, PartnershipStatus.EXPIRING, PartnershipStatus.EXPIRED):
        _set_status(actor, p, _initial_status(p, timezone.localdate()))
    return p


def party_cluster_ids(p: Partnership) -> set[int]:
    """Clusters any party of the partnership belongs to: where its events and decisions come from."""
    from edcluster.organizations.models import Membership

    return set(
        Membership.objects.filter(organization_id__in=p.parties.values("organization_id")).values_list(
            "cluster_id", flat=True
        )
    )


@transaction.atomic
def partnership_link(
    *, actor: Any, partnership: Partnership, event: Any = None, decision: Any = None, unlink: bool = False
) -> None:
    """Link (or unlink) an event or a council decision of a party's cluster to the partnership."""
    from edcluster.events.access import can_view_event
    from edcluster.meetings.access import can_view_decision

    require(access.can_edit_partnership(actor, partnership))
    clusters = party_cluster_ids(partnership)
    manager: Any
    if event is not None:
        target, manager, field, label = event, partnership.events, "events", event.title
        visible = can_view_event(actor, event)
    elif decision is not None:
        target, manager, field, label = decision, partnership.decisions, "decisions", str(decision)
        visible = can_view_decision(actor, decision)
    else:
        raise ValidationError(_("Выберите мероприятие или решение."))
    # an unseen link is neither shown nor removed; a stale one (the cluster left) may be unlinked
    if not visible or (not unlink and target.cluster_id not in clusters):
        raise ValidationError(
            errors={field: [_("Связать можно только с мероприятием или решением кластера одной из сторон.")]}
        )
    linked = manager.filter(pk=target.pk).exists()
    if linked == (not unlink):
        return
    if unlink:
        manager.remove(target)
    else:
        manager.add(target)
    audit_log(
        actor=actor,
        action="partnerships.partnership.updated",
        target=partnership,
        changes={field: ["", label] if not unlink else [label, ""]},
    )


@transaction.atomic
def partnership_links_set(
    *, actor: Any, partnership: Partnership, events: Iterable[Any] | None = None, decisions: Iterable[Any] | None = None
) -> None:
    """Make the partnership's links to events (and/or decisions) exactly ``events`` (``decisions``)
    as far as the actor sees them: each link and unlink goes through ``partnership_link`` (same
    rules as the page); links the actor cannot see are neither shown to them nor removed."""
    from edcluster.events.access import visible_events
    from edcluster.meetings.access import visible_decisions

    kinds: list[tuple[Iterable[Any] | None, Any, Any, str]] = [
        (events, partnership.events, visible_events, "event"),
        (decisions, partnership.decisions, visible_decisions, "decision"),
    ]
    for wanted, manager, visible, key in kinds:
        if wanted is None:
            continue
        wanted = list(wanted)
        wanted_ids = {x.pk for x in wanted}
        for current in visible(actor, manager.all()):
            if current.pk not in wanted_ids:
                partnership_link(actor=actor, partnership=partnership, unlink=True, **{key: current})
        for target in wanted:
            partnership_link(actor=actor, partnership=partnership, **{key: target})


def _set_status(actor: Any, p: Partnership, status: str) -> None:
    if p.status == status:
        return
    old = p.get_status_display()
    p.status = status
    p.save(update_fields=["status", "updated_at"])
    audit_log(
        actor=actor,
        action="partnerships.partnership.status",
        target=p,
        changes={"status": [str(old), str(p.get_status_display())]},
    )


@transaction.atomic
def partnership_activate(*, actor: Any, partnership: Partnership) -> Partnership:
    """Draft → действует (or at once "истекает"/"истёк" when the dates say so)."""
    require(access.can_edit_partnership(actor, partnership))
    if partnership.status != PartnershipStatus.DRAFT:
        raise ValidationError(_("Ввести в действие можно только черновик."))
    if not partnership.indefinite and not partnership.valid_until:
        raise ValidationError(errors={"valid_until": [_("Укажите срок действия или отметьте «бессрочно».")]})
    _set_status(actor, partnership, _initial_status(partnership, timezone.localdate()))
    return partnership


@transaction.atomic
def partnership_terminate(*, actor: Any, partnership: Partnership) -> Partnership:
    require(access.can_edit_partnership(actor, partnership))
    if partnership.status not in (PartnershipStatus.ACTIVE, PartnershipStatus.EXPIRING):
        raise ValidationError(_("Расторгнуть можно только действующее партнёрство."))
    _set_status(actor, partnership, PartnershipStatus.TERMINATED)
    return partnership


@transaction.atomic
def partnership_renew(
    *, actor: Any, partnership: Partnership, valid_until: date | None, indefinite: bool = False, number: str = ""
) -> Partnership:
    """Create the next version (same parties, directions and content, new term) linked to this
    one; this one becomes "продлён"."""
    require(access.can_edit_partnership(actor, partnership))
    if partnership.status not in (PartnershipStatus.ACTIVE, PartnershipStatus.EXPIRING, PartnershipStatus.EXPIRED):
        raise ValidationError(_("Продлить можно действующее или истёкшее партнёрство."))
    if hasattr(partnership, "renewal") and partnership.renewal is not None:
        raise ValidationError(_("Это партнёрство уже продлено."))
    start = (partnership.valid_until + timedelta(days=1)) if partnership.valid_until else timezone.localdate()
    if not indefinite and (valid_until is None or valid_until < start):
        raise ValidationError(
            errors={
                "valid_until": [_("Новый срок должен заканчиваться не раньше %(d)s") % {"d": ru.format_date(start)}]
            }
        )
    data = {f: getattr(partnership, f) for f in PARTNERSHIP_FIELDS}
    data.update(
        number=number or partnership.number,
        signed_on=timezone.localdate(),
        valid_from=start,
        valid_until=None if indefinite else valid_until,
        indefinite=indefinite,
        achieved_results="",
    )
    parties = [
        {"organization": x.organization, "role": x.role, "signatory": x.signatory, "resources": x.resources}
        for x in partnership.parties.select_related("organization", "signatory")
    ]
    new = partnership_create(
        actor=actor,
        data=data,
        parties=parties,
        directions=list(partnership.directions.all()),
        activate=True,
        previous=partnership,
    )
    _set_status(actor, partnership, PartnershipStatus.RENEWED)
    return new


# --- parties, amendments, attachments --------------------------------------------------------------


@transaction.atomic
def party_add(*, actor: Any, partnership: Partnership, data: Mapping[str, Any]) -> Party:
    require(access.can_edit_partnership(actor, partnership))
    existing = [
        {"organization": x.organization, "role": x.role, "signatory": x.signatory}
        for x in partnership.parties.select_related("organization", "signatory")
    ]
    cleaned = _clean_parties([*existing, data])[-1]
    party = Party.objects.create(partnership=partnership, **cleaned)
    audit_log(
        actor=actor,
        action="partnerships.party.added",
        target=partnership,
        changes={"parties": ["", f"{party.organization.display_name} ({party.get_role_display()})"]},
    )
    return party


@transaction.atomic
def party_remove(*, actor: Any, party: Party) -> None:
    partnership = party.partnership
    require(access.can_edit_partnership(actor, partnership))
    if partnership.parties.count() <= 2:
        raise ValidationError(_("У партнёрства должно остаться не меньше двух сторон."))
    name = party.organization.display_name
    party.delete()
    audit_log(actor=actor, action="partnerships.party.removed", target=partnership, changes={"parties": [name, ""]})


@transaction.atomic
def amendment_add(*, actor: Any, partnership: Partnership, data: Mapping[str, Any]) -> Amendment:
    require(access.can_edit_partnership(actor, partnership))
    return model_create(
        Amendment,
        actor=actor,
        action="partnerships.amendment.created",
        data=data,
        fields=["number", "signed_on", "summary"],
        extra={"partnership": partnership},
    )


@transaction.atomic
def attachment_add(*, actor: Any, partnership: Partnership, data: Mapping[str, Any]) -> Attachment:
    require(access.can_edit_partnership(actor, partnership))
    return model_create(
        Attachment,
        actor=actor,
        action="partnerships.attachment.created",
        data=data,
        fields=["kind", "title", "file"],
        extra={"partnership": partnership},
    )


# --- directions ------------------------------------------------------------------------------------


@transaction.atomic
def direction_create(*, actor: Any, data: Mapping[str, Any]) -> Direction:
    require(access.can_manage_directions(actor))
    return model_create(
        Direction, actor=actor, action="partnerships.direction.created", data=data, fields=DIRECTION_FIELDS
    )


@transaction.atomic
def direction_update(*, actor: Any, direction: Direction, data: Mapping[str, Any]) -> Direction:
    require(access.can_manage_directions(actor))
    direction, _changes = model_update(
        direction, actor=actor, action="partnerships.direction.updated", data=data, fields=DIRECTION_FIELDS
    )
    return direction


# --- the periodic task -----------------------------------------------------------------------------


def _editor_emails(p: Partnership) -> list[str]:
    org_ids = [x.organization_id for x in p.parties.all()]
    emails = (
        RoleAssignment.objects.filter(
            role=RoleAssignment.Role.EDITOR, organization_id__in=org_ids, user__is_active=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted(set(emails))


def _remind(p: Partnership) -> None:
    to = _editor_emails(p)
    if not to:
        return
    subject, body, html = mail_render(
        "partnerships/email/expiring", {"partnership": p, "parties": list(p.parties.select_related("organization"))}
    )
    mail_queue(
        to=to,
        subject=subject,
        body=body,
        html=html,
        topic="partnerships.expiring",
        dedup_key=f"partnerships:expiring:{p.pk}:{p.valid_until}",
    )


def partnership_statuses_refresh(*, today: date | None = None) -> dict[str, int]:
    """Move действует → истекает (``expiring_days()`` before the end, one reminder to the
    parties' editors) → истёк. Idempotent: a second run the same day changes nothing."""
    today = today or timezone.localdate()
    horizon = today + timedelta(days=expiring_days())
    counts = {"expiring": 0, "expired": 0}
    live = Partnership.objects.filter(status__in=[PartnershipStatus.ACTIVE, PartnershipStatus.EXPIRING])
    for p in live.filter(valid_until__lt=today):
        with transaction.atomic():
            _set_status(None, p, PartnershipStatus.EXPIRED)
        counts["expired"] += 1
    for p in live.filter(valid_until__gte=today, valid_until__lte=horizon).prefetch_related("parties"):
        with transaction.atomic():
            if p.status == PartnershipStatus.ACTIVE:
                _set_status(None, p, PartnershipStatus.EXPIRING)
                counts["expiring"] += 1
            if p.reminder_sent_on is None:
                _remind(p)
                p.reminder_sent_on = today
                p.save(update_fields=["reminder_sent_on"])
    return counts


def directions_ensure_defaults() -> None:
    """Create the starting directions that are missing. The migration seeds them; a database
    flushed between tests (the demo server of the browser tests) has lost them."""
    from edcluster.partnerships.directions import DEFAULT_DIRECTIONS

    for i, name in enumerate(DEFAULT_DIRECTIONS, start=1):
        Direction.objects.get_or_create(name=name, defaults={"order": i * 10})
