"""Demo certificates, only with facts the samples state (../shared/samples/):

- info_letter_conference.txt — «участникам, выступившим с докладом и/или принявшим активное
  участие … будут направлены сертификаты активных участников конференции»: the conference of
  14 November 2025 gets these two kinds and the cluster «СТАРТ» numbers them 2025-СТАРТ-000001…
  (the demo has no registrations for it, so none is issued yet);
- council_protocol.txt — the seven speakers of the meeting of 26 February 2025 came and spoke:
  each gets a speaker's certificate (issued once; a rerun issues nothing).
"""

from __future__ import annotations

from datetime import date

from edcluster.certificates import services
from edcluster.certificates.models import KindCode, NameCase, Rule
from edcluster.core.demo_loader import DemoContext
from edcluster.events.models import Event

ACTIVE_WORDING = "принял(а) активное участие в обсуждении вопросов методической конференции {event}, {date}"
SPEAKER_WORDING = "выступил(а) с докладом {talk} на методической конференции {event}, {date}"


def _kind(ctx: DemoContext, event: Event, code: str, title: str, wording: str, rule: str) -> None:
    if not event.certificate_kinds.filter(code=code).exists():
        services.kind_save(
            actor=ctx.admin,
            event=event,
            data={
                "code": code,
                "title": title,
                "lead": "подтверждает, что",
                "name_case": NameCase.NOMN,
                "wording": wording,
                "rule": rule,
            },
        )


def _conference(ctx: DemoContext) -> None:
    event = Event.objects.filter(cluster__slug="start", starts_on=date(2025, 11, 14)).select_related("cluster").first()
    if event is None:
        return
    series = services.series_for(event.cluster)
    if series.code != "СТАРТ":
        services.series_update(actor=ctx.admin, cluster=event.cluster, code="СТАРТ", pattern=series.pattern)
    _kind(ctx, event, KindCode.ACTIVE, "СЕРТИФИКАТ АКТИВНОГО УЧАСТНИКА", ACTIVE_WORDING, Rule.MARKED)
    _kind(ctx, event, KindCode.SPEAKER, "СЕРТИФИКАТ АКТИВНОГО УЧАСТНИКА", SPEAKER_WORDING, Rule.SPEAKERS)
    ctx.objects["conference_certificates"] = event


def _council(ctx: DemoContext) -> None:
    event = Event.objects.filter(starts_on=date(2025, 2, 26), kind="council").select_related("cluster").first()
    if event is None:
        return
    _kind(
        ctx,
        event,
        KindCode.SPEAKER,
        "СЕРТИФИКАТ ДОКЛАДЧИКА",
        "выступил(а) с докладом {talk} на заседании Координационного совета, {date}",
        Rule.SPEAKERS,
    )
    kind = event.certificate_kinds.get(code=KindCode.SPEAKER)
    for registration in services.selectors.eligible_registrations(kind):
        services.certificate_issue(actor=ctx.admin, kind=kind, registration=registration, issued_on=date(2025, 2, 26))


def load(ctx: DemoContext) -> None:
    _conference(ctx)
    _council(ctx)
