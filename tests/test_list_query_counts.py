"""Every list page and API list endpoint: the number of queries does not grow with the number of
rows.

Each list is opened (as the first allowed role of its permission case, so the URL and the records
behind it are made the same way the matrix makes them), then the rows it lists are copied
``COPIES`` times and the list is opened again: it must show more and ask the database no more.
A copy keeps its foreign keys and many-to-many links, so a missing ``select_related`` /
``prefetch_related`` shows as one more query per copy. Lists with their own growth test elsewhere
are named in ``ELSEWHERE``.
"""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction

from edcluster.api.services import token_create
from tests.permissions import all_cases

COPIES = 4

# endpoint → the models (app_label.Model) whose rows the list shows
LISTS: dict[str, list[str]] = {
    "api:tokens": ["api.ApiToken"],
    "GET /api/events/{event_id}/certificates": ["certificates.Certificate"],
    "consultations:centre_list": ["consultations.Centre"],
    "GET /api/consultations/centres": ["consultations.Centre"],
    "GET /api/consultations/centres/{centre_id}/requests": ["consultations.ParentRequest"],
    "GET /api/consultations/centres/{centre_id}/appointments": ["consultations.Appointment"],
    "GET /api/consultations/centres/{centre_id}/consultations": ["consultations.Consultation"],
    "GET /api/consultations/centres/{centre_id}/questionnaires": ["consultations.Questionnaire"],
    "events:cluster_events": ["events.Event"],
    "GET /api/events": ["events.Event"],
    "imports:batch_list": ["imports.ImportBatch"],
    "GET /api/imports": ["imports.ImportBatch"],
    "meetings:body_list": ["meetings.Body"],
    "meetings:body_decisions": ["meetings.Decision"],
    "GET /api/bodies": ["meetings.Body"],
    "GET /api/bodies/{body_id}/meetings": ["meetings.Meeting"],
    "GET /api/decisions": ["meetings.Decision"],
    "organizations:cluster_access": ["organizations.RoleAssignment"],
    "GET /api/clusters": ["organizations.Cluster"],
    "GET /api/people": ["organizations.Person"],
    "partnerships:directions": ["partnerships.Direction"],
    "GET /api/directions": ["partnerships.Direction"],
    "GET /api/partnerships": ["partnerships.Partnership"],
    "GET /api/practices": ["practices.Practice"],
    "GET /api/practices/{pk}/materials": ["practices.Material"],
    "GET /api/practices/{pk}/adoptions": ["practices.Adoption"],
    "GET /api/training/bases": ["training.PracticeBase"],
    "GET /api/training/periods": ["training.PracticePeriod"],
    "GET /api/training/periods/{period_id}/offers": ["training.BasePlaces"],
    "GET /api/training/periods/{period_id}/placements": ["training.Placement"],
    "GET /api/training/placements/{placement_id}/diary": ["training.DiaryEntry"],
    "GET /api/training/groups": ["training.StudentGroup"],
    "GET /api/training/groups/{group_id}/students": ["training.Student"],
    "GET /api/training/colleges/{college_id}/employment": ["training.Employment"],
    "GET /api/events/{event_id}/certificate-kinds": ["certificates.CertificateKind"],
    "GET /api/events/{pk}/materials": ["practices.Material"],
}
# For a uniqueness made of foreign keys only: which one a copy points at a copy of.
VARY = {"training.PracticeBase": "organization", "training.Student": "person"}
# Lists whose growth test lives with their app (see the file named).
ELSEWHERE = {
    "organizations:organization_list": "tests/organizations/test_views.py",
    "organizations:person_list": "tests/organizations/test_views.py",
    "GET /api/organizations": "tests/organizations/test_api.py",
    "events:registrations": "tests/search/test_query_counts.py",
    "GET /api/events/{event_id}/registrations": "tests/search/test_query_counts.py",
    "GET /api/search": "tests/search/test_query_counts.py",
    "partnerships:list": "tests/partnerships/test_api_views.py",
    "partnerships:our_partners": "tests/partnerships/test_api_views.py",
    "meetings:cluster_decisions": "tests/meetings/test_views.py",
    "practices:list": "tests/practices/test_views.py",
    "training:outcomes": "tests/training/test_views.py",
    "analytics:dashboard": "tests/analytics/test_views.py",
    "GET /api/analytics/dashboard": "tests/analytics/test_views.py",
    "GET /api/training/outcomes": "tests/analytics/test_views.py",
}


# Records a list needs that no case of the matrix makes.
def _employment(w):
    from edcluster.training.services import employment_set
    from tests.training.helpers import student

    return employment_set(actor=w.admin, student=student(w, 1), organization=w.org_b, year=2026)


SEEDS = {
    "api:tokens": lambda w: token_create(actor=w.admin, name="Интеграция"),
    "GET /api/training/colleges/{college_id}/employment": _employment,
}
# (``certificates:series`` and ``documents:templates`` are one row per fixed kind, not lists that
# grow with the data.)

CASES = {c.endpoint: c for c in all_cases() if c.method == "GET" and c.endpoint in LISTS}


