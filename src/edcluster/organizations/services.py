"""Every write to the registry. Pages, the API, the XLSX import and the demo loader call these.

Each service is keyword-only, checks permission through ``access``, validates (Russian
messages), runs in one transaction and leaves an audit entry with a field diff.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from edcluster.core import ru
from edcluster.core.access import require
from edcluster.core.audit import audit_log, diff, snapshot
from edcluster.core.errors import Conflict, ValidationError
from edcluster.core.search import build_search_text
from edcluster.core.services import full_clean, model_create, model_update
from edcluster.organizations import access
from edcluster.organizations.models import (
    PSEUDO_KINDS,
    Cluster,
    Membership,
    Organization,
    OrganizationKind,
    Person,
    Position,
    RoleAssignment,
)
from edcluster.organizations.regions import REGION_NAMES
from edcluster.organizations.selectors import organization_duplicates, person_duplicates

CLUSTER_FIELDS = [
    "name",
    "short_name",
    "slug",
    "description",
    "region",
    "municipality",
    "base_organization",
    "website",
    "is_public",
]
ORGANIZATION_FIELDS = [
    "full_name",
    "short_name",
    "legal_form",
    "kind",
    "kindergarten_orientation",
    "region",
    "municipality",
    "address",
    "inn",
    "ogrn",
    "phone",
    "email",
    "website",
    "description",
]
PERSON_FIELDS = ["last_name", "first_name", "middle_name", "gender", "email", "phone"]


def _strip(data: Mapping[str, Any]) -> dict[str, Any]:
    """Trim text, collapse inner whitespace, drop the invisible characters pasted from Word."""
    clean: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, str):
            value = " ".join(value.replace("\u00ad", "").replace("\u200b", "").split())
        clean[key] = value
    return clean


# --- clusters --------------------------------------------------------------------------------------


@transaction.atomic
def cluster_create(*, actor: Any, data: Mapping[str, Any]) -> Cluster:
    """Create a cluster (administrators only). A base organisation, if given, becomes a member
    with the role "опорная организация"."""
    require(access.can_create_cluster(actor))
    cluster = model_create(
        Cluster, actor=actor, action="organizations.cluster.created", data=_strip(data), fields=CLUSTER_FIELDS
    )
    if cluster.base_organization is not None:
        membership_set(actor=actor, cluster=cluster, organization=cluster.base_organization, role=Membership.Role.BASE)
    return cluster


@transaction.atomic
def cluster_update(*, actor: Any, cluster: Cluster, data: Mapping[str, Any]) -> Cluster:
    require(access.can_edit_cluster(actor, cluster))
    data = _strip(data)
    if "slug" in data and not access.roles_of(actor).is_admin and data["slug"] != cluster.slug:
        raise ValidationError(errors={"slug": [_("Адрес страницы кластера меняет только администратор.")]})
    cluster, changes = model_update(
        cluster, actor=actor, action="organizations.cluster.updated", data=data, fields=CLUSTER_FIELDS
    )
    if "base_organization" in changes and cluster.base_organization is not None:
        membership_set(actor=actor, cluster=cluster, organization=cluster.base_organization, role=Membership.Role.BASE)
    return cluster


# --- organisations ---------------------------------------------------------------------------------


def _organization_clean(data: Mapping[str, Any]) -> dict[str, Any]:
    data = _strip(data)
    for key in ("inn", "ogrn"):
        if isinstance(data.get(key), str):
            data[key] = re.sub(r"[\s-]", "", data[key])
    if isinstance(data.get("email"), str):
        data["email"] = data["email"].lower()
    return data


def _organization_rules(org: Organization) -> None:
    """Rules across fields, checked after field validation."""
    errors: dict[str, list[str]] = {}
    if org.kindergarten_orientation and org.kind != OrganizationKind.KINDERGARTEN:
        errors["kindergarten_orientation"] = [_("Направленность указывается только для детского сада.")]
    if errors:
        raise ValidationError(errors=errors)


def _organization_search_text(org: Organization) -> None:
    org.search_text = build_search_text(
        org.full_name,
        org.short_name,
        org.legal_form,
        org.get_kind_display() if org.kind else "",
        org.get_kindergarten_orientation_display() if org.kindergarten_orientation else "",
        org.municipality,
        REGION_NAMES.get(org.region, ""),
        org.address,
        org.inn,
    )


def _organization_checks(org: Organization) -> None:
    _organization_rules(org)
    _duplicate_check(org)


def _duplicate_check(org: Organization) -> None:
    dupes = organization_duplicates(
        inn=org.inn,
        full_name=org.full_name,
        short_name=org.short_name,
        municipality=org.municipality,
        exclude_pk=org.pk,
    )
    if dupes:
        other = dupes[0]
        raise Conflict(
            _("Такая организация уже есть в реестре: %(name)s (%(reason)s).")
            % {
                "name": other.display_name,
                "reason": _("тот же ИНН")
                if org.inn and other.inn == org.inn
                else _("то же наименование в том же муниципалитете"),
            }
        )


@transaction.atomic
def organization_create(
    *,
    actor: Any,
    data: Mapping[str, Any],
    cluster: Cluster | None = None,
    membership_role: str = Membership.Role.MEMBER,
    confirmed: bool = True,
) -> Organization:
    """Add an organisation to the registry (and, if given, to ``cluster``).

    Coordinators must name one of their clusters: they can then edit what they created.
    Duplicates (same ИНН, or the same normalised name in the same municipality) are refused.
    """
    roles = access.roles_of(actor)
    if confirmed:
        require(access.can_create_organization(actor))
        if not roles.is_admin:
            require(
                cluster is not None and cluster.pk in roles.coordinator_clusters,
                _("Укажите кластер, в который входит новая организация."),
            )
    org = model_create(
        Organization,
        actor=actor,
        action="organizations.organization.created",
        data=_organization_clean(data),
        fields=ORGANIZATION_FIELDS,
        clean_exclude=["search_text"],
        checks=_organization_checks,
        before_save=_organization_search_text,
        extra={"is_confirmed": confirmed},
    )
    if cluster is not None:
        membership_set(actor=actor, cluster=cluster, organization=org, role=membership_role)
    access.forget_roles(actor)
    return org


@transaction.atomic
def organization_update(*, actor: Any, organization: Organization, data: Mapping[str, Any]) -> Organization:
    require(access.can_edit_organization(actor, organization))
    data = _organization_clean(data)
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    if data.get("kind", org.kind) != OrganizationKind.KINDERGARTEN and "kindergarten_orientation" not in data:
        data["kindergarten_orientation"] = ""  # a school has no kindergarten orientation
    org, _changes = model_update(
        org,
        actor=actor,
        action="organizations.organization.updated",
        data=data,
        fields=ORGANIZATION_FIELDS,
        clean_exclude=["search_text"],
        checks=_organization_checks,
        before_save=_organization_search_text,
    )
    return org


def _parents_names(org: Organization) -> tuple[str, str]:
    """«Родители (законные представители) воспитанников …» for a kindergarten, «… обучающихся …»
    for the rest; the host's name is kept as it is written (names of organisations are not declined)."""
    pupils = _("воспитанников") if org.kind == OrganizationKind.KINDERGARTEN else _("обучающихся")
    return (
        _("Родители (законные представители) %(pupils)s %(org)s") % {"pupils": pupils, "org": org.full_name},
        _("Родители %(pupils)s %(org)s") % {"pupils": pupils, "org": org.display_name},
    )


