"""Services of the import app.

Reading and extracting (``extract_file``) write nothing. Uploading a batch
(``batch_create``) keeps the original files and queues ``tasks.process_batch``, which reads and
extracts each file (one bad file is marked with its Russian reason and never stops the batch)
and builds a *proposal*: the meeting or event with its agenda and decisions, the people and
organisations, each matched to the registry or proposed as new. ``file_accept`` creates what the
reviewer kept, in one transaction, through the other apps' services (their audit included), and
links the file to every created or matched record as its source document.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from edcluster.core import ru
from edcluster.core.access import require
from edcluster.core.audit import audit_log
from edcluster.core.errors import DomainError, PermissionDenied, ValidationError
from edcluster.core.faults import batch_item_pause
from edcluster.imports import access
from edcluster.imports.cleanup import clean_text
from edcluster.imports.extract import extract_document, extract_text
from edcluster.imports.matching import match_person, org_key
from edcluster.imports.models import ImportBatch, ImportedFile, ImportedRecord
from edcluster.imports.readers import MAX_FILE_BYTES, ReadError, read_document, read_file
from edcluster.organizations.models import Cluster, Organization, OrganizationKind, Person

logger = logging.getLogger(__name__)

MAX_FILES_PER_BATCH = 50
ACTIONS = ("match", "new", "skip")


def extract_file(path: str | Path) -> dict[str, Any]:
    """Read the file at *path* and extract it; raises ``ReadError`` with the Russian reason."""
    path = Path(path)
    return extract_text(read_file(path), file=path.name)


# --- upload and processing ------------------------------------------------------------------------


@transaction.atomic
def batch_create(
    *, actor: Any, cluster: Cluster, organization: Organization | None, uploads: Iterable[tuple[str, bytes]]
) -> ImportBatch:
    """Keep the uploaded files of one batch and queue their processing."""
    require(access.can_import(actor, cluster, organization), _("Вы не можете загружать документы в этот кластер."))
    uploads = list(uploads)
    if not uploads:
        raise ValidationError(errors={"files": [_("Выберите хотя бы один файл.")]})
    if len(uploads) > MAX_FILES_PER_BATCH:
        raise ValidationError(
            errors={"files": [_("За один раз можно загрузить не больше %d файлов.") % MAX_FILES_PER_BATCH]}
        )
    batch = ImportBatch.objects.create(cluster=cluster, organization=organization, created_by=actor, total=len(uploads))
    for name, data in uploads:
        name = Path(name or "документ").name[:200] or "документ"
        item = ImportedFile(batch=batch, name=name, size=len(data), sha256=hashlib.sha256(data).hexdigest())
        if len(data) > MAX_FILE_BYTES:
            # Not kept: the reader would refuse it anyway; the reason is shown next to the name.
            item.status = ImportedFile.Status.FAILED
            item.error = _("Файл «%(name)s» больше допустимых %(mb)d МБ.") % {
                "name": name,
                "mb": MAX_FILE_BYTES // (1024 * 1024),
            }
        else:
            item.file.save(name, ContentFile(data), save=False)
        item.save()
    audit_log(actor=actor, action="imports.batch.created", target=batch, note=ru.count_phrase(len(uploads), "файл"))
    from edcluster.imports.tasks import process_batch

    transaction.on_commit(lambda: process_batch.delay(batch.pk))
    return batch


def batch_process(batch_id: int) -> ImportBatch:
    """Read and extract every pending file of the batch; progress is saved after each file.

    Resumable and idempotent: a rerun (the worker was killed, the task came back, or
    ``batches_resume_stalled`` queued it again) reads only the files still pending. Each file is
    read under a row lock in its own transaction, so two runs at once never read the same file and
    a run killed mid-file leaves that file pending, with nothing half-written."""
    batch = ImportBatch.objects.select_related("cluster").get(pk=batch_id)
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.PROCESSING,
        processed=batch.files.exclude(status=ImportedFile.Status.PENDING).count(),
        updated_at=timezone.now(),
    )
    pending = list(batch.files.filter(status=ImportedFile.Status.PENDING).values_list("pk", flat=True))
    for index, pk in enumerate(pending):
        batch_item_pause(index)
        with transaction.atomic():
            item = (
                ImportedFile.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("batch", "batch__cluster")
                .filter(pk=pk, status=ImportedFile.Status.PENDING)
                .first()
            )
            if item is None:  # read meanwhile by another run
                continue
            file_process(item)
            ImportBatch.objects.filter(pk=batch.pk).update(processed=F("processed") + 1, updated_at=timezone.now())
    if not batch.files.filter(status=ImportedFile.Status.PENDING).exists():
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportBatch.Status.DONE, processed=batch.total, updated_at=timezone.now()
        )
    batch.refresh_from_db()
    return batch


def batches_resume_stalled(*, minutes: int | None = None) -> list[int]:
    """Queue again every unfinished batch without progress for ``minutes`` (the setting by
    default): its worker was killed, or its task was lost with the broker. Files already read
    are skipped by the rerun. Returns the ids queued."""
    from edcluster.imports.tasks import process_batch

    if minutes is None:
        minutes = settings.EDCLUSTER_IMPORTS_STALLED_MINUTES
    cutoff = timezone.now() - timedelta(minutes=minutes)
    ids = list(
        ImportBatch.objects.filter(
            status__in=[ImportBatch.Status.QUEUED, ImportBatch.Status.PROCESSING], updated_at__lte=cutoff
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        logger.info("import: batch %s stalled, queued again", pk)
        process_batch.delay(pk)
    return ids


def file_process(item: ImportedFile) -> ImportedFile:
    """Read, clean, extract and propose; a file that cannot be read gets its Russian reason."""
    try:
        with item.file.open("rb") as handle:
            data = handle.read()
        text = clean_text(read_document(item.name, data))
        extraction = extract_document(text, file=item.name)
        item.text = text
        item.extraction = extraction
        item.proposal = build_proposal(extraction, item.batch, sha256=item.sha256, exclude_file=item.pk)
        item.status = ImportedFile.Status.READY
        item.error = ""
    except ReadError as exc:
        item.status = ImportedFile.Status.FAILED
        item.error = exc.message
    except Exception as exc:  # one bad file never stops the batch
        # Only the type: a message could quote the document (names are personal data).
        logger.error("import: file %s could not be processed (%s)", item.pk, type(exc).__name__)
        item.status = ImportedFile.Status.FAILED
        item.error = _("Файл «%s» не удалось разобрать; проверьте, что это текстовый документ.") % item.name
    item.save()
    return item


# --- proposal -------------------------------------------------------------------------------------


_KIND_RULES: tuple[tuple[str, str], ...] = (
    (r"\bдоу\b|детск\w* сад|\bд/с\b|\bцрр\b", OrganizationKind.KINDERGARTEN),
    (r"колледж|техникум|\bгапоу\b|\bкогпобу\b|\bпоу\b", OrganizationKind.COLLEGE),
    (r"университет|\bвуз\b|академи|\bинститут\b", OrganizationKind.UNIVERSITY),
    (r"\bдо\b|\bддт\b|\bцдо\b|\bдши\b|\bдюсш\b|творчеств|дополнительного образования", OrganizationKind.ADDITIONAL),
    (r"школ|\bсош\b|\bоош\b|\bсш\b|\bнош\b|гимнази|лице", OrganizationKind.SCHOOL),
    (r"библиотек", OrganizationKind.LIBRARY),
    (r"музе", OrganizationKind.MUSEUM),
    (r"\bимс\b|методическ", OrganizationKind.METHODICAL),
    (r"\bмкук\b|\bцнк\b|культур|\bдк\b|дом ремесел|дом ремёсел", OrganizationKind.CULTURE),
    (r"управлени|министерств|администраци|департамент|комитет", OrganizationKind.AUTHORITY),
    (r"банк|\bао\b|\bооо\b|\bпао\b", OrganizationKind.BUSINESS),
)


def guess_kind(name: str) -> str:
    low = name.lower().replace("ё", "е")
    for pattern, kind in _KIND_RULES:
        if re.search(pattern, low):
            return kind
    return OrganizationKind.OTHER


def _split_name(name: str) -> tuple[str, str, str]:
    parts = name.replace(".", ". ").split()
    parts = [p for p in parts if p]
    last = parts[0] if parts else ""
    first = parts[1] if len(parts) > 1 else ""
    middle = " ".join(parts[2:]) if len(parts) > 2 else ""
    return last, first.rstrip("."), middle.rstrip(".")


def _cluster_organizations(cluster: Cluster) -> list[Organization]:
    """The organisations a document of *cluster* is matched against: the cluster's members and their
    partners (a partner page's bank or library is a party of a member's partnership without being a
    member). Not the whole registry: a match shows the organisation's name on the review page, and
    another cluster's organisations are not the importer's to see; what is not found is proposed as
    new and, once accepted, joins the cluster (``organization_create``), so a second upload matches it."""
    from edcluster.organizations.models import Membership
    from edcluster.partnerships.models import Party

    members = Membership.objects.filter(cluster=cluster).values("organization_id")
    partners = Party.objects.filter(partnership__parties__organization_id__in=members).values("organization_id")
    return list(Organization.objects.filter(Q(pk__in=members) | Q(pk__in=partners)).order_by("pk"))


def _organizations_by_key(organizations: Iterable[Organization]) -> dict[str, Organization]:
    """``org_key`` of each short and full name → its organisation, computed once.

    The same answer as ``match_organization`` (pure key equality): the first organisation, in
    order, whose short or full name has the key."""
    index: dict[str, Organization] = {}
    for organization in organizations:
        for candidate in (organization.short_name, organization.full_name):
            if candidate:
                index.setdefault(org_key(candidate), organization)
    return index


def build_proposal(
    extraction: Mapping[str, Any], batch: ImportBatch, *, sha256: str = "", exclude_file: int | None = None
) -> dict[str, Any]:
    """What accepting the extraction would create: each organisation and person matched to the
    registry or new; a meeting (protocol) or an event, matched to an existing one when the same
    body already has a protocol with that number and date."""
    from edcluster.meetings.models import Body, Meeting

    organizations = _cluster_organizations(batch.cluster)
    org_index = _organizations_by_key(organizations)
    by_pk = {o.pk: o for o in organizations}
    org_rows: list[dict[str, Any]] = []
    by_key: dict[str, dict[str, Any]] = {}
    for name in extraction.get("organizations") or []:
        key = org_key(name)
        if not key or key in by_key:
            continue
        match = org_index.get(key)
        row = {
            "name": name,
            "kind": match.kind if match else guess_kind(name),
            "match": match.pk if match else None,
            "match_name": match.display_name if match else "",
            "action": "match" if match else "new",
        }
        by_key[key] = row
        org_rows.append(row)

    people_rows: list[dict[str, Any]] = []
    # People as organisations: those who hold a post in one of the cluster's organisations.
    people = Person.objects.filter(positions__organization_id__in=list(by_pk)).distinct().prefetch_related("positions")
    for person in extraction.get("people") or []:
        name = person.get("name") or ""
        org_name = person.get("organization") or ""
        org_row = by_key.get(org_key(org_name)) if org_name else None
        organization = None
        if org_row and org_row["match"]:
            organization = by_pk.get(org_row["match"])
        surname = (name.split() or [""])[0]
        candidates = people.filter(last_name__istartswith=surname[:4]) if surname else people.none()
        match = match_person(name, candidates, organization) if (organization or not org_name) else None
        action = "match" if match else ("new" if org_row else "skip")
        people_rows.append(
            {
                "name": name,
                "position": person.get("position") or "",
                "organization": org_row["name"] if org_row else org_name,
                "match": match.pk if match else None,
                "match_name": match.full_name if match else "",
                "action": action,
            }
        )

    genre = extraction.get("genre")
    proposal: dict[str, Any] = {"kind": "none", "organizations": org_rows, "people": people_rows}
    day = extraction.get("date")
    if genre == "resolution" and extraction.get("decisions"):
        # Recommendations of a section, round table or conference belong to no meeting: they become
        # the recommendations of a section of the event (or, without a date, of the cluster).
        addressees = list(extraction.get("decision_addressees") or [])
        proposal["recommendations"] = [
            {"text": text, "addressee": (addressees[i] if i < len(addressees) else None) or "", "accept": True}
            for i, text in enumerate(extraction.get("decisions") or [])
        ]
        proposal["section"] = {"title": extraction.get("title") or ""}
        if day:
            proposal["kind"] = "event"
            proposal["event"] = _event_proposal(extraction, batch, day, kind=extraction.get("event_kind") or "section")
    elif genre == "protocol" and (extraction.get("agenda_items") or extraction.get("decisions")):
        bodies = list(Body.objects.filter(cluster=batch.cluster).order_by("pk"))
        number = extraction.get("doc_number") or ""
        number_int = int(number) if str(number).isdigit() else None
        existing = None
        if day:
            the_date = date.fromisoformat(day)
            qs = Meeting.objects.filter(body__cluster=batch.cluster, date=the_date)
            if number_int is not None:
                qs = qs.filter(number=number_int)
            existing = qs.order_by("pk").first()
        body_id = existing.body_id if existing else (bodies[0].pk if bodies else None)
        proposal["kind"] = "meeting"
        proposal["meeting"] = {
            "body": body_id,
            "number": number_int,
            "date": day or "",
            "theme": extraction.get("title") or "",
            "place": extraction.get("venue") or "",
            "organizers": "\n".join(extraction.get("organizers") or []),
            "attended_count": extraction.get("participants_count"),
            "attended_org_count": extraction.get("organizations_count"),
            "match": existing.pk if existing else None,
            "match_name": str(existing) if existing else "",
            "action": "match" if existing else "new",
        }
        proposal["items"] = [
            {"title": item.get("title") or "", "speakers": list(item.get("speakers") or []), "accept": True}
            for item in extraction.get("agenda_items") or []
        ]
        proposal["decisions"] = [{"text": text, "accept": True} for text in extraction.get("decisions") or []]
    elif genre in ("news", "info_letter") and day:
        proposal["kind"] = "event"
        proposal["event"] = _event_proposal(extraction, batch, day, kind="seminar")
    if genre == "social_partners":
        proposal["partnerships"] = _propose_partnerships(extraction, batch, org_rows)
    if sha256:
        earlier = (
            ImportedFile.objects.filter(
                sha256=sha256, status=ImportedFile.Status.ACCEPTED, batch__cluster=batch.cluster
            )
            .exclude(pk=exclude_file or 0)
            .order_by("pk")
            .first()
        )
        if earlier is not None:
            proposal["earlier_file"] = earlier.pk
    return proposal


def _event_proposal(extraction: Mapping[str, Any], batch: ImportBatch, day: str, *, kind: str) -> dict[str, Any]:
    from edcluster.events.models import Event

    existing_event = (
        Event.objects.filter(
            cluster=batch.cluster, starts_on=date.fromisoformat(day), title=(extraction.get("title") or "")[:500]
        )
        .order_by("pk")
        .first()
    )
    formats = {"offline": "in_person", "online": "online", "mixed": "mixed"}
    fmt = formats.get(extraction.get("format") or "", "in_person")
    return {
        "title": extraction.get("title") or "",
        "starts_on": day,
        "ends_on": extraction.get("end_date") or "",
        "format": fmt,
        "kind": kind,
        "theme": extraction.get("title") or "",
        "match": existing_event.pk if existing_event else None,
        "match_name": str(existing_event) if existing_event else "",
        "action": "match" if existing_event else "new",
    }


def _propose_partnerships(
    extraction: Mapping[str, Any], batch: ImportBatch, org_rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """A partner page names its own organisation in the title (or it is the batch's organisation)
    and its partners in the text: one partnership per partner, matched when the two already have one."""
    from edcluster.partnerships.models import Partnership

    title = extraction.get("title") or ""
    base = next((row for row in org_rows if row["name"] in title), None)
    base_name = base["name"] if base else (batch.organization.display_name if batch.organization else "")
    base_id = base["match"] if base else (batch.organization_id if batch.organization else None)
    if not base_name:
        return []
    rows = []
    for row in org_rows:
        if row is base or (base_id and row["match"] == base_id):
            continue
        existing = None
        if base_id and row["match"]:
            existing = (
                Partnership.objects.filter(parties__organization_id=base_id)
                .filter(parties__organization_id=row["match"])
                .order_by("pk")
                .first()
            )
        rows.append(
            {
                "base": base_name,
                "base_id": None if base else base_id,
                "partner": row["name"],
                "title": f"Партнёрство: {base_name} и {row['name']}"[:500],
                "match": existing.pk if existing else None,
                "match_name": str(existing) if existing else "",
                "action": "match" if existing else "new",
            }
        )
    return rows


def _accept_partnerships(
    actor: Any, item: ImportedFile, rows: list[dict[str, Any]], orgs: dict[str, Organization]
) -> None:
    from edcluster.partnerships.models import Partnership, PartnershipKind, PartyRole
    from edcluster.partnerships.services import partnership_create

    for row in rows:
        action = row.get("action")
        if action not in ACTIONS:
            raise ValidationError(_("Неизвестное действие для партнёрства «%s».") % row.get("title"))
        if action == "skip":
            continue
        if action == "match":
            found = Partnership.objects.filter(pk=_id(row.get("match"))).first()
            if found is None:
                raise ValidationError(_("Партнёрство «%s» не найдено; выберите «новая запись».") % row.get("title"))
            _link(item, found, created=False)
            continue
        base = orgs.get(org_key(str(row.get("base") or "")))
        if base is None and row.get("base_id"):
            base = Organization.objects.filter(pk=_id(row.get("base_id"))).first()
        partner = orgs.get(org_key(str(row.get("partner") or "")))
        if base is None or partner is None:
            raise ValidationError(
                _("Для партнёрства «%s» примите обе организации (из реестра или как новые) или не создавайте его.")
                % row.get("title")
            )
        partnership = partnership_create(
            actor=actor,
            data={"kind": PartnershipKind.INFORMAL, "title": str(row.get("title") or "")[:500]},
            parties=[
                {"organization": base, "role": PartyRole.INITIATOR},
                {"organization": partner, "role": PartyRole.PARTNER},
            ],
        )
        _link(item, partnership, created=True)


# --- review ---------------------------------------------------------------------------------------


def _link(item: ImportedFile, record: Any, *, created: bool) -> None:
    from django.contrib.contenttypes.models import ContentType

    ImportedRecord.objects.get_or_create(
        imported_file=item,
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        defaults={"created": created, "label": str(record)[:500]},
    )


def _id(value: Any) -> int:
    """A primary key from the proposal (0, which matches nothing, when absent or not a number)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _parse_date(value: Any, field: str, label: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise ValidationError(errors={field: [_("Укажите %s в виде ГГГГ-ММ-ДД.") % label]}) from None


def _count(value: Any, field: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError(errors={field: [_("Ожидается целое число.")]}) from None
    if number < 0:
        raise ValidationError(errors={field: [_("Ожидается целое число.")]})
    return number


def _accept_organizations(actor: Any, item: ImportedFile, rows: list[dict[str, Any]]) -> dict[str, Organization]:
    from edcluster.organizations.services import organization_create

    result: dict[str, Organization] = {}
    cluster = item.batch.cluster
    for row in rows:
        action = row.get("action")
        name = " ".join(str(row.get("name") or "").split())
        if action not in ACTIONS:
            raise ValidationError(_("Неизвестное действие для организации «%s».") % name)
        if action == "skip" or not name:
            continue
        if action == "match":
            org = Organization.objects.filter(pk=_id(row.get("match"))).first()
            if org is None:
                raise ValidationError(_("Организация «%s» не найдена в реестре; выберите «новая запись».") % name)
            _link(item, org, created=False)
        else:
            kind = row.get("kind") or guess_kind(name)
            if kind not in OrganizationKind.values:
                raise ValidationError(_("Неизвестный тип организации «%s».") % name)
            try:
                org = organization_create(
                    actor=actor, data={"full_name": name, "short_name": name[:255], "kind": kind}, cluster=cluster
                )
            except PermissionDenied:
                raise PermissionDenied(
                    _(
                        "Новые организации добавляют в реестр координаторы кластера; для «%s» выберите "
                        "«Не создавать» или организацию из реестра."
                    )
                    % name
                ) from None
            except DomainError as exc:
                raise ValidationError(
                    _("Организация «%(name)s»: %(reason)s") % {"name": name, "reason": exc.message}
                ) from None
            _link(item, org, created=True)
        result[org_key(name)] = org
    return result


def _accept_people(
    actor: Any, item: ImportedFile, rows: list[dict[str, Any]], orgs: dict[str, Organization]
) -> dict[str, Person]:
    from edcluster.organizations.services import person_create

    result: dict[str, Person] = {}
    for row in rows:
        action = row.get("action")
        name = " ".join(str(row.get("name") or "").split())
        if action not in ACTIONS:
            raise ValidationError(_("Неизвестное действие для человека «%s».") % name)
        if action == "skip" or not name:
            continue
        if action == "match":
            person = Person.objects.filter(pk=_id(row.get("match"))).first()
            if person is None:
                raise ValidationError(_("Человек «%s» не найден в реестре; выберите «новая запись».") % name)
            _link(item, person, created=False)
        else:
            org_name = str(row.get("organization") or "")
            organization = orgs.get(org_key(org_name)) if org_name else None
            if organization is None:
                raise ValidationError(
                    _("Для нового человека «%s» нужна организация из принятых; выберите её или «не создавать».") % name
                )
            last, first, middle = _split_name(name)
            if not first:
                raise ValidationError(_("Укажите имя человека «%s» полностью (фамилия, имя, отчество).") % name)
            try:
                person = person_create(
                    actor=actor,
                    data={"last_name": last, "first_name": first, "middle_name": middle},
                    organization=organization,
                    position_title=str(row.get("position") or ""),
                )
            except PermissionDenied:
                raise PermissionDenied(
                    _(
                        "Добавлять людей в организацию «%(org)s» могут её редакторы; "
                        "для «%(name)s» выберите «Не создавать»."
                    )
                    % {"org": organization.display_name, "name": name}
                ) from None
            except DomainError as exc:
                raise ValidationError(
                    _("Человек «%(name)s»: %(reason)s") % {"name": name, "reason": exc.message}
                ) from None
            _link(item, person, created=True)
        result[name] = person
    return result


def _accept_meeting(actor: Any, item: ImportedFile, proposal: Mapping[str, Any], people: dict[str, Person]) -> Any:
    from edcluster.meetings import access as meetings_access
    from edcluster.meetings import services as meetings
    from edcluster.meetings.models import Body, Meeting

    data = proposal.get("meeting") or {}
    if data.get("action") == "match":
        meeting = Meeting.objects.filter(pk=_id(data.get("match")), body__cluster=item.batch.cluster).first()
        if meeting is None:
            raise ValidationError(_("Заседание для сопоставления не найдено; выберите «новая запись»."))
        require(meetings_access.can_view_meeting(actor, meeting))
        _link(item, meeting, created=False)
        return meeting
    body = Body.objects.filter(pk=_id(data.get("body")), cluster=item.batch.cluster).first()
    if body is None:
        raise ValidationError(errors={"body": [_("Выберите совет или рабочую группу, чьё это заседание.")]})
    require(
        meetings_access.can_edit_body(actor, body),
        _("Создавать заседания органа «%s» могут только координаторы кластера, председатель и секретарь.") % body.name,
    )
    number = _count(data.get("number"), "number")
    meeting = meetings.meeting_create(
        actor=actor,
        body=body,
        data={
            "number": number or None,
            "date": _parse_date(data.get("date"), "date", _("дату заседания")),
            "theme": str(data.get("theme") or "")[:500],
            "place": str(data.get("place") or "")[:300],
            "organizers": str(data.get("organizers") or ""),
            "attended_count": _count(data.get("attended_count"), "attended_count"),
            "attended_org_count": _count(data.get("attended_org_count"), "attended_org_count"),
        },
    )
    _link(item, meeting, created=True)
    extracted_people = {p.get("name"): p for p in item.extraction.get("people") or []}
    order = 0
    for row in proposal.get("items") or []:
        if not row.get("accept"):
            continue
        title = " ".join(str(row.get("title") or "").split())
        if not title:
            raise ValidationError(errors={"items": [_("У вопроса повестки должна быть формулировка.")]})
        order += 1
        speakers = []
        for speaker in row.get("speakers") or []:
            speaker = " ".join(str(speaker).split())
            if not speaker:
                continue
            extracted = extracted_people.get(speaker) or {}
            speakers.append(
                {
                    "person": people.get(speaker),
                    "name": speaker,
                    "position": extracted.get("position") or "",
                    "organization": extracted.get("organization") or "",
                }
            )
        agenda_item = meetings.agenda_item_create(
            actor=actor, meeting=meeting, data={"order": order, "title": title[:500]}, speakers=speakers
        )
        _link(item, agenda_item, created=True)
    for row in proposal.get("decisions") or []:
        if not row.get("accept"):
            continue
        text = str(row.get("text") or "").strip()
        if not text:
            raise ValidationError(errors={"decisions": [_("У решения должен быть текст.")]})
        decision = meetings.decision_create(actor=actor, meeting=meeting, data={"text": text})
        _link(item, decision, created=True)
    return meeting


def _accept_event(actor: Any, item: ImportedFile, proposal: Mapping[str, Any], orgs: dict[str, Organization]) -> Any:
    from edcluster.events import access as events_access
    from edcluster.events import services as events
    from edcluster.events.models import Event

    data = proposal.get("event") or {}
    if data.get("action") == "match":
        event = Event.objects.filter(pk=_id(data.get("match")), cluster=item.batch.cluster).first()
        if event is None:
            raise ValidationError(_("Мероприятие для сопоставления не найдено; выберите «новая запись»."))
        _link(item, event, created=False)
        return event
    cluster = item.batch.cluster
    require(
        events_access.can_manage_cluster_events(actor, cluster),
        _("Создавать мероприятия кластера могут только его координаторы."),
    )
    title = " ".join(str(data.get("title") or "").split())
    if not title:
        raise ValidationError(errors={"title": [_("Укажите название мероприятия.")]})
    ends = data.get("ends_on")
    event = events.event_create(
        actor=actor,
        cluster=cluster,
        data={
            "title": title[:500],
            "kind": data.get("kind") or "seminar",
            "format": data.get("format") or "in_person",
            "starts_on": _parse_date(data.get("starts_on"), "starts_on", _("дату мероприятия")),
            "ends_on": _parse_date(ends, "ends_on", _("дату окончания")) if ends else None,
            "theme": str(data.get("theme") or ""),
        },
    )
    _link(item, event, created=True)
    return event


def _accept_recommendations(
    actor: Any, item: ImportedFile, proposal: Mapping[str, Any], event: Any, orgs: dict[str, Organization]
) -> None:
    """Recommendations of a resolution: decisions of a section of the created (or matched) event,
    or — when there is no event — recommendations of the cluster; each addressed to the organisation
    or group the text puts them under."""
    from edcluster.events import access as events_access
    from edcluster.events import services as events
    from edcluster.events.models import Section
    from edcluster.meetings import services as meetings
    from edcluster.meetings.models import Decision

    rows = [row for row in proposal.get("recommendations") or [] if row.get("accept")]
    if not rows:
        return
    cluster = item.batch.cluster
    section = None
    if event is not None:
        require(
            events_access.can_manage_event(actor, event),
            _("Добавлять рекомендации секций мероприятия могут только его организаторы и координаторы кластера."),
        )
        title = " ".join(str((proposal.get("section") or {}).get("title") or "").split())[:500] or event.title
        section = Section.objects.filter(event=event, title=title).order_by("pk").first()
        if section is None:
            section = events.section_add(actor=actor, event=event, title=title)
            _link(item, section, created=True)
    else:
        require(
            access.can_add_cluster_recommendations(actor, cluster),
            _("Рекомендации вне заседаний и мероприятий добавляют координаторы кластера."),
        )
    for row in rows:
        text = str(row.get("text") or "").strip()
        if not text:
            raise ValidationError(errors={"recommendations": [_("У рекомендации должен быть текст.")]})
        same = Decision.objects.filter(section=section, text=text).first() if section is not None else None
        if same is not None:  # the same document accepted again: its recommendation is matched, not doubled
            _link(item, same, created=False)
            continue
        addressee = " ".join(str(row.get("addressee") or "").split())
        data: dict[str, Any] = {"text": text}
        organization = orgs.get(org_key(addressee)) if addressee else None  # keyed by org_key
        if organization is not None:
            data.update(addressee_kind=Decision.AddresseeKind.ORGANIZATION, addressee_organization=organization)
        elif addressee:
            data.update(addressee_kind=Decision.AddresseeKind.GROUP, addressee_group=addressee[:300])
        decision = meetings.decision_create(
            actor=actor, data=data, section=section, cluster=cluster if section is None else None
        )
        _link(item, decision, created=True)


_LISTS = ("organizations", "people", "items", "decisions", "partnerships", "recommendations")


def _check_shape(proposal: Mapping[str, Any]) -> None:
    """A proposal edited by an API client: lists of objects where lists are expected."""
    bad = _("Предложение записано неверно: «%s» должно быть списком объектов.")
    for key in _LISTS:
        value = proposal.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, dict) for v in value)):
            raise ValidationError(errors={key: [bad % key]})
    for key in ("meeting", "event", "section"):
        value = proposal.get(key)
        if value is not None and not isinstance(value, dict):
            raise ValidationError(errors={key: [_("Предложение записано неверно: «%s» должно быть объектом.") % key]})
    for row in proposal.get("items") or []:
        speakers = row.get("speakers")
        if speakers is not None and not (isinstance(speakers, list) and all(isinstance(v, str) for v in speakers)):
            raise ValidationError(errors={"items": [_("Докладчики вопроса — список ФИО.")]})
    if proposal.get("kind", "none") not in ("meeting", "event", "none"):
        raise ValidationError(errors={"kind": [_("Неизвестный вид записи: ожидается meeting, event или none.")]})


