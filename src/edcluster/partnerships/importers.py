"""XLSX import of partnerships (two-phase, see ``core.tabular``). The columns are those of the
list's XLSX export, so an exported file imports back."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from edcluster.core.tabular import Column, Importer, cell_text, choice_code, register
from edcluster.organizations.models import Organization
from edcluster.partnerships import access, services
from edcluster.partnerships.models import Direction, Partnership, PartnershipKind, PartnershipStatus, PartyRole


def _date(value: Any, label: str, errors: list[str]) -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = cell_text(value)
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    errors.append(_("%(f)s: «%(v)s» — не дата (нужно ДД.ММ.ГГГГ)") % {"f": label, "v": text})
    return None


def _organization(text: str) -> Organization | None:
    digits = re.sub(r"\D", "", text)
    if digits and digits == text and len(digits) in (10, 12):
        return Organization.objects.filter(inn=digits, is_confirmed=True).first()
    return Organization.objects.filter(Q(short_name=text) | Q(full_name=text), is_confirmed=True).first()


@register
class PartnershipImporter(Importer):
    kind = "partnerships"
    title = _("Партнёрства")
    columns = [
        Column("number", "Номер", example="12"),
        Column("title", "Название", required=True, example="Робототехника и программирование со школой № 9"),
        Column("kind", "Вид", required=True, example="Соглашение о сотрудничестве"),
        Column("status", "Статус", example="действует"),
        Column("signed_on", "Дата подписания", example="02.09.2024"),
        Column("valid_from", "Действует с", example="02.09.2024"),
        Column("valid_until", "Действует по", example="31.08.2027 или «бессрочно»"),
        Column(
            "parties",
            "Стороны",
            required=True,
            example="МАДОУ № 24 «Журавушка» (инициатор); Школа № 9 г. Искитима (партнёр)",
        ),
        Column("directions", "Направления", example="Робототехника и программирование"),
    ]

    def allowed(self) -> bool:
        return access.can_import_partnerships(self.actor)

    def clean_row(self, raw: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        errors: list[str] = []
        v: dict[str, Any] = {
            k: cell_text(raw.get(k)) for k in ("number", "title", "kind", "status", "parties", "directions")
        }
        if not v["title"]:
            errors.append(_("не указано название"))
        kind = choice_code(v["kind"], PartnershipKind.choices) if v["kind"] else None
        if kind is None:
            errors.append(_("вид «%(v)s» не распознан (например: Совместный проект)") % {"v": v["kind"]})
        v["kind"] = kind or ""
        status = choice_code(v["status"], PartnershipStatus.choices) if v["status"] else PartnershipStatus.DRAFT
        if status not in (PartnershipStatus.DRAFT, PartnershipStatus.ACTIVE, PartnershipStatus.EXPIRING):
            errors.append(_("статус «%(v)s»: импортируются черновики и действующие партнёрства") % {"v": v["status"]})
        v["status"] = status or ""
        v["signed_on"] = _date(raw.get("signed_on"), _("дата подписания"), errors)
        v["valid_from"] = _date(raw.get("valid_from"), _("действует с"), errors)
        until = raw.get("valid_until")
        v["indefinite"] = cell_text(until).lower() == "бессрочно"
        v["valid_until"] = None if v["indefinite"] else _date(until, _("действует по"), errors)
        parties = []
        org_ids: set[int] = set()
        for i, chunk in enumerate(p for p in v["parties"].split(";") if p.strip()):
            m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", chunk.strip())
            name, role_text = (m.group(1), m.group(2)) if m else (chunk.strip(), "")
            role = choice_code(role_text, PartyRole.choices) if role_text else None
            if role_text and role is None:
                errors.append(_("роль «%(v)s» не распознана") % {"v": role_text})
            org = _organization(name.strip())
            if org is None:
                errors.append(_("организация «%(v)s» не найдена в реестре") % {"v": name.strip()})
                continue
            org_ids.add(org.pk)
            parties.append({"organization_id": org.pk, "role": role or ("initiator" if i == 0 else "partner")})
        if len(parties) < 2 and not any("не найдена" in e for e in errors):
            errors.append(_("нужно не меньше двух сторон через «;»"))
        if org_ids and not access.can_be_party_author(self.actor, org_ids):
            errors.append(_("среди сторон нет организации, которую вы ведёте"))
        v["parties"] = parties
        names = [n.strip() for n in v["directions"].split(";") if n.strip()]
        found = {d.name.lower(): d.pk for d in Direction.objects.all()}
        v["direction_ids"] = []
        for n in names:
            if n.lower() not in found:
                errors.append(_("направление «%(v)s» не найдено в списке направлений") % {"v": n})
            else:
                v["direction_ids"].append(found[n.lower()])
        del v["directions"]
        return v, errors

    def keys(self, values: dict[str, Any]) -> list[str]:
        orgs = ",".join(
            str(p["organization_id"]) for p in sorted(values["parties"], key=lambda p: p["organization_id"])
        )
        return [f"p:{values['title'].lower()}:{orgs}"]

    def existing(self, values: dict[str, Any]) -> str:
        ids = [p["organization_id"] for p in values["parties"]]
        qs = Partnership.objects.filter(title__iexact=values["title"])
        for pk in ids:
            qs = qs.filter(parties__organization_id=pk)
        found = qs.first()
        return _("уже есть: %(t)s") % {"t": found.title} if found else ""

    def label(self, values: dict[str, Any]) -> str:
        return values.get("title", "")

    def write(self, values: dict[str, Any]) -> Partnership:
        orgs = Organization.objects.in_bulk([p["organization_id"] for p in values["parties"]])
        data = {
            k: values[k] for k in ("number", "title", "kind", "signed_on", "valid_from", "valid_until", "indefinite")
        }
        for k in ("signed_on", "valid_from", "valid_until"):
            data[k] = date.fromisoformat(data[k]) if data[k] else None
        return services.partnership_create(
            actor=self.actor,
            data=data,
            parties=[{"organization": orgs[p["organization_id"]], "role": p["role"]} for p in values["parties"]],
            directions=list(Direction.objects.filter(pk__in=values["direction_ids"])),
            activate=values["status"] != PartnershipStatus.DRAFT,
        )


__all__ = ["PartnershipImporter"]
