from datetime import date

from edcluster.partnerships.models import Direction, Partnership
from tests.factories import OrganizationFactory
from tests.permissions import ADMIN, EVERYONE, X_EDITORS, Case

EDITORS_ANY = frozenset({"editor_a", "editor_b", "coordinator_x", "coordinator_y", "admin"})


def _outside(w):
    return OrganizationFactory(full_name="Предприятие-партнёр", short_name="Партнёр С", kind="business")


def _make(w, status="active", title="Матрица: партнёрство"):
    from edcluster.partnerships.models import Party

    p = Partnership.objects.filter(title=title).first()
    if p is None:
        p = Partnership.objects.create(
            kind="cooperation_agreement",
            title=title,
            status=status,
            signed_on=date(2025, 9, 1),
            valid_from=date(2025, 9, 1),
            valid_until=date(2030, 6, 30),
        )
        Party.objects.create(partnership=p, organization=w.org_a, role="initiator")
        Party.objects.create(partnership=p, organization=_outside(w), role="partner")
    return p


def cluster_x_event(w):
    from edcluster.events.models import Event
    from tests.events.helpers import open_event

    return Event.objects.filter(cluster=w.cluster_x).first() or open_event(w.cluster_x)


def live(w):
    return _make(w).pk


def draft(w):
    return _make(w, status="draft", title="Матрица: черновик").pk


def a_party(w):
    p = _make(w)
    from edcluster.partnerships.models import Party

    other = OrganizationFactory(full_name="Музей-партнёр", short_name="Партнёр Д", kind="museum")
    return Party.objects.create(partnership=p, organization=other, role="sponsor").pk


def create_payload(w):
    return {
        "kind": "joint_project",
        "title": "Матрица: новое",
        "own_organization": w.org_a.pk,
        "own_role": "initiator",
        "partners": [_outside(w).pk],
    }


def import_job(w):
    from edcluster.core import tabular
    from tests.partnerships.test_import import row, xlsx

    OrganizationFactory(short_name="Библиотека", kind="library")
    return tabular.import_validate(actor=w.editor_a, kind="partnerships", filename="p.xlsx", data=xlsx([row()]))


def robotics(w):
    return Direction.objects.get(name="Робототехника и программирование").pk


