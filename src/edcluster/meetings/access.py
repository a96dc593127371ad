"""Who may do what with bodies, meetings, protocols and decisions — answered only here.

- A body (its members and approved protocols) is read by the cluster's coordinators and
  viewers, by its members (their user accounts) and by editors of the organisations its
  members represent.
- A draft protocol is read only by those who edit it (coordinators, the body's chair and
  secretary); once sent for remarks the body's members read it too. Another organisation's
  editor who is not on the body never sees it.
- Decisions are read with their meeting; an organisation's editor also reads the decisions
  addressed to that organisation, and reports their execution.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from edcluster.core.errors import NotFound, PermissionDenied
from edcluster.meetings.models import AgendaAttachment, AgendaItem, Body, BodyMember, Decision, Meeting
from edcluster.organizations.access import can_view_cluster, roles_of
from edcluster.organizations.models import Cluster


def _membership(user: Any, body: Body) -> tuple[bool, bool]:
    """(is a member, is chair or secretary) — cached per user and body for the request."""
    r = roles_of(user)
    if not r.is_authenticated:
        return False, False
    key = ("body", body.pk)
    if key not in r._cache:
        rows = list(
            BodyMember.objects.filter(body_id=body.pk)
            .filter(Q(person__user_id=r.user_id) | Q(organization_id__in=r.editor_orgs))
            .values_list("person__user_id", "organization_id", "role")
        )
        member = bool(rows)
        officer = any(
            uid == r.user_id and role in (BodyMember.Role.CHAIR, BodyMember.Role.SECRETARY) for uid, _o, role in rows
        )
        r._cache[key] = (member, officer)
    return r._cache[key]


def can_view_body(user: Any, body: Body) -> bool:
    r = roles_of(user)
    if r.is_admin or r.viewer_global or body.cluster_id in r.readable_clusters:
        return True
    return _membership(user, body)[0]


def can_create_body(user: Any, cluster: Cluster) -> bool:
    r = roles_of(user)
    return r.is_admin or cluster.pk in r.coordinator_clusters


def can_edit_body(user: Any, body: Body) -> bool:
    """Manage members, meetings, protocols: coordinators and the body's chair or secretary."""
    r = roles_of(user)
    if r.is_admin or body.cluster_id in r.coordinator_clusters:
        return True
    return _membership(user, body)[1]


def can_view_meeting(user: Any, meeting: Meeting) -> bool:
    body = meeting.body
    if meeting.status == Meeting.Status.APPROVED:
        return can_view_body(user, body)
    if can_edit_body(user, body):
        return True
    return meeting.status == Meeting.Status.REMARKS and _membership(user, body)[0]


def can_edit_meeting(user: Any, meeting: Meeting) -> bool:
    return can_edit_body(user, meeting.body)


def can_view_decision(user: Any, decision: Decision) -> bool:
    if decision.meeting_id:
        if can_view_meeting(user, decision.meeting):
            return True
        if decision.meeting.status != Meeting.Status.APPROVED:
            return False
    elif decision.body_id and can_view_body(user, decision.body):
        return True
    r = roles_of(user)
    if r.is_admin or r.viewer_global or decision.cluster_id in r.readable_clusters:
        return True
    return bool(decision.addressee_organization_id and decision.addressee_organization_id in r.editor_orgs) or bool(
        r.user_id and decision.responsible_id and decision.responsible.user_id == r.user_id
    )


def can_edit_decision(user: Any, decision: Decision) -> bool:
    """Change the wording (while the protocol is not approved)."""
    r = roles_of(user)
    if decision.body_id:
        return can_edit_body(user, decision.body)
    return r.is_admin or decision.cluster_id in r.coordinator_clusters


def can_report_decision(user: Any, decision: Decision) -> bool:
    """Report execution (status, progress, milestones, evidence): editors of the decision, the
    responsible person, editors of the addressee organisation."""
    if can_edit_decision(user, decision):
        return True
    r = roles_of(user)
    if decision.addressee_organization_id and decision.addressee_organization_id in r.editor_orgs:
        return True
    return bool(r.user_id and decision.responsible_id and decision.responsible.user_id == r.user_id)


def can_create_decision_event(user: Any, decision: Decision) -> bool:
    """Create the follow-up event of a decision: report its execution and manage the events of
    its cluster."""
    from edcluster.events.access import can_manage_cluster_events

    return can_report_decision(user, decision) and can_manage_cluster_events(user, decision.cluster)


# --- querysets ------------------------------------------------------------------------------------


def visible_bodies(user: Any, qs: QuerySet[Body] | None = None) -> QuerySet[Body]:
    qs = qs if qs is not None else Body.objects.all()
    r = roles_of(user)
    if r.is_admin or r.viewer_global:
        return qs
    if not r.is_authenticated:
        return qs.none()
    member = Q(members__person__user_id=r.user_id) | Q(members__organization_id__in=r.editor_orgs)
    return qs.filter(Q(cluster_id__in=r.readable_clusters) | member).distinct()


