from django.core.files.base import ContentFile

from edcluster.practices import services
from edcluster.practices.models import Adoption, Material, Practice
from tests.permissions import EVERYONE, X_COORDINATOR, X_EDITORS, X_READERS, Case

EDITORS_ANY = frozenset({"editor_a", "editor_b", "coordinator_x", "coordinator_y", "admin"})
ADOPTERS = frozenset({"editor_b", "admin"})  # another organisation's editor (B) may adopt A's public practice


def _practice(w, visibility="cluster"):
    title = f"Матрица: практика ({visibility})"
    p = Practice.objects.filter(title=title).first()
    if p is None:
        p = services.practice_create(
            actor=w.admin,
            data={"title": title, "cluster": w.cluster_x, "work_form": "club", "visibility": visibility},
            organizations=[w.org_a],
        )
    return p


def private(w):
    return _practice(w).pk


def public(w):
    return _practice(w, "public").pk


def a_material(w):
    p = _practice(w)
    m = p.materials.first()
    if m is None:
        m = services.material_add(
            actor=w.admin, practice=p, data={"title": "Матрица: видео", "kind": "video", "video_url": "https://e.org/v"}
        )
        m.file.save("m.png", ContentFile(b"\x89PNG\r\n\x1a\n0"))
        Material.objects.filter(pk=m.pk).update(content_type="image/png")
    return m.pk


def b_adoption(w):
    p = _practice(w, "public")
    a = Adoption.objects.filter(practice=p, organization=w.org_b).first()
    if a is None:
        a = services.adoption_create(
            actor=w.editor_b, practice=p, organization=w.org_b, data={"adopted_on": "2025-03-01"}
        )
    return a.pk


def _no_material(title):
    return lambda w: not Material.objects.filter(title=title).exists()


P = "practices:"
API = "/api/practices"
CASES = [
    Case(P + "list", "GET", lambda w: "/practices/", EVERYONE),
    Case(P + "create", "GET", lambda w: "/practices/new/", EDITORS_ANY),
    Case(P + "detail", "GET", lambda w: f"/practices/{private(w)}/", X_READERS),
    Case(P + "detail", "GET", lambda w: f"/practices/{public(w)}/", EVERYONE, label="public"),
    Case(P + "edit", "GET", lambda w: f"/practices/{private(w)}/edit/", X_EDITORS),
    Case(
        P + "material_add",
        "POST",
        lambda w: f"/practices/{private(w)}/materials/add/",
        X_EDITORS,
        data=lambda w: {
            "title": "Матрица: ссылка",
            "kind": "video",
            "video_url": "https://e.org/x",
            "sharing": "cluster",
            "version": 1,
        },
        unchanged=_no_material("Матрица: ссылка"),
    ),
    Case(P + "material_file", "GET", lambda w: f"/practices/materials/{a_material(w)}/", X_READERS),
    Case(P + "material_delete", "POST", lambda w: f"/practices/materials/{a_material(w)}/delete/", X_EDITORS),
    Case(P + "adopt", "GET", lambda w: f"/practices/{public(w)}/adopt/", ADOPTERS),
    Case(P + "adoption_edit", "GET", lambda w: f"/practices/adoptions/{b_adoption(w)}/edit/", ADOPTERS),
]


def _practice_payload(w):
    return {"title": "Матрица: новая практика", "cluster": "x", "organization_ids": [w.org_a.pk], "work_form": "club"}


def _adoption_payload(w):
    return {"organization_id": w.org_b.pk, "adopted_on": "2025-03-01"}


