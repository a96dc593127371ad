"""Every write of the library of practices."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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
    "visibility",
    "tags",
]
MATERIAL_FIELDS = ["practice", "title", "kind", "video_url", "author", "sharing", "version"]
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


def _practice_rules(practice: Practice) -> None:
    if practice.status == PracticeStatus.RECOMMENDED and not practice.recommendation.strip():
        raise ValidationError(
            errors={"recommendation": [_("Укажите решение совета, которым практика рекомендована к внедрению.")]}
        )


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
) -> Practice:
    orgs = list(organizations)
    if not orgs:
        raise ValidationError(errors={"organizations": [_("Укажите хотя бы одну организацию-автора.")]})
    practice = model_create(
        Practice,
        actor=actor,
        action="practices.practice.created",
        data=data,
        fields=PRACTICE_FIELDS,
        checks=_practice_rules,
    )
    _set_people(practice, orgs, authors)
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
    practice, _changes = model_update(
        practice,
        actor=actor,
        action="practices.practice.updated",
        data=data,
        fields=PRACTICE_FIELDS,
        checks=_practice_rules,
    )
    if organizations is not None:
        _set_people(practice, organizations, authors if authors is not None else practice.authors.all())
    elif authors is not None:
        practice.authors.set(list(authors))
    practice_reindex(practice)
    practice.save(update_fields=["search_text", "updated_at"])
    return practice


@transaction.atomic
def material_add(
    *,
    actor: Any,
    practice: Practice,
    data: Mapping[str, Any],
    upload: tuple[str, bytes] | None = None,
) -> Material:
    """Attach a file (checked by content; refused with nothing saved) or a video link."""
    checked = None
    if upload is not None:
        checked = check_upload(upload[0], upload[1])
    elif not data.get("video_url"):
        raise ValidationError(errors={"file": [_("Выберите файл или укажите ссылку на видео.")]})
    extra: dict[str, Any] = {}
    if checked is not None:
        extra = {"content_type": checked.content_type, "size": checked.size, "text": checked.text[:500_000]}
    material = model_create(
        Material,
        actor=actor,
        action="practices.material.created",
        data={**data, "practice": practice},
        fields=MATERIAL_FIELDS,
        extra=extra,
        clean_exclude=["file"],
    )
    if upload is not None:
        material.file.save(upload[0], ContentFile(upload[1]), save=True)
    practice_reindex(practice)
    practice.save(update_fields=["search_text"])
    return material


@transaction.atomic
def material_delete(*, actor: Any, material: Material) -> None:
    practice = material.practice
    audit_log(
        actor=actor, action="practices.material.deleted", target=practice, changes={"material": [material.title, None]}
    )
    if material.file:
        material.file.delete(save=False)
    material.delete()
    practice_reindex(practice)
    practice.save(update_fields=["search_text"])


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