def file_accept(*, actor: Any, item: ImportedFile, proposal: Mapping[str, Any] | None = None) -> Any:
    """Create (or match) everything the reviewer kept, in one transaction; on any error nothing
    is written and the Russian reason is raised. Returns the meeting or event, if any."""
    require(access.can_view_batch(actor, item.batch))
    if item.status != ImportedFile.Status.READY:
        raise ValidationError(_("Этот документ уже обработан или не прочитан; принять его нельзя."))
    proposal = dict(proposal if proposal is not None else item.proposal)
    _check_shape(proposal)
    with transaction.atomic():
        locked = ImportedFile.objects.select_for_update().get(pk=item.pk)
        if locked.status != ImportedFile.Status.READY:
            raise ValidationError(_("Этот документ уже принят или отклонён."))
        orgs = _accept_organizations(actor, item, list(proposal.get("organizations") or []))
        people = _accept_people(actor, item, list(proposal.get("people") or []), orgs)
        record = None
        if proposal.get("kind") == "meeting":
            record = _accept_meeting(actor, item, proposal, people)
        elif proposal.get("kind") == "event":
            record = _accept_event(actor, item, proposal, orgs)
        _accept_recommendations(actor, item, proposal, record if proposal.get("kind") == "event" else None, orgs)
        _accept_partnerships(actor, item, list(proposal.get("partnerships") or []), orgs)
        item.proposal = proposal
        item.status = ImportedFile.Status.ACCEPTED
        item.accepted_by = actor if getattr(actor, "is_authenticated", False) else None
        item.accepted_at = timezone.now()
        item.save(update_fields=["proposal", "status", "accepted_by", "accepted_at", "updated_at"])
        audit_log(actor=actor, action="imports.file.accepted", target=item, note=f"записей: {item.records.count()}")
    return record


@transaction.atomic
def file_reject(*, actor: Any, item: ImportedFile) -> ImportedFile:
    require(access.can_view_batch(actor, item.batch))
    if item.status not in (ImportedFile.Status.READY, ImportedFile.Status.FAILED):
        raise ValidationError(_("Этот документ уже принят или отклонён."))
    item.status = ImportedFile.Status.REJECTED
    item.save(update_fields=["status", "updated_at"])
    audit_log(actor=actor, action="imports.file.rejected", target=item)
    return item


def source_files(record: Any) -> list[ImportedFile]:
    """The imported files a record came from (its source documents)."""
    from django.contrib.contenttypes.models import ContentType

    ids = ImportedRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk
    ).values("imported_file_id")
    return list(ImportedFile.objects.filter(pk__in=ids).select_related("batch").order_by("pk"))
