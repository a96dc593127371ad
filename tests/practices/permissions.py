from django.core.files.base import ContentFile

from edcluster.practices import services
from edcluster.practices.models import Adoption, Material, Practice
from tests.permissions import EVERYONE, X_EDITORS, X_READERS, Case

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