@transaction.atomic
def parents_community_ensure(*, actor: Any, organization: Organization) -> Organization:
    """The parents of ``organization``'s children as a party of partnerships (kind «Родительская
    общественность»): created once, returned as is afterwards. Its editors are the host's editors
    (it is edited through the host), it joins no cluster and is not counted as an organisation."""
    require(access.can_edit_organization(actor, organization))
    if organization.kind in PSEUDO_KINDS:
        raise ValidationError(_("У родительской общественности нет своей родительской общественности."))
    existing = Organization.objects.filter(parents_of=organization).first()
    if existing is not None:
        return existing
    full_name, short_name = _parents_names(organization)
    community = model_create(
        Organization,
        actor=actor,
        action="organizations.organization.created",
        data={
            "full_name": full_name,
            "short_name": short_name,
            "kind": OrganizationKind.PARENTS,
            "region": organization.region,
            "municipality": organization.municipality,
        },
        fields=ORGANIZATION_FIELDS,
        clean_exclude=["search_text"],
        before_save=_organization_search_text,
        extra={"parents_of": organization, "is_confirmed": organization.is_confirmed},
    )
    access.forget_roles(actor)  # the snapshot read before it existed does not list the community
    return community


@transaction.atomic
def organization_confirm(*, actor: Any, organization: Organization) -> Organization:
    """A coordinator confirms an organisation typed in by a participant at registration."""
    require(access.can_confirm_organization(actor, organization))
    if not organization.is_confirmed:
        organization.is_confirmed = True
        organization.save(update_fields=["is_confirmed", "updated_at"])
        audit_log(
            actor=actor,
            action="organizations.organization.confirmed",
            target=organization,
            changes={"is_confirmed": [False, True]},
        )
    return organization


