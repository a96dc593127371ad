from __future__ import annotations

from edcluster.certificates import services
from edcluster.certificates.models import Certificate, KindCode
from edcluster.events.models import Event
from tests.certificates.helpers import held_event, registration
from tests.permissions import EVERYONE, X_COORDINATOR, Case

TITLE = "Конференция с сертификатами"


def event(w) -> Event:
    found = Event.objects.filter(cluster=w.cluster_x, title=TITLE).first()
    return found or held_event(w.cluster_x, title=TITLE)


def kind(w, code=KindCode.PARTICIPANT):
    return event(w).certificate_kinds.get(code=code)


def certificate(w) -> Certificate:
    ev = event(w)
    cert, _c = services.certificate_issue(actor=None, kind=kind(w), registration=registration(ev, "Грязева"))
    return cert


def fresh_certificate(w) -> Certificate:
    """A certificate not yet revoked (the matrix revokes with every allowed role)."""
    ev = event(w)
    for reg in ev.registrations.filter(checked_in_at__isnull=False):
        cert, _c = services.certificate_issue(actor=None, kind=kind(w), registration=reg)
        if not cert.is_revoked:
            return cert
    return certificate(w)


def kind_payload(w):
    return {
        "code": "organizer",
        "rule": "marked",
        "title": "БЛАГОДАРНОСТЬ",
        "lead": "",
        "name_case": "nomn",
        "wording": "за {event}",
    }


def unchanged_kinds(w) -> bool:
    return not event(w).certificate_kinds.filter(title="БЛАГОДАРНОСТЬ").exists()


def series_payload(w):
    return {"code": "МАТРИЦА", "pattern": "{year}-{code}-{seq:06d}"}


def series_unchanged(w) -> bool:
    return services.series_for(w.cluster_x).code != "МАТРИЦА"


def design_payload(w):
    from edcluster.certificates.pdf import DEFAULT_LAYOUT

    data = {"signer": "Подписант матрицы"}
    for block, values in DEFAULT_LAYOUT.items():
        for key, value in values.items():
            data[f"{block}__{key}"] = value
    return data


def design_unchanged(w) -> bool:
    return services.design_for(event(w)).signer != "Подписант матрицы"


def marks_unchanged(w) -> bool:
    return not kind(w, KindCode.ACTIVE).marked.exists()


