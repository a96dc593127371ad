"""What a dashboard looks at (a cluster, a municipality, a region or the whole platform) and over
which dates. Both are plain values parsed from the query string, so that the page, its XLSX,
the drill-down lists, the DOCX report and the benchmark all ask for figures the same way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from edcluster.core import ru
from edcluster.core.errors import NotFound, ValidationError
from edcluster.events.models import Event
from edcluster.organizations.models import PSEUDO_KINDS, Cluster, Membership, Organization
from edcluster.organizations.regions import REGIONS

REGION_NAMES = dict(REGIONS)

CLUSTER, MUNICIPALITY, REGION, PLATFORM = "cluster", "municipality", "region", "platform"
SCOPE_KINDS = (CLUSTER, MUNICIPALITY, REGION, PLATFORM)


@dataclass(frozen=True)
class Scope:
    """One territory or network; each ``*_q`` method says which records of an app belong to it."""

    kind: str
    cluster: Cluster | None = None
    region: str = ""
    municipality: str = ""

    @property
    def title(self) -> str:
        if self.kind == CLUSTER and self.cluster is not None:
            return self.cluster.name
        if self.kind == MUNICIPALITY:
            region = REGION_NAMES.get(self.region, "")
            return f"{self.municipality} ({region})" if region else self.municipality
        if self.kind == REGION:
            return REGION_NAMES.get(self.region, self.region)
        return _("Вся платформа")

    def params(self) -> dict[str, str]:
        """The query-string parameters that name this scope."""
        out = {"scope": self.kind}
        if self.cluster is not None:
            out["cluster"] = self.cluster.slug
        if self.region:
            out["region"] = self.region
        if self.municipality:
            out["municipality"] = self.municipality
        return out

    # --- which records belong to the scope ---------------------------------------------------------

    def _territory(self, prefix: str) -> Q:
        q = Q()
        if self.region:
            q &= Q(**{f"{prefix}region": self.region})
        if self.municipality:
            q &= Q(**{f"{prefix}municipality": self.municipality})
        return q

    def organization_q(self, prefix: str = "") -> Q:
        """Organisations of the scope (``prefix`` walks to the organisation from another model)."""
        if self.kind == CLUSTER and self.cluster is not None:
            ids = Membership.objects.filter(cluster_id=self.cluster.pk).values("organization_id")
            return Q(**{f"{prefix}pk__in" if prefix == "" else f"{prefix}id__in": ids})
        if self.kind in (MUNICIPALITY, REGION):
            return self._territory(prefix)
        return Q()

    def organizations(self) -> QuerySet[Organization]:
        # A parents' community is a party of partnerships, not an organisation of the counts.
        return Organization.objects.filter(self.organization_q(), is_confirmed=True).exclude(kind__in=PSEUDO_KINDS)

    def event_q(self) -> Q:
        if self.kind == CLUSTER and self.cluster is not None:
            return Q(cluster_id=self.cluster.pk)
        if self.kind in (MUNICIPALITY, REGION):
            # the union of the two ways an event belongs to a territory, as ids: the OR of two
            # joins made PostgreSQL read every event of the period with every organisation, and
            # an OR of two IN subqueries misestimated (bench/README.md, scale)
            by_cluster = Event.objects.filter(self._territory("cluster__")).order_by().values("pk")
            by_venue = (
                Event.objects.filter(Q(venue_organization__isnull=False) & self._territory("venue_organization__"))
                .order_by()
                .values("pk")
            )
            return Q(pk__in=by_cluster.union(by_venue))
        return Q()

    def decision_q(self) -> Q:
        if self.kind == CLUSTER and self.cluster is not None:
            return Q(cluster_id=self.cluster.pk)
        if self.kind in (MUNICIPALITY, REGION):
            return self._territory("cluster__")
        return Q()

    def partnership_q(self) -> Q:
        if self.kind == PLATFORM:
            return Q()
        from edcluster.partnerships.models import Party

        parties = Party.objects.filter(self.organization_q("organization__")).values("partnership_id")
        return Q(pk__in=parties)

    def centre_q(self) -> Q:
        return self.organization_q("organization__")


def scope_from(params: Any, default: Scope | None = None) -> Scope:
    """The scope named by a query string; ``NotFound`` for a cluster that does not exist."""
    kind = (params.get("scope") or "").strip()
    if not kind:
        if default is None:
            raise NotFound()
        return default
    if kind not in SCOPE_KINDS:
        raise ValidationError(_("Неизвестный разрез: выберите кластер, муниципалитет, регион или всю платформу."))
    if kind == CLUSTER:
        slug = (params.get("cluster") or "").strip()
        cluster = Cluster.objects.filter(slug=slug).first() if slug else None
        if cluster is None:
            raise NotFound()
        return Scope(kind=CLUSTER, cluster=cluster)
    region = (params.get("region") or "").strip()
    if region and region not in REGION_NAMES:
        raise ValidationError(_("Неизвестный регион: укажите код субъекта РФ из списка."))
    if kind == REGION:
        if not region:
            raise ValidationError(_("Выберите регион."))
        return Scope(kind=REGION, region=region)
    if kind == MUNICIPALITY:
        municipality = (params.get("municipality") or "").strip()
        if not municipality:
            raise ValidationError(_("Укажите муниципалитет."))
        return Scope(kind=MUNICIPALITY, region=region, municipality=municipality[:200])
    return Scope(kind=PLATFORM)


# --- period ----------------------------------------------------------------------------------------

PRESETS = {
    "year": gettext_lazy("этот год"),
    "last_year": gettext_lazy("прошлый год"),
    "quarter": gettext_lazy("этот квартал"),
    "last_quarter": gettext_lazy("прошлый квартал"),
    "all": gettext_lazy("за всё время"),
    "custom": gettext_lazy("свои даты"),
}
EARLIEST = dt.date(2000, 1, 1)


def _quarter(day: dt.date) -> tuple[dt.date, dt.date]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = dt.date(day.year, first_month, 1)
    next_start = dt.date(day.year + (first_month == 10), (first_month + 2) % 12 + 1, 1)
    return start, next_start - dt.timedelta(days=1)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    preset: str = "custom"

    @property
    def label(self) -> str:
        if self.preset == "all":
            return str(PRESETS["all"])
        return ru.format_date_range(self.start, self.end if self.end != self.start else None)

    def params(self) -> dict[str, str]:
        if self.preset not in ("custom", ""):
            return {"period": self.preset}
        return {"period": "custom", "from": self.start.isoformat(), "to": self.end.isoformat()}

    def previous_year(self) -> Period:
        """The same dates a year earlier (29 February becomes 28 February)."""

        def back(day: dt.date) -> dt.date:
            try:
                return day.replace(year=day.year - 1)
            except ValueError:
                return day.replace(year=day.year - 1, day=28)

        return Period(start=back(self.start), end=back(self.end), preset="custom")


def preset_period(preset: str, today: dt.date) -> Period:
    if preset == "last_year":
        return Period(dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31), preset)
    if preset == "quarter":
        return Period(*_quarter(today), preset)
    if preset == "last_quarter":
        start, _end = _quarter(today)
        return Period(*_quarter(start - dt.timedelta(days=1)), preset)
    if preset == "all":
        return Period(EARLIEST, dt.date(today.year + 5, 12, 31), preset)
    return Period(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31), "year")


def _parse_date(value: str, label: str) -> dt.date:
    value = value.strip()
    for parse in (dt.date.fromisoformat, lambda v: dt.datetime.strptime(v, "%d.%m.%Y").date()):
        try:
            return parse(value)
        except ValueError:
            continue
    raise ValidationError(_("Дата «{label}» указана неверно: нужна дата вида 31.12.2025.").format(label=label))


def period_from(params: Any, today: dt.date | None = None) -> Period:
    """The period named by a query string: a preset or ``from``/``to`` dates (ISO)."""
    today = today or dt.date.today()
    preset = (params.get("period") or "").strip()
    start_raw, end_raw = (params.get("from") or "").strip(), (params.get("to") or "").strip()
    if preset in ("", "custom") and (start_raw or end_raw):
        start = _parse_date(start_raw, _("с")) if start_raw else dt.date(today.year, 1, 1)
        end = _parse_date(end_raw, _("по")) if end_raw else today
        if end < start:
            raise ValidationError(_("Конец периода раньше его начала."))
        if start < EARLIEST:
            start = EARLIEST
        return Period(start, end, "custom")
    return preset_period(preset if preset in PRESETS else "year", today)