@transaction.atomic
def organization_delete(*, actor: Any, organization: Organization) -> None:
    """Remove an organisation that was entered by mistake (administrators only); one with
    people or memberships must be cleaned up first, so that nothing disappears silently."""
    require(access.roles_of(actor).is_admin, _("Удалять организации может только администратор."))
    if organization.positions.exists():
        raise Conflict(_("У организации есть сотрудники в реестре; сначала перенесите или удалите их."))
    audit_log(actor=actor, action="organizations.organization.deleted", target=organization)
    organization.delete()


# --- memberships -----------------------------------------------------------------------------------


@transaction.atomic
def membership_set(
    *,
    actor: Any,
    cluster: Cluster,
    organization: Organization,
    role: str = Membership.Role.MEMBER,
    since: date | None = None,
    until: date | None = None,
    note: str = "",
) -> Membership:
    """Put ``organization`` into ``cluster`` with ``role`` (or change the role and dates)."""
    require(access.can_manage_memberships(actor, cluster))
    membership = Membership.objects.filter(cluster=cluster, organization=organization).first()
    data = {"role": role, "since": since, "until": until, "note": note}
    if membership is None:
        membership = Membership(cluster=cluster, organization=organization, **data)
        full_clean(membership)
        membership.save()
        audit_log(
            actor=actor,
            action="organizations.membership.created",
            target=membership,
            changes=diff({}, snapshot(membership, ["cluster", "organization", *data])),
        )
    else:
        model_update(membership, actor=actor, action="organizations.membership.updated", data=data, fields=list(data))
    access.forget_roles(actor)
    return membership


@transaction.atomic
def membership_remove(*, actor: Any, membership: Membership) -> None:
    require(access.can_manage_memberships(actor, membership.cluster))
    if membership.cluster.base_organization_id == membership.organization_id:
        raise Conflict(_("Опорную организацию нельзя исключить: сначала назначьте другую."))
    audit_log(actor=actor, action="organizations.membership.removed", target=membership)
    membership.delete()
    access.forget_roles(actor)


# --- people ----------------------------------------------------------------------------------------

POSITION_CATEGORY_RULES: list[tuple[str, str]] = [
    (r"^(заместитель|зам\.)", Position.Category.DEPUTY),
    (r"^(директор|заведующ|руководител|начальник|ректор|управляющ|председател|глава)", Position.Category.HEAD),
    (r"методист", Position.Category.METHODOLOGIST),
    (
        r"^(старший )?(воспитател|учител|педагог|преподавател|тренер|логопед|дефектолог|психолог|"
        r"музыкальный руководитель|инструктор)",
        Position.Category.TEACHER,
    ),
    (r"студент|обучающ", Position.Category.STUDENT),
    (r"специалист|библиотекар|бухгалтер|инженер|юрист|секретар|экономист", Position.Category.SPECIALIST),
]


def position_category(title: str) -> str:
    """The category of a post title ("заведующая" → руководитель) for counts such as
    "50 руководителей"."""
    text = " ".join(title.lower().replace("ё", "е").split())
    for pattern, category in POSITION_CATEGORY_RULES:
        if re.search(pattern, text):
            return category
    return Position.Category.OTHER


def _person_clean(data: Mapping[str, Any]) -> dict[str, Any]:
    data = _strip(data)
    for key in ("last_name", "first_name", "middle_name"):
        value = data.get(key)
        if isinstance(value, str) and value and (value.isupper() or value.islower()):
            data[key] = "-".join(part[:1].upper() + part[1:].lower() for part in value.split("-"))
    if isinstance(data.get("email"), str):
        data["email"] = data["email"].lower()
    return data


def _person_finish(person: Person) -> None:
    if not person.gender:
        gender = ru.guess_gender(person.last_name, person.first_name, person.middle_name)
        person.gender = gender.value if gender else ""
    person.search_text = build_search_text(person.last_name, person.first_name, person.middle_name, person.email)


@transaction.atomic
def person_create(
    *,
    actor: Any,
    data: Mapping[str, Any],
    organization: Organization | None = None,
    position_title: str = "",
    allow_duplicate: bool = False,
) -> Person:
    """Add a person, usually with a post in ``organization``; gender follows the patronymic
    unless given. A person with the same e-mail, or the same ФИО in the same organisation, is
    refused as a duplicate unless ``allow_duplicate``."""
    require(access.can_create_person(actor, organization))

    def refuse_duplicate(person: Person) -> None:
        if allow_duplicate:
            return
        dupes = person_duplicates(
            last_name=person.last_name,
            first_name=person.first_name,
            middle_name=person.middle_name,
            email=person.email,
            organization=organization,
        )
        if dupes:
            raise Conflict(_("Такой человек уже есть в реестре: %(name)s.") % {"name": dupes[0].short_name})

    person = model_create(
        Person,
        actor=actor,
        action="organizations.person.created",
        data=_person_clean(data),
        fields=PERSON_FIELDS,
        clean_exclude=["search_text"],
        checks=refuse_duplicate,
        before_save=_person_finish,
    )
    if organization is not None and position_title:
        position_add(actor=actor, person=person, organization=organization, title=position_title)
    return person


