"""Every write to bodies, meetings, protocols and decisions.

Keyword-only, atomic, validated with Russian messages, audited. An approved protocol is
frozen: its meeting, attendance, agenda and decisions' wording can then only change through a
numbered amendment (``amendment_add``). Decision execution (status, progress, milestones,
evidence) stays open after approval — that is what the decisions are for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from edcluster.core import ru
from edcluster.core.audit import audit_log
from edcluster.core.errors import Conflict, ValidationError
from edcluster.core.services import model_create, model_update
from edcluster.meetings.models import (
    AgendaAttachment,
    AgendaItem,
    Amendment,
    Attendee,
    Body,
    BodyMember,
    Decision,
    Evidence,
    Meeting,
    Milestone,
    SectionResult,
    Speaker,
    Statement,
)
from edcluster.organizations.models import Cluster, Organization, Person

BODY_FIELDS = ["kind", "name", "name_gent", "short_name_gent", "description"]
MEMBER_FIELDS = ["person", "organization", "role", "since", "until"]
MEETING_FIELDS = [
    "number",
    "date",
    "time",
    "place",
    "theme",
    "organizers",
    "chair",
    "secretary",
    "signature_title",
    "attendance_style",
    "attendance_people_unit",
    "attended_count",
    "attended_org_count",
]
ITEM_FIELDS = ["order", "title", "heard"]
DECISION_FIELDS = [
    "item",
    "order",
    "text",
    "addressee_kind",
    "addressee_organization",
    "addressee_group",
    "addressee_person",
    "responsible",
    "due_date",
    "due_month_only",
]
DECISION_PROGRESS_FIELDS = ["status", "progress"]


# --- bodies ---------------------------------------------------------------------------------------


@transaction.atomic
def body_create(*, actor: Any, cluster: Cluster, data: Mapping[str, Any]) -> Body:
    """A council, board or working group of ``cluster``."""

    def unique(body: Body) -> None:
        if Body.objects.filter(cluster=cluster, name=body.name).exists():
            raise ValidationError(errors={"name": [_("В кластере уже есть орган с таким названием.")]})

    return model_create(
        Body,
        actor=actor,
        action="meetings.body.created",
        data=data,
        fields=BODY_FIELDS,
        extra={"cluster": cluster},
        checks=unique,
    )


@transaction.atomic
def body_update(*, actor: Any, body: Body, data: Mapping[str, Any]) -> Body:
    def unique(obj: Body) -> None:
        if Body.objects.filter(cluster_id=obj.cluster_id, name=obj.name).exclude(pk=obj.pk).exists():
            raise ValidationError(errors={"name": [_("В кластере уже есть орган с таким названием.")]})

    body, _changes = model_update(
        body, actor=actor, action="meetings.body.updated", data=data, fields=BODY_FIELDS, checks=unique
    )
    return body


def body_name_gent(body: Body) -> str:
    return body.name_gent or ru.inflect_phrase(body.name, "gent")


def body_short_name_gent(body: Body) -> str:
    return body.short_name_gent or body_name_gent(body)


def _member_rules(member: BodyMember) -> None:
    if member.since and member.until and member.until < member.since:
        raise ValidationError(errors={"until": [_("Дата окончания раньше даты начала.")]})
    overlapping = BodyMember.objects.filter(body_id=member.body_id, person_id=member.person_id).exclude(pk=member.pk)
    for other in overlapping:
        if (other.until is None or member.since is None or other.until >= member.since) and (
            member.until is None or other.since is None or member.until >= other.since
        ):
            raise ValidationError(errors={"person": [_("Этот человек уже входит в орган в эти даты.")]})


@transaction.atomic
def body_member_add(*, actor: Any, body: Body, data: Mapping[str, Any]) -> BodyMember:
    """Add a member (person, the organisation they represent, role, dated membership)."""
    return model_create(
        BodyMember,
        actor=actor,
        action="meetings.member.added",
        data=data,
        fields=MEMBER_FIELDS,
        extra={"body": body},
        checks=_member_rules,
    )


@transaction.atomic
def body_member_update(*, actor: Any, member: BodyMember, data: Mapping[str, Any]) -> BodyMember:
    member, _changes = model_update(
        member, actor=actor, action="meetings.member.updated", data=data, fields=MEMBER_FIELDS, checks=_member_rules
    )
    return member


@transaction.atomic
def body_member_remove(*, actor: Any, member: BodyMember) -> None:
    audit_log(actor=actor, action="meetings.member.removed", target=member.body, note=str(member.person))
    member.delete()


def body_members_on(body: Body, day: date) -> list[BodyMember]:
    return [
        m
        for m in body.members.select_related("person", "organization").order_by("person__last_name")
        if m.active_on(day)
    ]


# --- meetings -------------------------------------------------------------------------------------


def meeting_next_number(*, body: Body, year: int) -> int:
    """The next protocol number of ``body`` in ``year`` (protocols are numbered per year)."""
    last = Meeting.objects.filter(body=body, year=year).aggregate(m=Max("number"))["m"]
    return (last or 0) + 1


def _frozen_check(meeting: Meeting) -> None:
    if meeting.is_frozen:
        raise Conflict(_("Протокол утверждён; изменения вносятся только через нумерованное изменение протокола."))


def _meeting_rules(meeting: Meeting) -> None:
    meeting.year = meeting.date.year
    clash = Meeting.objects.filter(body_id=meeting.body_id, year=meeting.year, number=meeting.number).exclude(
        pk=meeting.pk
    )
    if clash.exists():
        raise ValidationError(
            errors={"number": [_("Протокол № %(n)s за %(y)s год уже есть.") % {"n": meeting.number, "y": meeting.year}]}
        )
    if meeting.attended_org_count and meeting.attended_count and meeting.attended_org_count > meeting.attended_count:
        raise ValidationError(errors={"attended_org_count": [_("Организаций не может быть больше, чем людей.")]})


@transaction.atomic
def meeting_create(*, actor: Any, body: Body, data: Mapping[str, Any], attendees: Iterable[Person] = ()) -> Meeting:
    """A meeting of ``body``; the protocol number defaults to the next one of that year, and the
    chair and secretary default to the members with those roles. ``attendees`` are ticked as
    present (people from the member list)."""
    data = dict(data)
    if not data.get("date"):
        raise ValidationError(errors={"date": [_("Укажите дату заседания.")]})
    if not data.get("number"):
        data["number"] = meeting_next_number(body=body, year=data["date"].year)
    members = body_members_on(body, data["date"])
    for role, field in ((BodyMember.Role.CHAIR, "chair"), (BodyMember.Role.SECRETARY, "secretary")):
        if not data.get(field):
            match = next((m.person for m in members if m.role == role), None)
            if match is not None:
                data[field] = match
    meeting = model_create(
        Meeting,
        actor=actor,
        action="meetings.meeting.created",
        data=data,
        fields=MEETING_FIELDS,
        extra={"body": body, "year": data["date"].year},
        clean_exclude=["year"],
        checks=_meeting_rules,
    )
    people = list(attendees)
    if people:
        attendance_set(actor=actor, meeting=meeting, people=people)
    return meeting


@transaction.atomic
def meeting_update(*, actor: Any, meeting: Meeting, data: Mapping[str, Any]) -> Meeting:
    _frozen_check(meeting)
    meeting, _changes = model_update(
        meeting,
        actor=actor,
        action="meetings.meeting.updated",
        data=data,
        fields=MEETING_FIELDS,
        clean_exclude=["year"],
        checks=_meeting_rules,
    )
    return meeting


@transaction.atomic
def attendance_set(*, actor: Any, meeting: Meeting, people: Iterable[Person]) -> list[Attendee]:
    """Tick who was present from the member list (replaces the members' ticks; guests stay).
    A member's organisation is the one they represent in the body."""
    _frozen_check(meeting)
    people = list(people)
    represented = {m.person_id: m.organization_id for m in meeting.body.members.all()}
    wanted = {p.pk for p in people}
    meeting.attendees.filter(is_guest=False).exclude(person_id__in=wanted).delete()
    have = set(meeting.attendees.filter(person_id__in=wanted).values_list("person_id", flat=True))
    created = []
    for person in people:
        if person.pk in have:
            continue
        org_id = represented.get(person.pk)
        if org_id is None:
            position = person.positions.order_by("-since").first()
            org_id = position.organization_id if position else None
        created.append(Attendee.objects.create(meeting=meeting, person=person, organization_id=org_id))
    audit_log(
        actor=actor,
        action="meetings.attendance.set",
        target=meeting,
        changes={"attendees": [None, sorted(p.full_name for p in people)]},
    )
    return created


@transaction.atomic
def guest_add(
    *, actor: Any, meeting: Meeting, name: str, organization: Organization | None = None, person: Person | None = None
) -> Attendee:
    """An invited guest (not a member), listed separately."""
    _frozen_check(meeting)
    name = " ".join((name or "").split())
    if not name and person is None:
        raise ValidationError(errors={"name": [_("Укажите ФИО приглашённого.")]})
    if person is not None and meeting.attendees.filter(person=person).exists():
        raise ValidationError(errors={"person": [_("Этот человек уже отмечен как присутствующий.")]})
    guest = Attendee.objects.create(meeting=meeting, person=person, organization=organization, name=name, is_guest=True)
    audit_log(actor=actor, action="meetings.guest.added", target=meeting, note=guest.display_name)
    return guest


def attendance_counts(meeting: Meeting) -> tuple[int, int]:
    """(people, organisations) present: the paper count when entered, else the ticks."""
    attendees = list(meeting.attendees.all())
    people = meeting.attended_count if meeting.attended_count is not None else len(attendees)
    orgs = (
        meeting.attended_org_count
        if meeting.attended_org_count is not None
        else len({a.organization_id for a in attendees if a.organization_id})
    )
    return people, orgs


def attendance_sentence_counted(people: int, orgs: int, unit: str = "педагог") -> str:
    """ "15 педагогов из 11 образовательных организаций" — agreement through ``core.ru``."""
    phrase = ru.count_phrase(people, unit)
    if orgs:
        phrase = _("%(people)s из %(orgs)s") % {
            "people": phrase,
            "orgs": ru.count_phrase(orgs, "образовательная организация", "gent"),
        }
    return phrase


def attendance_text(meeting: Meeting) -> str:
    """What follows "Присутствовали:" in the protocol, in the style the organiser chose."""
    style = meeting.attendance_style
    if style == Meeting.AttendanceStyle.NAMED:
        named = [
            (p.last_name, p.first_name, p.short_name) if (p := a.person) is not None else (a.name, "", a.name)
            for a in meeting.attendees.all()
            if not a.is_guest
        ]
        return ", ".join(short for _last, _first, short in sorted(named))
    people, orgs = attendance_counts(meeting)
    if style == Meeting.AttendanceStyle.TOTAL:
        return _("%(people)s (список прилагается)") % {"people": ru.count_phrase(people, "человек")}
    return attendance_sentence_counted(people, orgs, meeting.attendance_people_unit or "педагог")


def guests_text(meeting: Meeting) -> str:
    guests = [a for a in meeting.attendees.all() if a.is_guest]
    return ", ".join(a.person.short_name if a.person is not None else a.name for a in guests)


# --- protocol workflow ----------------------------------------------------------------------------


@transaction.atomic
def protocol_send_for_remarks(*, actor: Any, meeting: Meeting) -> Meeting:
    """Draft → sent to the members for remarks (they can read it; it can still be edited)."""
    if meeting.status != Meeting.Status.DRAFT:
        raise Conflict(_("На замечания можно направить только черновик протокола."))
    if not meeting.items.exists():
        raise ValidationError(_("В протоколе нет ни одного вопроса повестки."))
    meeting.status = Meeting.Status.REMARKS
    meeting.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="meetings.protocol.sent_for_remarks", target=meeting)
    return meeting