def visible_decisions(user: Any, qs: QuerySet[Decision] | None = None) -> QuerySet[Decision]:
    """Decisions the user may read (drafts only for those who edit or, on remarks, members)."""
    qs = qs if qs is not None else Decision.objects.all()
    r = roles_of(user)
    if r.is_admin:
        return qs
    if not r.is_authenticated:
        return qs.none()
    approved_or_free = Q(meeting__isnull=True) | Q(meeting__status=Meeting.Status.APPROVED)
    bodies = visible_bodies(user).values("pk")
    officer_bodies = Body.objects.filter(
        Q(cluster_id__in=r.coordinator_clusters)
        | Q(members__person__user_id=r.user_id, members__role__in=[BodyMember.Role.CHAIR, BodyMember.Role.SECRETARY])
    ).values("pk")
    member_bodies = Body.objects.filter(
        Q(members__person__user_id=r.user_id) | Q(members__organization_id__in=r.editor_orgs)
    ).values("pk")
    readable = (
        Q(body_id__in=officer_bodies)
        | Q(cluster_id__in=r.coordinator_clusters)
        | (Q(meeting__status=Meeting.Status.REMARKS) & Q(body_id__in=member_bodies))
        | (
            approved_or_free
            & (
                Q(body_id__in=bodies)
                | Q(cluster_id__in=r.readable_clusters)
                | Q(addressee_organization_id__in=r.editor_orgs)
                | Q(responsible__user_id=r.user_id)
                | Q(pk__in=[] if not r.viewer_global else Decision.objects.values("pk"))
            )
        )
    )
    return qs.filter(readable).distinct()


# --- find-and-check helpers -----------------------------------------------------------------------


def _pk(value: Any) -> int | None:
    return int(value) if str(value).isdigit() else None


def access_body(user: Any, pk: Any, *, edit: bool = False) -> Body:
    body = Body.objects.select_related("cluster").filter(pk=_pk(pk)).first()
    if body is None or not can_view_body(user, body):
        raise NotFound()
    if edit and not can_edit_body(user, body):
        raise PermissionDenied()
    return body


def access_meeting(user: Any, pk: Any, *, edit: bool = False) -> Meeting:
    meeting = Meeting.objects.select_related("body__cluster", "chair", "secretary").filter(pk=_pk(pk)).first()
    if meeting is None or not can_view_meeting(user, meeting):
        raise NotFound()
    if edit and not can_edit_meeting(user, meeting):
        raise PermissionDenied()
    return meeting


def access_item(user: Any, pk: Any, *, edit: bool = False) -> AgendaItem:
    """An agenda item, read with its meeting (404 when the meeting is not readable)."""
    item = AgendaItem.objects.select_related("meeting__body__cluster").filter(pk=_pk(pk)).first()
    if item is None or not can_view_meeting(user, item.meeting):
        raise NotFound()
    if edit and not can_edit_meeting(user, item.meeting):
        raise PermissionDenied()
    return item


def access_attachment(user: Any, pk: Any, *, edit: bool = False) -> AgendaAttachment:
    """An agenda item's file: downloaded by whoever may read the protocol (a draft's files only
    by those who may read the draft)."""
    attachment = AgendaAttachment.objects.select_related("item__meeting__body__cluster").filter(pk=_pk(pk)).first()
    if attachment is None or not can_view_meeting(user, attachment.item.meeting):
        raise NotFound()
    if edit and not can_edit_meeting(user, attachment.item.meeting):
        raise PermissionDenied()
    return attachment


def access_decision(user: Any, pk: Any, *, edit: bool = False, report: bool = False) -> Decision:
    decision = (
        Decision.objects.select_related(
            "meeting__body", "body", "item", "addressee_organization", "addressee_person", "responsible"
        )
        .filter(pk=_pk(pk))
        .first()
    )
    if decision is None or not can_view_decision(user, decision):
        raise NotFound()
    if edit and not can_edit_decision(user, decision):
        raise PermissionDenied()
    if report and not can_report_decision(user, decision):
        raise PermissionDenied()
    return decision


def access_cluster_for_bodies(user: Any, cluster: Cluster) -> Cluster:
    if not can_view_cluster(user, cluster):
        raise NotFound()
    return cluster


# --- section results ------------------------------------------------------------------------------


def access_section(user: Any, pk: Any, *, edit: bool = False) -> Any:
    """A section of an event, for its results: read by whoever reads the event (results are
    public like the programme), written by those who manage the event."""
    from edcluster.events.access import can_manage_event, can_view_event
    from edcluster.events.models import Section

    section = Section.objects.select_related("event__cluster").filter(pk=_pk(pk)).first()
    if section is None or not can_view_event(user, section.event):
        raise NotFound()
    if edit and not can_manage_event(user, section.event):
        raise PermissionDenied()
    return section


def can_edit_section(user: Any, section: Any) -> bool:
    from edcluster.events.access import can_manage_event

    return can_manage_event(user, section.event)