C = "certificates:"
EV = lambda w: event(w).pk  # noqa: E731
CASES = [
    Case(C + "event", "GET", lambda w: f"/events/{EV(w)}/certificates/", X_COORDINATOR),
    Case(C + "kinds_default", "POST", lambda w: f"/events/{EV(w)}/certificates/kinds/default/", X_COORDINATOR),
    Case(C + "kind_new", "GET", lambda w: f"/events/{EV(w)}/certificates/kinds/new/", X_COORDINATOR),
    Case(
        C + "kind_new",
        "POST",
        lambda w: f"/events/{EV(w)}/certificates/kinds/new/",
        X_COORDINATOR,
        data=kind_payload,
        unchanged=unchanged_kinds,
    ),
    Case(C + "kind_edit", "GET", lambda w: f"/events/{EV(w)}/certificates/kinds/{kind(w).pk}/", X_COORDINATOR),
    Case(
        C + "kind_marks",
        "GET",
        lambda w: f"/events/{EV(w)}/certificates/kinds/{kind(w, 'active').pk}/marks/",
        X_COORDINATOR,
    ),
    Case(
        C + "kind_marks",
        "POST",
        lambda w: f"/events/{EV(w)}/certificates/kinds/{kind(w, 'active').pk}/marks/",
        X_COORDINATOR,
        data=lambda w: {"registration": [registration(event(w), "Мохина").pk]},
        unchanged=marks_unchanged,
    ),
    Case(
        C + "kind_preview",
        "GET",
        lambda w: f"/events/{EV(w)}/certificates/kinds/{kind(w).pk}/preview.pdf",
        X_COORDINATOR,
    ),
    Case(C + "design", "GET", lambda w: f"/events/{EV(w)}/certificates/design/", X_COORDINATOR),
    Case(
        C + "design",
        "POST",
        lambda w: f"/events/{EV(w)}/certificates/design/",
        X_COORDINATOR,
        data=design_payload,
        unchanged=design_unchanged,
    ),
    Case(C + "issue", "POST", lambda w: f"/events/{EV(w)}/certificates/issue/", X_COORDINATOR),
    Case(C + "progress", "GET", lambda w: f"/events/{EV(w)}/certificates/progress/", X_COORDINATOR),
    Case(C + "download_pdf", "GET", lambda w: f"/events/{certificate(w).event_id}/certificates.pdf", X_COORDINATOR),
    Case(C + "download_zip", "GET", lambda w: f"/events/{certificate(w).event_id}/certificates.zip", X_COORDINATOR),
    Case(C + "revoke", "GET", lambda w: f"/certificates/{certificate(w).pk}/revoke/", X_COORDINATOR),
    Case(
        C + "revoke",
        "POST",
        lambda w: f"/certificates/{fresh_certificate(w).pk}/revoke/",
        X_COORDINATOR,
        data=lambda w: {"reason": "проверка прав"},
    ),
    Case(C + "series", "GET", lambda w: "/clusters/x/certificates/numbering/", X_COORDINATOR),
    Case(
        C + "series",
        "POST",
        lambda w: "/clusters/x/certificates/numbering/",
        X_COORDINATOR,
        data=series_payload,
        unchanged=series_unchanged,
    ),
    Case(C + "verify", "GET", lambda w: f"/verify/{certificate(w).code}/", EVERYONE),
    Case(C + "verify_pdf", "GET", lambda w: f"/verify/{certificate(w).code}/certificate.pdf", EVERYONE),
    Case(C + "my", "GET", lambda w: f"/my-certificates/{services.my_token(certificate(w).email)}/", EVERYONE),
    Case(
        "GET /api/events/{event_id}/certificates",
        "GET",
        lambda w: f"/api/events/{certificate(w).event_id}/certificates",
        X_COORDINATOR,
    ),
    Case(
        "POST /api/events/{event_id}/certificates/issue",
        "POST",
        lambda w: f"/api/events/{EV(w)}/certificates/issue",
        X_COORDINATOR,
        data=lambda w: {"registration_id": registration(event(w), "Залесова").pk, "kind_id": kind(w).pk},
        json=True,
    ),
    Case(
        "POST /api/certificates/{certificate_id}/revoke",
        "POST",
        lambda w: f"/api/certificates/{fresh_certificate(w).pk}/revoke",
        X_COORDINATOR,
        data=lambda w: {"reason": "проверка прав"},
        json=True,
    ),
    Case(
        "GET /api/certificates/verify/{code}",
        "GET",
        lambda w: f"/api/certificates/verify/{certificate(w).code}",
        EVERYONE,
    ),
]


def with_batch(w) -> int:
    """The event, with one background issue already run (the batch the API reports on)."""
    ev = event(w)
    if not ev.certificate_batches.exists():
        services.batch_start(actor=None, event=ev, send_mail=False)
    return ev.pk


def without_speaker_kind(w) -> int:
    """The event without its speaker kind, so that one can be added."""
    event(w).certificate_kinds.filter(code=KindCode.SPEAKER).delete()
    return EV(w)


K = "/api/events/{event_id}/certificate-kinds"
CASES += [
    Case(f"GET {K}", "GET", lambda w: f"/api/events/{EV(w)}/certificate-kinds", X_COORDINATOR),
    Case(
        f"POST {K}",
        "POST",
        lambda w: f"/api/events/{without_speaker_kind(w)}/certificate-kinds",
        X_COORDINATOR,
        data=lambda w: {**kind_payload(w), "code": "speaker"},
        json=True,
    ),
    Case(f"POST {K}/default", "POST", lambda w: f"/api/events/{EV(w)}/certificate-kinds/default", X_COORDINATOR),
    Case(
        f"PATCH {K}/{{kind_id}}",
        "PATCH",
        lambda w: f"/api/events/{EV(w)}/certificate-kinds/{kind(w).pk}",
        X_COORDINATOR,
        data=lambda w: {"title": "БЛАГОДАРНОСТЬ"},
        json=True,
    ),
    Case(
        f"POST {K}/{{kind_id}}/marks",
        "POST",
        lambda w: f"/api/events/{EV(w)}/certificate-kinds/{kind(w, 'active').pk}/marks",
        X_COORDINATOR,
        data=lambda w: {"registration_ids": [registration(event(w), "Грязева").pk]},
        json=True,
    ),
    Case(
        "GET /api/events/{event_id}/certificates/batch",
        "GET",
        lambda w: f"/api/events/{with_batch(w)}/certificates/batch",
        X_COORDINATOR,
    ),
]