@transaction.atomic
def protocol_approve(*, actor: Any, meeting: Meeting) -> Meeting:
    """Approve (freeze) the protocol; later changes only as numbered amendments."""
    if meeting.status == Meeting.Status.APPROVED:
        raise Conflict(_("Протокол уже утверждён."))
    if not meeting.items.exists():
        raise ValidationError(_("В протоколе нет ни одного вопроса повестки."))
    meeting.status = Meeting.Status.APPROVED
    meeting.approved_at = timezone.now()
    meeting.save(update_fields=["status", "approved_at", "updated_at"])
    audit_log(actor=actor, action="meetings.protocol.approved", target=meeting)
    return meeting


@transaction.atomic
def protocol_return_to_draft(*, actor: Any, meeting: Meeting) -> Meeting:
    if meeting.status != Meeting.Status.REMARKS:
        raise Conflict(_("В черновик можно вернуть только протокол, направленный на замечания."))
    meeting.status = Meeting.Status.DRAFT
    meeting.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="meetings.protocol.returned_to_draft", target=meeting)
    return meeting


@transaction.atomic
def amendment_add(*, actor: Any, meeting: Meeting, text: str) -> Amendment:
    """A numbered amendment to an approved protocol."""
    if not meeting.is_frozen:
        raise Conflict(_("Изменения оформляются только к утверждённому протоколу; черновик можно править."))
    text = (text or "").strip()
    if not text:
        raise ValidationError(errors={"text": [_("Напишите текст изменения.")]})
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    number = (meeting.amendments.aggregate(m=Max("number"))["m"] or 0) + 1
    amendment = Amendment.objects.create(
        meeting=meeting, number=number, text=text, created_by=actor if getattr(actor, "pk", None) else None
    )
    audit_log(
        actor=actor,
        action="meetings.protocol.amended",
        target=meeting,
        changes={"amendment": [None, number]},
        note=text,
    )
    return amendment