def _populate(world, client_for, endpoint: str) -> None:
    """The records every page's case makes (a detail page's case makes the record it shows), and
    for an API list the row its POST operation creates (as an allowed role): the world the lists
    then list."""
    for case in all_cases():
        if case.method == "GET":
            case.path(world)
    if endpoint in SEEDS:
        SEEDS[endpoint](world)
    path = endpoint.removeprefix("GET ")
    for case in all_cases():
        if case.endpoint == f"POST {path}" and case.data is not None:
            role = "admin" if "admin" in case.allowed else sorted(case.allowed)[0]
            data = case.data(world)
            kwargs = {"data": json.dumps(data), "content_type": "application/json"} if case.json else {"data": data}
            # refused when the GET cases made the row already (a conflict): that is fine here
            client_for(world.user(role)).post(case.path(world), **kwargs)


def _unique_sets(model: type[models.Model]) -> list[tuple[str, ...]]:
    sets = [(f.name,) for f in model._meta.concrete_fields if f.unique and not f.primary_key]
    sets += [tuple(t) for t in model._meta.unique_together]
    sets += [tuple(c.fields) for c in model._meta.constraints if getattr(c, "fields", None)]
    return sets


def _copy(obj: models.Model, n: int) -> bool:
    """A copy of ``obj`` with its unique values changed — text prefixed, dates moved by ``n``
    days, numbers by ``n`` hundred; a uniqueness made of foreign keys only is met by pointing the
    copy at a copy of the record named in ``VARY`` (or of the last key's). False when the copy
    cannot be made."""
    model = type(obj)
    m2m = {f.name: list(getattr(obj, f.name).all()) for f in model._meta.many_to_many}
    copy = model.objects.get(pk=obj.pk)
    copy.pk = None
    copy._state.adding = True
    try:
        with transaction.atomic():
            for names in _unique_sets(model):
                _vary(copy, [model._meta.get_field(name) for name in names], n)
            copy.save()
            for name, related in m2m.items():
                getattr(copy, name).set(related)
    except IntegrityError:
        return False
    return True


def _vary(copy: models.Model, fields: list, n: int) -> None:
    plain = [f for f in fields if not f.is_relation]
    for field in plain:
        value = getattr(copy, field.attname)
        if isinstance(field, models.UUIDField):
            setattr(copy, field.attname, uuid.uuid4())
        elif field.has_default() and callable(field.default):
            setattr(copy, field.attname, field.default())
        elif isinstance(field, models.CharField) and value:
            setattr(copy, field.attname, f"{n}{value}"[: field.max_length])
        elif isinstance(field, models.DateField | models.DateTimeField) and value:
            setattr(copy, field.attname, value + timedelta(days=n))
        elif isinstance(field, models.IntegerField) and value is not None:
            setattr(copy, field.attname, value + 100 * n)
    if not plain and fields:
        label = copy._meta.label
        field = copy._meta.get_field(VARY[label]) if label in VARY else fields[-1]
        target = getattr(copy, field.name)
        if target is None:  # NULLs never clash
            return
        target_copy = type(target).objects.get(pk=target.pk)
        target_copy.pk = None
        target_copy._state.adding = True
        for names in _unique_sets(type(target)):
            _vary(target_copy, [type(target)._meta.get_field(name) for name in names], n)
        target_copy.save()
        setattr(copy, field.name, target_copy)


def _grow(labels: list[str]) -> int:
    made = 0
    for label in labels:
        model = apps.get_model(label)
        for obj in list(model.objects.all()):
            made += sum(_copy(obj, n) for n in range(1, COPIES + 1))
    return made


def _size(response) -> int:
    """How much the list shows: the number of items of an API list, the length of a page."""
    if response["Content-Type"].startswith("application/json"):
        data = json.loads(response.content)
        items = data.get("items", data.get("results", data)) if isinstance(data, dict) else data
        return len(items) if isinstance(items, list) else len(response.content)
    return len(response.content)


def test_every_list_has_a_growth_test():
    """A new list endpoint (a GET case without an id at the end of its path) must be named here."""
    lists = set()
    for case in all_cases():
        e = case.endpoint
        not_a_list = any(e.endswith(s) for s in ("/docx", "/pdf", "/report", "/results", "/network", "/batch"))
        if case.method == "GET" and e.startswith("GET /api") and not e.endswith("}") and not not_a_list:
            lists.add(e)
    assert sorted(lists - set(LISTS) - set(ELSEWHERE)) == []


@pytest.mark.parametrize("endpoint", sorted(LISTS))
def test_list_query_count_does_not_grow(world, client_for, endpoint, django_assert_max_num_queries):
    case = CASES[endpoint]
    role = "admin" if "admin" in case.allowed else sorted(case.allowed)[0]
    client = client_for(world.user(role))
    _populate(world, client_for, endpoint)
    url = case.path(world)
    client.get(url)  # session, roles and caches warmed
    with django_assert_max_num_queries(60) as small:
        before = client.get(url)
    assert before.status_code == 200, before.content[:300]
    assert _grow(LISTS[endpoint]) > 0, "nothing to copy: the case's world has no rows of this list"
    with django_assert_max_num_queries(len(small.captured_queries)):
        after = client.get(url)
    assert after.status_code == 200
    assert _size(after) > _size(before), "the list did not show the new rows"
