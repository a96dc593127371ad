"""XLSX import of organisations and of people with their posts (two-phase, see ``core.tabular``)."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from edcluster.core import ru
from edcluster.core.tabular import Column, Importer, cell_text, choice_code, register
from edcluster.organizations import access, services
from edcluster.organizations.models import (
    Cluster,
    KindergartenOrientation,
    Membership,
    Organization,
    OrganizationKind,
)
from edcluster.organizations.regions import region_code
from edcluster.organizations.selectors import normalize_org_name, organization_duplicates, person_duplicates
from edcluster.organizations.validators import validate_inn, validate_ogrn


def _check(validator, value: str, errors: list[str], label: str) -> None:
    try:
        validator(value)
    except DjangoValidationError as exc:
        errors.extend(f"{label}: {m}" for m in exc.messages)


def _cluster_option(options: dict[str, Any]) -> Cluster | None:
    pk = options.get("cluster")
    return Cluster.objects.filter(pk=pk).first() if pk else None


@register
class OrganizationImporter(Importer):
    kind = "organizations"
    title = _("Организации")
    columns = [
        Column(
            "full_name",
            "Полное наименование",
            required=True,
            aliases=("наименование", "название"),
            example="Муниципальное автономное дошкольное образовательное учреждение детский сад № 24 «Журавушка»",
        ),
        Column("short_name", "Краткое наименование", aliases=("краткое название",), example="МАДОУ № 24 «Журавушка»"),
        Column("legal_form", "Правовая форма", aliases=("опф", "организационно-правовая форма"), example="МАДОУ"),
        Column("kind", "Тип", required=True, example="Детский сад"),
        Column("kindergarten_orientation", "Направленность", example="общеразвивающего вида"),
        Column("region", "Регион", aliases=("субъект рф", "субъект"), example="Новосибирская область"),
        Column("municipality", "Муниципалитет", aliases=("город", "район"), example="Искитим"),
        Column("address", "Адрес", example="г. Искитим, ул. Пушкина, 1"),
        Column("inn", "ИНН", example="5446000000"),
        Column("ogrn", "ОГРН", example=""),
        Column("phone", "Телефон"),
        Column("email", "E-mail", aliases=("email", "эл. почта", "электронная почта")),
        Column("website", "Сайт"),
        Column("role", "Роль в кластере", example="Участник"),
    ]

    def allowed(self) -> bool:
        if not access.can_import_registry(self.actor):
            return False
        cluster = _cluster_option(self.options)
        roles = access.roles_of(self.actor)
        return roles.is_admin or (cluster is not None and cluster.pk in roles.coordinator_clusters)

    def clean_row(self, raw: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        v = {k: cell_text(raw.get(k)) for k in (c.key for c in self.columns)}
        errors: list[str] = []
        if not v["full_name"]:
            errors.append(_("не указано полное наименование"))
        kind = choice_code(v["kind"], OrganizationKind.choices) if v["kind"] else None
        if kind is None:
            errors.append(_("тип «%(v)s» не распознан (например: Детский сад, Школа, Колледж)") % {"v": v["kind"]})
        v["kind"] = kind or ""
        if v["kindergarten_orientation"]:
            orientation = choice_code(v["kindergarten_orientation"], KindergartenOrientation.choices)
            if orientation is None:
                errors.append(_("направленность «%(v)s» не распознана") % {"v": v["kindergarten_orientation"]})
            v["kindergarten_orientation"] = orientation or ""
        if v["region"]:
            code = region_code(v["region"])
            if code is None:
                errors.append(_("регион «%(v)s» не найден среди субъектов РФ") % {"v": v["region"]})
            v["region"] = code or ""
        v["inn"] = re.sub(r"[\s-]", "", v["inn"])
        v["ogrn"] = re.sub(r"[\s-]", "", v["ogrn"])
        _check(validate_inn, v["inn"], errors, "ИНН")
        _check(validate_ogrn, v["ogrn"], errors, "ОГРН")
        if v["email"]:
            _check(EmailValidator(message=_("неверный адрес")), v["email"].lower(), errors, "E-mail")
            v["email"] = v["email"].lower()
        if v["website"]:
            if not re.match(r"^https?://", v["website"]):
                v["website"] = "http://" + v["website"]
            _check(URLValidator(message=_("неверный адрес сайта")), v["website"], errors, _("Сайт"))
        role = choice_code(v["role"], Membership.Role.choices) if v["role"] else Membership.Role.MEMBER
        if role is None:
            errors.append(_("роль в кластере «%(v)s» не распознана") % {"v": v["role"]})
        v["role"] = role or ""
        return v, errors

    def keys(self, values: dict[str, Any]) -> list[str]:
        keys = [f"inn:{values['inn']}"] if values["inn"] else []
        place = normalize_org_name(values["municipality"])
        keys += [f"name:{place}:{normalize_org_name(n)}" for n in (values["full_name"], values["short_name"]) if n]
        return keys

    def existing(self, values: dict[str, Any]) -> str:
        dupes = organization_duplicates(
            inn=values["inn"],
            full_name=values["full_name"],
            short_name=values["short_name"],
            municipality=values["municipality"],
        )
        return _("уже есть в реестре: %(name)s") % {"name": dupes[0].display_name} if dupes else ""

    def label(self, values: dict[str, Any]) -> str:
        return values.get("short_name") or values.get("full_name", "")

    def write(self, values: dict[str, Any]) -> Organization:
        data = {k: v for k, v in values.items() if k != "role"}
        return services.organization_create(
            actor=self.actor,
            data=data,
            cluster=_cluster_option(self.options),
            membership_role=values["role"] or Membership.Role.MEMBER,
        )


@register
class PersonImporter(Importer):
    kind = "people"
    title = _("Люди и должности")
    columns = [
        Column("last_name", "Фамилия", required=True, example="Грязева"),
        Column("first_name", "Имя", required=True, example="Елена"),
        Column("middle_name", "Отчество", example="Борисовна"),
        Column("email", "E-mail", aliases=("email", "эл. почта", "электронная почта")),
        Column("phone", "Телефон"),
        Column(
            "organization",
            "Организация",
            required=True,
            aliases=("место работы",),
            example="КОГОБУ СШ пгт Подосиновец или ИНН",
        ),
        Column("position", "Должность", required=True, example="методист"),
    ]

    def allowed(self) -> bool:
        return access.can_import_registry(self.actor)

    def _organization(self, text: str) -> Organization | None:
        digits = re.sub(r"\D", "", text)
        if digits and len(digits) in (10, 12) and digits == text.strip():
            return Organization.objects.filter(inn=digits).first()
        key = normalize_org_name(text)
        words = [w for w in re.findall(r"\w+", key) if len(w) > 3]
        if not words:
            return None
        for org in Organization.objects.filter(search_text__contains=f" {max(words, key=len)}")[:200]:
            if key in (normalize_org_name(org.short_name), normalize_org_name(org.full_name)):
                return org
        return None

    def clean_row(self, raw: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        v = {k: cell_text(raw.get(k)) for k in (c.key for c in self.columns)}
        errors: list[str] = []
        for key, label in (("last_name", _("фамилия")), ("first_name", _("имя")), ("position", _("должность"))):
            if not v[key]:
                errors.append(_("не указано: %(f)s") % {"f": label})
        if v["email"]:
            v["email"] = v["email"].lower()
            _check(EmailValidator(message=_("неверный адрес")), v["email"], errors, "E-mail")
        org = self._organization(v["organization"]) if v["organization"] else None
        if org is None:
            errors.append(_("организация «%(v)s» не найдена в реестре") % {"v": v["organization"]})
        elif not access.can_edit_organization(self.actor, org):
            errors.append(_("нет прав добавлять людей в «%(v)s»") % {"v": org.display_name})
        v["organization_id"] = org.pk if org else None
        return v, errors

    def keys(self, values: dict[str, Any]) -> list[str]:
        name = normalize_org_name(f"{values['last_name']} {values['first_name']} {values['middle_name']}")
        keys = [f"person:{values['organization_id']}:{name}"]
        if values["email"]:
            keys.append(f"email:{values['email']}")
        return keys

    def existing(self, values: dict[str, Any]) -> str:
        org = Organization.objects.get(pk=values["organization_id"])
        dupes = person_duplicates(
            last_name=values["last_name"],
            first_name=values["first_name"],
            middle_name=values["middle_name"],
            email=values["email"],
            organization=org,
        )
        return _("уже есть в реестре: %(name)s") % {"name": dupes[0].short_name} if dupes else ""

    def label(self, values: dict[str, Any]) -> str:
        return ru.FullName(
            values.get("last_name", ""), values.get("first_name", ""), values.get("middle_name", "")
        ).short

    def write(self, values: dict[str, Any]):
        org = Organization.objects.get(pk=values["organization_id"])
        data = {k: values[k] for k in ("last_name", "first_name", "middle_name", "email", "phone")}
        return services.person_create(actor=self.actor, data=data, organization=org, position_title=values["position"])