# --- agenda ---------------------------------------------------------------------------------------


SPEAKER_KEYS = {"person", "name", "position", "organization"}


def _speaker_rows(meeting: Meeting, speakers: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Snapshot each speaker's name, position and organisation as at the meeting."""
    rows = []
    for raw in speakers:
        unknown = set(raw) - SPEAKER_KEYS
        if unknown:
            raise ValidationError(
                errors={"speakers": [_("Неизвестные поля докладчика: %s.") % ", ".join(sorted(unknown))]}
            )
        person = raw.get("person")
        row = {
            "person": person,
            "name": " ".join(str(raw.get("name") or "").split()),
            "position": (raw.get("position") or "").strip(),
            "organization": (raw.get("organization") or "").strip(),
        }
        if person is not None:
            row["name"] = row["name"] or person.full_name
            position = (
                person.positions.select_related("organization")
                .filter(Q(since__isnull=True) | Q(since__lte=meeting.date))
                .filter(Q(until__isnull=True) | Q(until__gte=meeting.date))
                .order_by("-since", "pk")
                .first()
            )
            if position is not None:
                row["position"] = row["position"] or position.title
                row["organization"] = row["organization"] or position.organization.display_name
        if not row["name"]:
            raise ValidationError(errors={"speakers": [_("Укажите ФИО докладчика.")]})
        rows.append(row)
    return rows


def _statement_rows(statements: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    rows = []
    for raw in statements:
        name = " ".join(str(raw.get("name") or "").split())
        text = str(raw.get("text") or "").strip()
        if not name or not text:
            raise ValidationError(errors={"statements": [_("У выступления должны быть и выступающий, и его слова.")]})
        rows.append({"name": name, "text": text})
    return rows


@transaction.atomic
def agenda_item_create(
    *,
    actor: Any,
    meeting: Meeting,
    data: Mapping[str, Any],
    speakers: Iterable[Mapping[str, Any]] = (),
    statements: Iterable[Mapping[str, Any]] = (),
) -> AgendaItem:
    """An agenda item (next number by default) with its speakers and "выступили"."""
    _frozen_check(meeting)
    data = dict(data)
    if not data.get("order"):
        data["order"] = (meeting.items.aggregate(m=Max("order"))["m"] or 0) + 1

    def unique(item: AgendaItem) -> None:
        if AgendaItem.objects.filter(meeting=meeting, order=item.order).exists():
            raise ValidationError(errors={"order": [_("Вопрос с таким номером уже есть в повестке.")]})

    speaker_rows = _speaker_rows(meeting, speakers)
    statement_rows = _statement_rows(statements)
    item = model_create(
        AgendaItem,
        actor=actor,
        action="meetings.item.created",
        data=data,
        fields=ITEM_FIELDS,
        extra={"meeting": meeting},
        checks=unique,
    )
    Speaker.objects.bulk_create(Speaker(item=item, order=i, **row) for i, row in enumerate(speaker_rows))
    Statement.objects.bulk_create(Statement(item=item, order=i, **row) for i, row in enumerate(statement_rows))
    return item


@transaction.atomic
def agenda_item_update(
    *,
    actor: Any,
    item: AgendaItem,
    data: Mapping[str, Any],
    speakers: Iterable[Mapping[str, Any]] | None = None,
    statements: Iterable[Mapping[str, Any]] | None = None,
) -> AgendaItem:
    _frozen_check(item.meeting)
    # Checked before full_clean: the model's unique constraint would answer first, under
    # "__all__" in Django's words; after full_clean no clash is left to find.
    order = data.get("order")
    if order and AgendaItem.objects.filter(meeting_id=item.meeting_id, order=order).exclude(pk=item.pk).exists():
        raise ValidationError(errors={"order": [_("Вопрос с таким номером уже есть в повестке.")]})
    speaker_rows = _speaker_rows(item.meeting, speakers) if speakers is not None else None
    statement_rows = _statement_rows(statements) if statements is not None else None
    item, _changes = model_update(item, actor=actor, action="meetings.item.updated", data=data, fields=ITEM_FIELDS)
    if speaker_rows is not None:
        item.speakers.all().delete()
        Speaker.objects.bulk_create(Speaker(item=item, order=i, **row) for i, row in enumerate(speaker_rows))
    if statement_rows is not None:
        item.statements.all().delete()
        Statement.objects.bulk_create(Statement(item=item, order=i, **row) for i, row in enumerate(statement_rows))
    return item


@transaction.atomic
def agenda_item_delete(*, actor: Any, item: AgendaItem) -> None:
    """Remove an agenda item from a protocol that is not approved. An item with decisions is
    refused: its decisions would silently become decisions "по заседанию в целом" with clashing
    numbers, so the secretary deletes or moves them first."""
    _frozen_check(item.meeting)
    numbers = [d.number for d in item.decisions.select_related("item").order_by("order")]
    if numbers:
        raise Conflict(
            _("По этому вопросу есть решения (%(numbers)s): сначала удалите их или отнесите к другому вопросу.")
            % {"numbers": ", ".join(numbers)}
        )
    audit_log(actor=actor, action="meetings.item.deleted", target=item.meeting, note=item.title)
    item.delete()


MAX_ATTACHMENTS_PER_ITEM = 20


@transaction.atomic
def agenda_attachment_add(*, actor: Any, item: AgendaItem, name: str, data: bytes) -> AgendaAttachment:
    """Attach a file to an agenda item of a protocol that is not approved. The file is checked
    by its content (PDF, DOCX, XLSX, PPTX, PNG, JPEG, GIF; not over the upload limit; no
    executables or scripts) — refused with a Russian message and nothing stored."""
    from edcluster.practices.uploads import check_upload

    _frozen_check(item.meeting)
    name = " ".join((name or "").replace("/", " ").replace("\\", " ").split())[:200] or "файл"
    if item.attachments.count() >= MAX_ATTACHMENTS_PER_ITEM:
        raise ValidationError(
            errors={"file": [_("К вопросу можно приложить не больше %s файлов.") % MAX_ATTACHMENTS_PER_ITEM]}
        )
    checked = check_upload(name, data)
    attachment = AgendaAttachment(
        item=item,
        name=name,
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    attachment.file.save(f"item-{item.pk}.{checked.kind}", ContentFile(data), save=False)
    attachment.save()
    audit_log(actor=actor, action="meetings.attachment.added", target=item.meeting, note=name)
    return attachment


@transaction.atomic
def agenda_attachment_delete(*, actor: Any, attachment: AgendaAttachment) -> None:
    _frozen_check(attachment.item.meeting)
    audit_log(actor=actor, action="meetings.attachment.deleted", target=attachment.item.meeting, note=attachment.name)
    stored = attachment.file.name
    storage = attachment.file.storage
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(stored))


# --- decisions ------------------------------------------------------------------------------------


def _decision_rules(decision: Decision) -> None:
    kind = decision.addressee_kind
    K = Decision.AddresseeKind
    if kind == K.ORGANIZATION and decision.addressee_organization_id is None:
        raise ValidationError(errors={"addressee_organization": [_("Выберите организацию-адресата.")]})
    if kind == K.GROUP and not decision.addressee_group.strip():
        raise ValidationError(errors={"addressee_group": [_("Укажите группу-адресата, например «педагоги».")]})
    if kind == K.PERSON and decision.addressee_person_id is None:
        raise ValidationError(errors={"addressee_person": [_("Выберите человека-адресата.")]})
    if decision.due_month_only and decision.due_date is None:
        raise ValidationError(errors={"due_date": [_("Укажите месяц срока.")]})
    if decision.due_month_only and decision.due_date is not None:
        decision.due_date = decision.due_date.replace(day=1)
    item = decision.item
    if item is not None and decision.meeting_id and item.meeting_id != decision.meeting_id:
        raise ValidationError(errors={"item": [_("Этот вопрос относится к другому заседанию.")]})
    clash = Decision.objects.filter(meeting=decision.meeting, item=item, order=decision.order).exclude(pk=decision.pk)
    if decision.meeting_id and clash.exists():
        raise ValidationError(errors={"order": [_("Решение с номером %s уже есть.") % decision.number]})


def _next_decision_order(meeting: Meeting | None, item: AgendaItem | None) -> int:
    if meeting is None:
        return 1
    qs = Decision.objects.filter(meeting=meeting, item=item)
    return (qs.aggregate(m=Max("order"))["m"] or 0) + 1


@transaction.atomic
def decision_create(
    *,
    actor: Any,
    data: Mapping[str, Any],
    meeting: Meeting | None = None,
    cluster: Cluster | None = None,
    body: Body | None = None,
    section: Any = None,
) -> Decision:
    """A decision of ``meeting`` (numbered per item "1.1" or for the whole meeting "1"), or a
    recommendation outside a meeting (``cluster`` and optional ``body``) — e.g. of a section,
    addressed to a group such as "Управление образования"."""
    if meeting is not None:
        _frozen_check(meeting)
        body = meeting.body
        cluster = body.cluster
    elif body is not None:
        cluster = body.cluster
    elif section is not None:
        cluster = section.event.cluster
    if cluster is None:
        raise ValidationError(_("Решение должно относиться к заседанию или кластеру."))
    data = dict(data)
    if not data.get("order"):
        if section is not None:
            data["order"] = (Decision.objects.filter(section=section).aggregate(m=Max("order"))["m"] or 0) + 1
        else:
            data["order"] = _next_decision_order(meeting, data.get("item"))
    return model_create(
        Decision,
        actor=actor,
        action="meetings.decision.created",
        data=data,
        fields=DECISION_FIELDS,
        extra={"meeting": meeting, "cluster": cluster, "body": body, "section": section},
        checks=_decision_rules,
    )


@transaction.atomic
def decision_update(*, actor: Any, decision: Decision, data: Mapping[str, Any]) -> Decision:
    """Change the wording, addressee, responsible or due date (not after approval)."""
    if decision.meeting is not None:
        _frozen_check(decision.meeting)
    decision, _changes = model_update(
        decision,
        actor=actor,
        action="meetings.decision.updated",
        data=data,
        fields=DECISION_FIELDS,
        checks=_decision_rules,
    )
    return decision


@transaction.atomic
def decision_delete(*, actor: Any, decision: Decision) -> None:
    """Delete a decision of a protocol that is not approved (or a recommendation outside a
    meeting). A decision with evidence of its execution (an event held for it, a document, a
    link) is refused, not deleted: that record is what the cluster reports on, so the careful
    way is to set it "отменено", which keeps the history and the evidence."""
    if decision.meeting is not None:
        _frozen_check(decision.meeting)
    if decision.evidence.exists():
        raise Conflict(
            _(
                "У решения %(number)s есть подтверждения выполнения — удалить его нельзя. "
                "Если решение больше не нужно, установите состояние «отменено»."
            )
            % {"number": decision.number}
        )
    audit_log(actor=actor, action="meetings.decision.deleted", target=decision.cluster, note=decision.text[:200])
    decision.delete()


@transaction.atomic
def decision_progress(*, actor: Any, decision: Decision, data: Mapping[str, Any]) -> Decision:
    """Report execution: status and progress %. "Done" sets 100 %; 100 % sets "done"."""
    data = dict(data)
    S = Decision.Status
    if data.get("status") == S.DONE:
        data.setdefault("progress", 100)
    elif data.get("progress") == 100 and data.get("status") in (None, S.PLANNED, S.IN_PROGRESS, S.OVERDUE):
        data["status"] = S.DONE
    elif data.get("progress") and decision.status == S.PLANNED and "status" not in data:
        data["status"] = S.IN_PROGRESS

    def rules(obj: Decision) -> None:
        if obj.progress > 100:
            raise ValidationError(errors={"progress": [_("Выполнение не может быть больше 100 %.")]})
        obj.done_at = timezone.localdate() if obj.status == S.DONE else None

    decision, _changes = model_update(
        decision,
        actor=actor,
        action="meetings.decision.progress",
        data=data,
        fields=DECISION_PROGRESS_FIELDS,
        checks=rules,
    )
    return decision


@transaction.atomic
def milestone_add(*, actor: Any, decision: Decision, title: str, due_date: date | None = None) -> Milestone:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError(errors={"title": [_("Назовите этап.")]})
    order = (decision.milestones.aggregate(m=Max("order"))["m"] or 0) + 1
    milestone = Milestone.objects.create(decision=decision, order=order, title=title, due_date=due_date)
    audit_log(actor=actor, action="meetings.milestone.added", target=decision, note=title)
    return milestone


@transaction.atomic
def milestone_set_done(*, actor: Any, milestone: Milestone, done: bool) -> Milestone:
    if milestone.done != done:
        milestone.done = done
        milestone.save(update_fields=["done"])
        audit_log(
            actor=actor,
            action="meetings.milestone.done" if done else "meetings.milestone.reopened",
            target=milestone.decision,
            note=milestone.title,
        )
    return milestone


@transaction.atomic
def evidence_add(
    *,
    actor: Any,
    decision: Decision,
    kind: str,
    title: str,
    object_id: int | None = None,
    url: str = "",
    mark_done: bool = False,
) -> Evidence:
    """Attach what shows the decision was carried out (an event, a document, a partnership, a
    link). ``mark_done`` also sets the decision done (e.g. the event was held)."""
    if kind not in Evidence.Kind.values:
        raise ValidationError(errors={"kind": [_("Неизвестный вид подтверждения.")]})
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError(errors={"title": [_("Назовите подтверждение.")]})
    if kind == Evidence.Kind.LINK and not url:
        raise ValidationError(errors={"url": [_("Укажите адрес ссылки.")]})
    if kind != Evidence.Kind.LINK and object_id is None and not url:
        raise ValidationError(errors={"object_id": [_("Укажите запись, которая подтверждает выполнение.")]})
    if object_id is not None and decision.evidence.filter(kind=kind, object_id=object_id).exists():
        raise ValidationError(errors={"object_id": [_("Эта запись уже прикреплена к решению.")]})
    evidence = Evidence.objects.create(decision=decision, kind=kind, title=title, object_id=object_id, url=url)
    audit_log(actor=actor, action="meetings.evidence.added", target=decision, note=title)
    if mark_done and decision.status != Decision.Status.DONE:
        decision_progress(actor=actor, decision=decision, data={"status": Decision.Status.DONE})
    return evidence


@transaction.atomic
def evidence_fulfilled(*, actor: Any, kind: str, object_id: int) -> list[Decision]:
    """The linked record was carried out (e.g. the "Методический поезд" event was held): every
    open decision with that evidence becomes done. The hook another app calls; returns them."""
    open_statuses = [Decision.Status.PLANNED, Decision.Status.IN_PROGRESS, Decision.Status.OVERDUE]
    decisions = list(
        Decision.objects.filter(evidence__kind=kind, evidence__object_id=object_id, status__in=open_statuses)
    )
    for decision in decisions:
        decision_progress(actor=actor, decision=decision, data={"status": Decision.Status.DONE})
    return decisions


@transaction.atomic
def evidence_remove(*, actor: Any, evidence: Evidence) -> None:
    audit_log(actor=actor, action="meetings.evidence.removed", target=evidence.decision, note=evidence.title)
    evidence.delete()


def decision_due_text(decision: Decision) -> str:
    """ "в марте 2025 года" for a month, "до 15 марта 2025 г." for a date, "" without a due."""
    if decision.due_date is None:
        return ""
    if decision.due_month_only:
        d = decision.due_date
        return _("в %(month)s %(year)s года") % {"month": ru.MONTHS_PREP[d.month - 1], "year": d.year}
    return _("до %s") % ru.format_date(decision.due_date)


# --- the scheduled sweep --------------------------------------------------------------------------


@transaction.atomic
def decisions_mark_overdue(*, today: date | None = None) -> list[int]:
    """Set "overdue" on every open decision whose deadline has passed; returns their ids."""
    today = today or timezone.localdate()
    open_statuses = [Decision.Status.PLANNED, Decision.Status.IN_PROGRESS]
    late = [
        d
        for d in Decision.objects.filter(status__in=open_statuses, due_date__isnull=False).select_related("item")
        if d.deadline is not None and d.deadline < today
    ]
    ids = [d.pk for d in late]
    if ids:
        Decision.objects.filter(pk__in=ids).update(status=Decision.Status.OVERDUE, updated_at=timezone.now())
        for d in late:
            audit_log(
                actor=None, action="meetings.decision.overdue", target=d, changes={"status": [d.status, "overdue"]}
            )
    return ids


# --- the meeting as an event (registration and check-in from the events capability) -------------


@transaction.atomic
def meeting_link_event(*, actor: Any, meeting: Meeting, event: Any) -> Meeting:
    """Link the meeting to the event of kind "council meeting" that registered its participants."""
    from edcluster.events.models import EventKind

    _frozen_check(meeting)
    if event.cluster_id != meeting.body.cluster_id:
        raise ValidationError(errors={"event": [_("Мероприятие другого кластера нельзя связать с заседанием.")]})
    if event.kind != EventKind.COUNCIL:
        raise ValidationError(
            errors={"event": [_("С заседанием связывается только мероприятие вида «заседание совета».")]}
        )
    other = Meeting.objects.filter(event=event).exclude(pk=meeting.pk).first()
    if other is not None:
        raise Conflict(_("Это мероприятие уже связано с заседанием (протокол № %(n)s).") % {"n": other.number})
    meeting, _changes = model_update(
        meeting,
        actor=actor,
        action="meetings.meeting.event_linked",
        data={"event": event},
        fields=["event"],
        clean_exclude=["year"],
    )
    return meeting


@transaction.atomic
def meeting_attendance_from_event(*, actor: Any, meeting: Meeting) -> Meeting:
    """Count the present from the check-in of the linked event: people checked in and the
    organisations they came from ("15 педагогов из 11 образовательных организаций")."""
    from edcluster.events.models import Registration

    _frozen_check(meeting)
    if meeting.event_id is None:
        raise Conflict(_("Заседание не связано с мероприятием: отметок о присутствии нет."))
    present = Registration.objects.filter(event_id=meeting.event_id, checked_in_at__isnull=False)
    people = present.count()
    if people == 0:
        raise Conflict(_("На мероприятии ещё никто не отмечен как присутствующий."))
    organisations = len(
        {
            r.organization_id or r.organization_name.strip().lower()
            for r in present.only("organization", "organization_name")
        }
    )
    meeting, _changes = model_update(
        meeting,
        actor=actor,
        action="meetings.meeting.attendance_from_event",
        data={"attended_count": people, "attended_org_count": organisations},
        fields=["attended_count", "attended_org_count"],
        clean_exclude=["year"],
        checks=_meeting_rules,
    )
    return meeting


FOLLOW_UP_EVENT_FIELDS = {"title", "kind", "format", "starts_on", "ends_on", "venue_organization", "address"}


@transaction.atomic
def decision_create_event(*, actor: Any, decision: Decision, data: Mapping[str, Any]) -> Any:
    """Create the event that fulfils ``decision`` (e.g. the «Методический поезд» of decision 4)
    in one step: a draft event of the decision's cluster, pre-filled from the decision (its text
    as the goal, its due date or month as the date, kind «методический поезд» unless another is
    given), linked as its evidence and the decision set "in progress". Holding the event closes
    the decision through ``events.signals.event_held``."""
    from edcluster.events import services as events
    from edcluster.events.models import EventKind

    if decision.status in (Decision.Status.DONE, Decision.Status.CANCELLED):
        raise Conflict(_("Решение уже выполнено или отменено: новое мероприятие по нему не создаётся."))
    unknown = set(data) - FOLLOW_UP_EVENT_FIELDS
    if unknown:
        raise ValidationError(_("Неизвестные поля мероприятия: %s.") % ", ".join(sorted(unknown)))
    fields = {k: v for k, v in data.items() if v not in (None, "")}
    fields.setdefault("kind", EventKind.METHODICAL_TRAIN)
    if not fields.get("title"):
        label = dict(EventKind.choices).get(fields["kind"], "")
        fields["title"] = str(label)[:1].upper() + str(label)[1:]
    if not fields.get("starts_on"):
        if decision.due_date is None:
            raise ValidationError(errors={"starts_on": [_("Укажите дату мероприятия: у решения нет срока.")]})
        fields["starts_on"] = decision.due_date
    fields["goal"] = decision.text.strip()
    event = events.event_create(actor=actor, cluster=decision.cluster, data=fields)
    evidence_add(actor=actor, decision=decision, kind=Evidence.Kind.EVENT, object_id=event.pk, title=event.title)
    if decision.status in (Decision.Status.PLANNED, Decision.Status.OVERDUE):
        decision_progress(actor=actor, decision=decision, data={"status": Decision.Status.IN_PROGRESS})
    return event


def on_event_held(*, actor: Any, event: Any) -> None:
    """An event was held: the decisions it fulfils (linked as evidence) are done."""
    evidence_fulfilled(actor=actor, kind=Evidence.Kind.EVENT, object_id=event.pk)


# --- section results ------------------------------------------------------------------------------

SECTION_RESULT_FIELDS = ["participants_unit", "participants_place", "summary", "outputs"]

ORIENTATION_PHRASES = {
    "general": "общеразвивающего вида",
    "compensating": "коррекционной направленности",
    "combined": "комбинированного вида",
}


@transaction.atomic
def section_result_save(*, actor: Any, section: Any, data: Mapping[str, Any]) -> SectionResult:
    """Create or update the results of ``section`` (who took part, what was produced)."""
    data = dict(data)
    if "participants_unit" in data:
        data["participants_unit"] = " ".join(str(data["participants_unit"] or "").split()) or "участник"
    existing = SectionResult.objects.filter(section=section).first()
    if existing is None:
        return model_create(
            SectionResult,
            actor=actor,
            action="meetings.section_result.created",
            data=data,
            fields=SECTION_RESULT_FIELDS,
            extra={"section": section},
        )
    result, _changes = model_update(
        existing, actor=actor, action="meetings.section_result.updated", data=data, fields=SECTION_RESULT_FIELDS
    )
    return result


def section_counts(section: Any) -> dict[str, Any]:
    """Participants of the section's event counted from its registrations: the people (checked
    in when anyone was checked in, else confirmed), their organisations by kind, and the
    kindergartens by orientation — the blanks of the section results sample.

    Registrations belong to the event, not to a section: for an event with several sections
    these are the event's numbers (exact for an event of kind «секция»)."""
    from edcluster.events.models import Registration, RegistrationStatus
    from edcluster.organizations.models import OrganizationKind

    confirmed = Registration.objects.filter(event_id=section.event_id, status=RegistrationStatus.CONFIRMED)
    checked_in = confirmed.filter(checked_in_at__isnull=False)
    present = checked_in if checked_in.exists() else confirmed
    rows = list(present.select_related("organization").only("organization", "organization_name"))
    orgs = {}
    for r in rows:
        key = r.organization_id or r.organization_name.strip().casefold()
        orgs[key] = r.organization
    by_kind: dict[str, int] = {}
    by_orientation: dict[str, int] = {}
    for org in orgs.values():
        kind = org.kind if org is not None else ""
        by_kind[kind] = by_kind.get(kind, 0) + 1
        if org is not None and kind == OrganizationKind.KINDERGARTEN and org.kindergarten_orientation:
            by_orientation[org.kindergarten_orientation] = by_orientation.get(org.kindergarten_orientation, 0) + 1
    kind_labels = dict(OrganizationKind.choices)
    return {
        "people": len(rows),
        "organizations": len(orgs),
        "checked_in": present is checked_in,
        "by_kind": [
            {"kind": str(kind_labels.get(k, _("вид не указан"))), "count": n}
            for k, n in sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "kindergartens": [
            {
                "orientation": k,
                "text": f"{ru.count_phrase(n, 'детский сад')} {ORIENTATION_PHRASES[k]}",
                "count": n,
            }
            for k, n in sorted(by_orientation.items())
            if k in ORIENTATION_PHRASES
        ],
    }


def section_participants_verb(people: int) -> str:
    """ "принял участие" after 1, 21, 31…, "приняли участие" otherwise (before the
    participants' count) — agreement through ``core.ru``."""
    return ru.plural_form(people, "принял участие", "приняли участие", "приняли участие")


def section_participants_text(
    section: Any, result: SectionResult | None, *, counts: Mapping[str, Any] | None = None
) -> str:
    """ "12 заведующих ДОУ города Набережные Челны" (after "приняли участие") — agreement
    through ``core.ru``. Pass the ``section_counts`` the caller already has (they cost two
    queries over the event's registrations)."""
    if counts is None:
        counts = section_counts(section)
    unit = result.participants_unit if result is not None else "участник"
    phrase = ru.count_phrase(counts["people"], unit)
    place = result.participants_place.strip() if result is not None else ""
    return f"{phrase} {place}".strip()


@transaction.atomic
def section_recommendation_add(
    *, actor: Any, section: Any, data: Mapping[str, Any], steps: Iterable[str] = ()
) -> Decision:
    """A recommendation of the section: a decision addressed to a group or an organisation (the
    sample's «Управление образования», «Дошкольные образовательные организации»), numbered
    within the section, with its ordered steps as milestones."""
    data = dict(data)
    if not data.get("addressee_kind"):
        raise ValidationError(errors={"addressee_kind": [_("Укажите, кому адресована рекомендация.")]})
    decision = decision_create(actor=actor, data=data, section=section)
    for step in steps:
        if str(step).strip():
            milestone_add(actor=actor, decision=decision, title=str(step))
    return decision


def section_recommendations(section: Any) -> list[dict[str, Any]]:
    """Recommendations grouped by addressee, in the order the addressees first appear."""
    groups: dict[str, list[Decision]] = {}
    decisions = (
        Decision.objects.filter(section=section)
        .exclude(status=Decision.Status.CANCELLED)
        .select_related("addressee_organization", "addressee_person")
        .prefetch_related("milestones")
        .order_by("order", "pk")
    )
    for d in decisions:
        groups.setdefault(d.addressee_display or _("Без адресата"), []).append(d)
    return [{"addressee": name, "decisions": items} for name, items in groups.items()]