@transaction.atomic
def person_update(*, actor: Any, person: Person, data: Mapping[str, Any]) -> Person:
    require(access.can_edit_person(actor, person))
    person = Person.objects.select_for_update().get(pk=person.pk)
    person, _changes = model_update(
        person,
        actor=actor,
        action="organizations.person.updated",
        data=_person_clean(data),
        fields=PERSON_FIELDS,
        clean_exclude=["search_text"],
        before_save=_person_finish,
    )
    return person


@transaction.atomic
def position_add(
    *,
    actor: Any,
    person: Person,
    organization: Organization,
    title: str,
    since: date | None = None,
    until: date | None = None,
    category: str = "",
) -> Position:
    require(access.can_edit_organization(actor, organization))
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError(errors={"title": [_("Укажите должность.")]})
    for existing in Position.objects.filter(person=person, organization=organization, until__isnull=True):
        if existing.title.lower() == title.lower():
            return existing
    position = Position(
        person=person,
        organization=organization,
        title=title,
        since=since,
        until=until,
        category=category or position_category(title),
    )
    full_clean(position)
    position.save()
    audit_log(
        actor=actor,
        action="organizations.position.created",
        target=position,
        changes=diff({}, snapshot(position, ["organization", "title", "since", "until"])),
    )
    return position


@transaction.atomic
def position_update(*, actor: Any, position: Position, data: Mapping[str, Any]) -> Position:
    require(access.can_edit_organization(actor, position.organization))
    data = _strip(data)
    if "title" in data and "category" not in data:
        data["category"] = position_category(data["title"])
    position, _changes = model_update(
        position,
        actor=actor,
        action="organizations.position.updated",
        data=data,
        fields=["title", "category", "since", "until"],
    )
    return position


@transaction.atomic
def position_remove(*, actor: Any, position: Position) -> None:
    require(access.can_edit_organization(actor, position.organization))
    audit_log(actor=actor, action="organizations.position.removed", target=position)
    position.delete()


# --- roles -----------------------------------------------------------------------------------------


@transaction.atomic
def role_grant(
    *, actor: Any, user: Any, role: str, cluster: Cluster | None = None, organization: Organization | None = None
) -> RoleAssignment:
    require(access.can_grant_role(actor, role=role, cluster=cluster, organization=organization))
    existing = RoleAssignment.objects.filter(user=user, role=role, cluster=cluster, organization=organization).first()
    if existing:
        return existing
    assignment = RoleAssignment(user=user, role=role, cluster=cluster, organization=organization)
    full_clean(assignment)
    assignment.save()
    audit_log(actor=actor, action="organizations.role.granted", target=assignment)
    access.forget_roles(user)
    return assignment


@transaction.atomic
def role_revoke(*, actor: Any, assignment: RoleAssignment) -> None:
    require(
        access.can_grant_role(
            actor, role=assignment.role, cluster=assignment.cluster, organization=assignment.organization
        )
    )
    audit_log(actor=actor, action="organizations.role.revoked", target=assignment)
    assignment.delete()
    access.forget_roles(assignment.user)


@transaction.atomic
def user_invite(
    *,
    actor: Any,
    email: str,
    role: str,
    cluster: Cluster | None = None,
    organization: Organization | None = None,
    first_name: str = "",
    last_name: str = "",
) -> RoleAssignment:
    """Give someone a role by e-mail: the account is created if there is none (without a usable
    password) and a link to set the password is sent after commit."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.tokens import default_token_generator
    from django.core.exceptions import ValidationError as DjangoValidationError
    from django.core.validators import validate_email
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from edcluster.core.mail import mail_queue, mail_render

    require(access.can_grant_role(actor, role=role, cluster=cluster, organization=organization))
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except DjangoValidationError as exc:
        raise ValidationError(errors={"email": [_("Введите правильный адрес электронной почты.")]}) from exc
    User = get_user_model()
    existing = User.objects.filter(email__iexact=email).first()
    created = existing is None
    if existing is None:
        user = User(username=email, email=email, first_name=first_name.strip(), last_name=last_name.strip())
        user.set_unusable_password()
        user.save()
        audit_log(actor=actor, action="organizations.user.invited", target=user)
    else:
        user = existing
    assignment = role_grant(actor=actor, user=user, role=role, cluster=cluster, organization=organization)
    if created:
        from django.conf import settings

        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        link = settings.SITE_URL + path
        subject, body, html = mail_render(
            "organizations/email/invite", {"assignment": assignment, "link": link, "site_url": settings.SITE_URL}
        )
        mail_queue(to=[email], subject=subject, body=body, html=html, topic="invite")
    return assignment
