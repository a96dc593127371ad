"""Dashboard snapshots: the figures of one scope and period as computed by
``selectors.dashboard_figures`` at ``computed_at`` (see ``analytics.snapshots``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DashboardSnapshot(models.Model):
    scope_key = models.CharField(_("разрез"), max_length=260)  # "cluster:12", "region:43", "platform"…
    period_key = models.CharField(_("период"), max_length=40)  # "2026-01-01:2026-12-31" (":all" for all time)
    scope_params = models.JSONField(_("параметры разреза"), default=dict)  # to rebuild the scope in a task
    period_preset = models.CharField(_("вид периода"), max_length=20, default="custom")
    computed_at = models.DateTimeField(_("данные на"))  # when the computation started
    compute_ms = models.PositiveIntegerField(_("время расчёта, мс"), default=0)
    viewed_at = models.DateTimeField(_("последний просмотр"))
    data = models.JSONField(_("показатели"), default=dict)

    class Meta:
        verbose_name = _("снимок панели аналитики")
        verbose_name_plural = _("снимки панелей аналитики")
        constraints = [models.UniqueConstraint(fields=["scope_key", "period_key"], name="dashboard_snapshot_key")]
        indexes = [models.Index(fields=["viewed_at"], name="dashboard_snapshot_viewed")]

    def __str__(self) -> str:
        return f"{self.scope_key} {self.period_key}"