CASES += [
    Case("GET /api/practices", "GET", lambda w: API, EVERYONE),
    Case("GET /api/practices/{pk}", "GET", lambda w: f"{API}/{private(w)}", X_READERS),
    Case(
        "POST /api/practices",
        "POST",
        lambda w: API,
        X_EDITORS,
        data=_practice_payload,
        json=True,
        unchanged=lambda w: not Practice.objects.filter(title="Матрица: новая практика").exists(),
    ),
    Case(
        "PATCH /api/practices/{pk}",
        "PATCH",
        lambda w: f"{API}/{private(w)}",
        X_EDITORS,
        data=lambda w: {"goal": "x"},
        json=True,
    ),
    Case("GET /api/practices/{pk}/materials", "GET", lambda w: f"{API}/{private(w)}/materials", X_READERS),
    Case(
        "POST /api/practices/{pk}/materials",
        "POST",
        lambda w: f"{API}/{private(w)}/materials",
        X_EDITORS,
        data=lambda w: {"title": "Матрица: ссылка", "kind": "video", "video_url": "https://e.org/x"},
    ),
    Case(
        "DELETE /api/practice-materials/{pk}", "DELETE", lambda w: f"/api/practice-materials/{a_material(w)}", X_EDITORS
    ),
    Case("GET /api/practices/{pk}/adoptions", "GET", lambda w: f"{API}/{public(w)}/adoptions", EVERYONE),
    Case(
        "POST /api/practices/{pk}/adoptions",
        "POST",
        lambda w: f"{API}/{public(w)}/adoptions",
        frozenset({"editor_b", "admin"}),
        data=_adoption_payload,
        json=True,
    ),
    Case(
        "PATCH /api/practice-adoptions/{pk}",
        "PATCH",
        lambda w: f"/api/practice-adoptions/{b_adoption(w)}",
        ADOPTERS,
        data=lambda w: {"participants_reached": 5},
        json=True,
    ),
]


def _optout(w):
    from edcluster.practices.digest import optout_token

    return f"/practices/digest/optout/{optout_token(w.editor_a)}/"


CASES += [Case(P + "digest_optout", "GET", _optout, EVERYONE)]


# --- materials of events and previews ---------------------------------------------------------

PNG_1PX = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _event_with_report(w):
    """A published event of cluster X whose report is given by a speaker of organisation A."""
    from edcluster.events import services as event_services
    from edcluster.events.models import Event, ProgrammeItem
    from tests.events.helpers import open_event

    title = "Матрица: конференция с докладом"
    ev = Event.objects.filter(title=title).first()
    if ev is None:
        ev = open_event(w.cluster_x, title=title)
        event_services.item_add(
            actor=None,
            day=ev.days.first(),
            title="Матрица: доклад",
            speaker_names=[{"name": "Докладчикова Анна", "organization_name": w.org_a.short_name}],
        )
    return ev, ProgrammeItem.objects.get(day__event=ev)


def an_event_material(w):
    ev, _item = _event_with_report(w)
    m = Material.objects.filter(event=ev).first()
    if m is None:
        m = services.event_material_add(
            actor=w.admin, event=ev, data={"title": "Матрица: презентация"}, upload=("p.png", PNG_1PX)
        )
    return m.pk


def a_previewed_material(w):
    pk = a_material(w)
    m = Material.objects.get(pk=pk)
    if not m.preview:
        m.preview.save("preview.png", ContentFile(PNG_1PX))
    return pk


CASES += [
    Case(
        P + "material_preview", "GET", lambda w: f"/practices/materials/{a_previewed_material(w)}/preview/", X_READERS
    ),
    Case(
        P + "material_file", "GET", lambda w: f"/practices/materials/{an_event_material(w)}/", X_READERS, label="event"
    ),
    Case(
        P + "material_delete",
        "POST",
        lambda w: f"/practices/materials/{an_event_material(w)}/delete/",
        X_COORDINATOR,
        label="event",
    ),
    Case(
        P + "event_material_add",
        "POST",
        lambda w: f"/events/{_event_with_report(w)[0].pk}/materials/add/",
        X_EDITORS,  # the organisers and organisation A, whose speaker gives the report
        data=lambda w: {
            "programme_item": _event_with_report(w)[1].pk,
            "title": "Матрица: программа",
            "kind": "programme",
            "video_url": "https://e.org/programme",
            "sharing": "cluster",
            "version": 1,
        },
        unchanged=_no_material("Матрица: программа"),
    ),
]

CASES += [
    Case(
        "GET /api/events/{pk}/materials",
        "GET",
        lambda w: f"/api/events/{_event_with_report(w)[0].pk}/materials",
        EVERYONE,  # the list is filtered: cluster-only materials only for the cluster (tests/practices)
    ),
    Case(
        "POST /api/events/{pk}/materials",
        "POST",
        lambda w: f"/api/events/{_event_with_report(w)[0].pk}/materials",
        X_EDITORS,
        data=lambda w: {
            "title": "Матрица: API-программа",
            "kind": "programme",
            "video_url": "https://e.org/api-programme",
            "programme_item_id": _event_with_report(w)[1].pk,
        },
        unchanged=_no_material("Матрица: API-программа"),
    ),
]
