"""Every write of the library of practices."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from edcluster.core.audit import audit_log
from edcluster.core.errors import ValidationError
from edcluster.core.search import build_search_text
from edcluster.core.services import model_create, model_update
from edcluster.organizations.models import Organization, Person
from edcluster.practices.models import Adoption, Audience, IndicatorValue, Material, Practice, PracticeStatus
from edcluster.practices.previews import PREVIEWABLE, render_preview
from edcluster.practices.uploads import check_upload

PRACTICE_FIELDS = [
    "title",
    "cluster",
    "direction",
    "audience",
    "work_form",
    "goal",
    "content",
    "stages",
    "resources",
    "transfer_conditions",
    "results",
    "participants_count",
    "evidence",
    "indicators",
    "status",
    "recommendation",
    "recommended_by",
    "visibility",
    "tags",
]
MATERIAL_FIELDS = ["title", "kind", "video_url", "author", "author_name", "sharing", "version"]
ADOPTION_FIELDS = ["adopted_on", "adaptation", "own_results", "participants_reached", "survey_url"]


def audience_value(codes: Iterable[str]) -> str:
    """The stored form of a list of audience codes (",preschool,parents,")."""
    valid = set(Audience.values)
    codes = [c for c in codes if c]
    bad = [c for c in codes if c not in valid]
    if bad:
        raise ValidationError(errors={"audience": [_("Неизвестная аудитория: %(v)s.") % {"v": ", ".join(bad)}]})
    return "," + ",".join(dict.fromkeys(codes)) + "," if codes else ""


def practice_reindex(practice: Practice) -> None:
    """Refresh the search text: the description, organisations, tags and the text of materials."""
    orgs = [o.display_name for o in practice.organizations.all()] if practice.pk else []
    authors = [p.full_name for p in practice.authors.all()] if practice.pk else []
    materials = [m.title + "\n" + m.text for m in practice.materials.all()] if practice.pk else []
    practice.search_text = build_search_text(
        practice.title,
        practice.goal,
        practice.content,
        practice.stages,
        practice.resources,
        practice.transfer_conditions,
        practice.results,
        practice.tags,
        " ".join(practice.audience_display),
        practice.direction.name if practice.direction is not None else "",
        *orgs,
        *authors,
        *materials,
    )


RECOMMENDATION_FIELDS = ("status", "recommendation", "recommended_by")


def _practice_rules(practice: Practice) -> None:
    if (
        practice.status == PracticeStatus.RECOMMENDED
        and not practice.recommendation.strip()
        and practice.recommended_by_id is None
    ):
        raise ValidationError(
            errors={"recommendation": [_("Укажите решение совета, которым практика рекомендована к внедрению.")]}
        )
    decision = practice.recommended_by
    if decision is not None and decision.cluster_id != practice.cluster_id:
        raise ValidationError(
            errors={"recommended_by": [_("Такое решение не найдено среди решений совета этого кластера.")]}
        )


def _recommendation_rights(actor: Any, practice: Practice, before: Mapping[str, Any]) -> None:
    """Only the council (the cluster's coordinators) marks a practice «рекомендовано к внедрению»
    or changes the decision; its authors cannot recommend their own practice."""
    from edcluster.practices.access import can_recommend

    now = {f: getattr(practice, f + "_id" if f == "recommended_by" else f) for f in RECOMMENDATION_FIELDS}
    recommended = now["status"] == PracticeStatus.RECOMMENDED and before.get("status") != PracticeStatus.RECOMMENDED
    changed = any(now[f] != before.get(f) for f in ("recommendation", "recommended_by"))
    if (recommended or changed) and actor is not None and not can_recommend(actor, practice.cluster_id):
        raise ValidationError(
            errors={
                "status": [_("Рекомендовать практику к внедрению может только координатор кластера по решению совета.")]
            }
        )


def _checks(actor: Any, before: Mapping[str, Any]) -> Callable[[Practice], None]:
    def check(practice: Practice) -> None:
        _practice_rules(practice)
        _recommendation_rights(actor, practice, before)

    return check


def _set_people(practice: Practice, organizations: Iterable[Organization], authors: Iterable[Person]) -> None:
    orgs = list(organizations)
    if not orgs:
        raise ValidationError(errors={"organizations": [_("Укажите хотя бы одну организацию-автора.")]})
    practice.organizations.set(orgs)
    practice.authors.set(list(authors))


@transaction.atomic
def practice_create(
    *,
    actor: Any,
    data: Mapping[str, Any],
    organizations: Iterable[Organization],
    authors: Iterable[Person] = (),
    carry_over: Iterable[Material] = (),
    presented_at: Any = None,
) -> Practice:
    """A new practice; ``carry_over`` — the materials of the report it was made from (those the
    actor may see) — are copied into it."""
    orgs = list(organizations)
    if not orgs:
        raise ValidationError(errors={"organizations": [_("Укажите хотя бы одну организацию-автора.")]})
    practice = model_create(
        Practice,
        actor=actor,
        action="practices.practice.created",
        data=data,
        fields=PRACTICE_FIELDS,
        checks=_checks(actor, {"recommendation": ""}),
        extra={"presented_at": presented_at},
    )
    _set_people(practice, orgs, authors)
    _carry_over(actor, practice, carry_over)
    practice_reindex(practice)
    practice.save(update_fields=["search_text"])
    return practice


@transaction.atomic
def practice_update(
    *,
    actor: Any,
    practice: Practice,
    data: Mapping[str, Any],
    organizations: Iterable[Organization] | None = None,
    authors: Iterable[Person] | None = None,
) -> Practice:
    before = {
        "status": practice.status,
        "recommendation": practice.recommendation,
        "recommended_by": practice.recommended_by_id,
    }
    practice, _changes = model_update(
        practice,
        actor=actor,
        action="practices.practice.updated",
        data=data,
        fields=PRACTICE_FIELDS,
        checks=_checks(actor, before),
    )
    if organizations is not None:
        _set_people(practice, organizations, authors if authors is not None else practice.authors.all())
    elif authors is not None:
        practice.authors.set(list(authors))
    practice_reindex(practice)
    practice.save(update_fields=["search_text", "updated_at"])
    return practice


def _material_create(
    *,
    actor: Any,
    owner: Mapping[str, Any],
    data: Mapping[str, Any],
    upload: tuple[str, bytes] | None,
    action: str,
) -> Material:
    """A material of a practice or an event: a file checked by its content (refused with nothing
    saved) or a video link; its preview is made after the commit."""
    checked = None
    if upload is not None:
        checked = check_upload(upload[0], upload[1])
    elif not data.get("video_url"):
        raise ValidationError(errors={"file": [_("Выберите файл или укажите ссылку на видео.")]})
    extra: dict[str, Any] = {**owner, "uploaded_by": actor if getattr(actor, "pk", None) else None}
    if checked is not None:
        extra.update(content_type=checked.content_type, size=checked.size, text=checked.text[:500_000])
    material = model_create(
        Material,
        actor=actor,
        action=action,
        data=data,
        fields=MATERIAL_FIELDS,
        extra=extra,
        clean_exclude=["file", "practice", "event", "programme_item", "uploaded_by"],
    )
    if upload is not None:
        material.file.save(upload[0], ContentFile(upload[1]), save=True)
        _schedule_preview(material)
    return material


def _schedule_preview(material: Material) -> None:
    if material.content_type in PREVIEWABLE:
        from edcluster.practices.tasks import material_preview

        pk = material.pk
        transaction.on_commit(lambda: material_preview.delay(pk))


@transaction.atomic
def material_add(
    *,
    actor: Any,
    practice: Practice,
    data: Mapping[str, Any],
    upload: tuple[str, bytes] | None = None,
) -> Material:
    """Attach a file (checked by content; refused with nothing saved) or a video link to a practice."""
    material = _material_create(
        actor=actor, owner={"practice": practice}, data=data, upload=upload, action="practices.material.created"
    )
    practice_reindex(practice)
    practice.save(update_fields=["search_text"])
    return material


@transaction.atomic
def event_material_add(
    *,
    actor: Any,
    event: Any,
    data: Mapping[str, Any],
    upload: tuple[str, bytes] | None = None,
    programme_item: Any = None,
) -> Material:
    """Attach a material to an event (the programme, a speaker's presentation with its report),
    with the same checks as the materials of practices."""
    if programme_item is not None and programme_item.day.event_id != event.pk:
        raise ValidationError(errors={"programme_item": [_("Доклад относится к другому мероприятию.")]})
    return _material_create(
        actor=actor,
        owner={"event": event, "programme_item": programme_item},
        data=data,
        upload=upload,
        action="practices.event_material.created",
    )


def _carry_over(actor: Any, practice: Practice, materials: Iterable[Material]) -> list[Material]:
    """Copy the materials of a report (its presentation, links) into the new practice; the event
    keeps its own copies, so deleting one does not remove the other."""
    copies = []
    for m in materials:
        if m.event_id is None:
            raise ValidationError(errors={"materials": [_("Переносятся только материалы мероприятия.")]})
        data = {f: getattr(m, f) for f in MATERIAL_FIELDS}
        upload = None
        if m.file:
            with m.file.open("rb") as fh:
                upload = (m.file.name.rsplit("/", 1)[-1], fh.read())
        copies.append(
            _material_create(
                actor=actor,
                owner={"practice": practice},
                data=data,
                upload=upload,
                action="practices.material.carried_over",
            )
        )
    return copies


@transaction.atomic
def material_delete(*, actor: Any, material: Material) -> None:
    owner: Any = material.practice if material.practice_id else material.event
    audit_log(
        actor=actor, action="practices.material.deleted", target=owner, changes={"material": [material.title, None]}
    )
    for f in (material.file, material.preview):
        if f:
            f.delete(save=False)
    material.delete()
    if material.practice_id:
        practice_reindex(owner)
        owner.save(update_fields=["search_text"])


def material_make_preview(*, material: Material) -> bool:
    """Render the first page of a PDF (poppler's ``pdftoppm``) or a thumbnail of an image
    (Pillow) as a PNG and keep it with the material. Idempotent: an existing preview is kept.
    Returns whether the material has a preview afterwards."""
    if material.preview:
        return True
    if not material.file or material.content_type not in PREVIEWABLE:
        return False
    with material.file.open("rb") as fh:
        data = fh.read()
    png = render_preview(data, material.content_type)
    if png is None:
        return False
    material.preview.save(f"preview-{material.pk}.png", ContentFile(png), save=False)
    Material.objects.filter(pk=material.pk).update(preview=material.preview.name)
    return True


def _refresh_status(practice: Practice) -> None:
    """ "внедрена" once another organisation records an adoption (a recommendation stays visible in
    ``recommendation``)."""
    if practice.adoptions.exists() and practice.status != PracticeStatus.ADOPTED:
        practice.status = PracticeStatus.ADOPTED
        practice.save(update_fields=["status"])


def _indicators(actor: Any, adoption: Adoption, values: Iterable[Mapping[str, Any]]) -> None:
    for row in values:
        name = (row.get("name") or "").strip()
        if not name:
            continue
        if row.get("before") is None or row.get("after") is None:
            raise ValidationError(
                errors={"indicators": [_("Для показателя «%(n)s» укажите значения до и после.") % {"n": name}]}
            )
        IndicatorValue.objects.update_or_create(
            adoption=adoption, name=name, defaults={"before": row["before"], "after": row["after"], "entered_by": actor}
        )


@transaction.atomic
def adoption_create(
    *,
    actor: Any,
    practice: Practice,
    organization: Organization,
    data: Mapping[str, Any],
    indicators: Iterable[Mapping[str, Any]] = (),
) -> Adoption:
    if practice.organizations.filter(pk=organization.pk).exists():
        raise ValidationError(
            errors={"organization": [_("Организация — автор практики; внедрение отмечают другие организации.")]}
        )
    if Adoption.objects.filter(practice=practice, organization=organization).exists():
        raise ValidationError(errors={"organization": [_("Эта организация уже отметила внедрение практики.")]})
    adoption = model_create(
        Adoption,
        actor=actor,
        action="practices.adoption.created",
        data=data,
        fields=ADOPTION_FIELDS,
        extra={"practice": practice, "organization": organization, "entered_by": actor},
    )
    _indicators(actor, adoption, indicators)
    _refresh_status(practice)
    return adoption


@transaction.atomic
def adoption_update(
    *, actor: Any, adoption: Adoption, data: Mapping[str, Any], indicators: Iterable[Mapping[str, Any]] = ()
) -> Adoption:
    adoption, changes = model_update(
        adoption, actor=actor, action="practices.adoption.updated", data=data, fields=ADOPTION_FIELDS
    )
    if changes:
        adoption.entered_by = actor
        adoption.save(update_fields=["entered_by"])
    _indicators(actor, adoption, indicators)
    return adoption


def digest_opt_out(*, user: Any) -> None:
    from edcluster.practices.models import DigestOptOut

    _obj, created = DigestOptOut.objects.get_or_create(user=user)
    if created:
        audit_log(actor=user, action="practices.digest.opted_out", target=None)