P = "partnerships:"
CASES = [
    Case(P + "list", "GET", lambda w: "/partnerships/", EVERYONE),
    Case(P + "create", "GET", lambda w: "/partnerships/new/", EDITORS_ANY),
    Case(
        P + "create",
        "POST",
        lambda w: "/partnerships/new/",
        X_EDITORS,
        data=create_payload,
        unchanged=lambda w: not Partnership.objects.filter(title="Матрица: новое").exists(),
    ),
    Case(P + "search", "GET", lambda w: f"/partnerships/search/?direction={robotics(w)}", EVERYONE),
    Case(P + "import", "GET", lambda w: "/partnerships/import/", EDITORS_ANY),
    Case(P + "import_review", "GET", lambda w: f"/partnerships/import/{import_job(w).uuid}/", frozenset({"editor_a"})),
    Case(P + "directions", "GET", lambda w: "/partnerships/directions/", ADMIN),
    Case(
        P + "directions",
        "POST",
        lambda w: "/partnerships/directions/",
        ADMIN,
        data=lambda w: {"name": "Экология", "order": 5, "is_active": "on"},
    ),
    Case(P + "direction_edit", "GET", lambda w: f"/partnerships/directions/{robotics(w)}/", ADMIN),
    Case(P + "detail", "GET", lambda w: f"/partnerships/{live(w)}/", EVERYONE),
    Case(P + "edit", "GET", lambda w: f"/partnerships/{live(w)}/edit/", X_EDITORS),
    Case(
        P + "edit",
        "POST",
        lambda w: f"/partnerships/{live(w)}/edit/",
        X_EDITORS,
        data=lambda w: {"kind": "joint_project", "title": "Матрица: изменено", "valid_until": "2030-06-30"},
    ),
    Case(P + "activate", "POST", lambda w: f"/partnerships/{draft(w)}/activate/", X_EDITORS),
    Case(P + "terminate", "POST", lambda w: f"/partnerships/{live(w)}/terminate/", X_EDITORS),
    Case(
        P + "renew",
        "POST",
        lambda w: f"/partnerships/{live(w)}/renew/",
        X_EDITORS,
        data=lambda w: {"valid_until": "2033-06-30"},
    ),
    Case(
        P + "party_add",
        "POST",
        lambda w: f"/partnerships/{live(w)}/parties/add/",
        X_EDITORS,
        data=lambda w: {"organization": w.org_b.pk, "role": "sponsor"},
    ),
    Case(P + "party_remove", "POST", lambda w: f"/partnerships/parties/{a_party(w)}/remove/", X_EDITORS),
    Case(
        P + "links",
        "POST",
        lambda w: f"/partnerships/{live(w)}/links/",
        X_EDITORS,
        data=lambda w: {"kind": "event", "target": cluster_x_event(w).pk},
        unchanged=lambda w: not Partnership.objects.filter(events__isnull=False).exists(),
    ),
    Case(
        P + "amendment_add",
        "POST",
        lambda w: f"/partnerships/{live(w)}/amendments/add/",
        X_EDITORS,
        data=lambda w: {"number": "1", "summary": "Изменения"},
    ),
    Case(
        P + "attachment_add",
        "POST",
        lambda w: f"/partnerships/{live(w)}/attachments/add/",
        X_EDITORS,
        data=lambda w: {"kind": "plan", "title": "План"},
    ),
    Case(P + "our_partners", "GET", lambda w: f"/organizations/{w.org_a.pk}/partners/", EVERYONE),
    Case(P + "network", "GET", lambda w: "/network/?cluster=x", EVERYONE),
    Case(P + "network_json", "GET", lambda w: "/network/graph.json?cluster=x", EVERYONE),
    Case(P + "network_export", "GET", lambda w: "/network/export.graphml?cluster=x", EVERYONE),
    # API
    Case("GET /api/directions", "GET", lambda w: "/api/directions", EVERYONE),
    Case(
        "POST /api/directions",
        "POST",
        lambda w: "/api/directions",
        ADMIN,
        json=True,
        data=lambda w: {"name": "Экология"},
    ),
    Case("GET /api/partnerships", "GET", lambda w: "/api/partnerships", EVERYONE),
    Case("GET /api/partnerships/{pk}", "GET", lambda w: f"/api/partnerships/{live(w)}", EVERYONE),
    Case(
        "POST /api/partnerships",
        "POST",
        lambda w: "/api/partnerships",
        X_EDITORS,
        json=True,
        data=lambda w: {
            "kind": "joint_project",
            "title": "API-партнёрство",
            "parties": [{"organization_id": w.org_a.pk}, {"organization_id": _outside(w).pk}],
        },
    ),
    Case(
        "PATCH /api/partnerships/{pk}",
        "PATCH",
        lambda w: f"/api/partnerships/{live(w)}",
        X_EDITORS,
        json=True,
        data=lambda w: {"achieved_results": "Проведено 5 занятий"},
    ),
    Case("GET /api/network", "GET", lambda w: "/api/network?cluster=x", EVERYONE),
    Case("POST /api/partnerships/{pk}/activate", "POST", lambda w: f"/api/partnerships/{draft(w)}/activate", X_EDITORS),
    Case(
        "POST /api/partnerships/{pk}/terminate", "POST", lambda w: f"/api/partnerships/{live(w)}/terminate", X_EDITORS
    ),
    Case(
        "PATCH /api/directions/{pk}",
        "PATCH",
        lambda w: f"/api/directions/{robotics(w)}",
        ADMIN,
        json=True,
        data=lambda w: {"order": 7},
    ),
]

# Renewal, parties and amendments through the API: the same roles as the pages.
CASES += [
    Case(
        "POST /api/partnerships/{pk}/renew",
        "POST",
        lambda w: f"/api/partnerships/{live(w)}/renew",
        X_EDITORS,
        data=lambda w: {"valid_until": "2033-06-30"},
        json=True,
    ),
    Case(
        "POST /api/partnerships/{pk}/parties",
        "POST",
        lambda w: f"/api/partnerships/{live(w)}/parties",
        X_EDITORS,
        data=lambda w: {"organization_id": w.org_b.pk, "role": "sponsor"},
        json=True,
    ),
    Case(
        "DELETE /api/partnerships/{pk}/parties/{party_id}",
        "DELETE",
        lambda w: f"/api/partnerships/{live(w)}/parties/{a_party(w)}",
        X_EDITORS,
    ),
    Case(
        "POST /api/partnerships/{pk}/amendments",
        "POST",
        lambda w: f"/api/partnerships/{live(w)}/amendments",
        X_EDITORS,
        data=lambda w: {"number": "1", "summary": "Изменения"},
        json=True,
    ),
]
