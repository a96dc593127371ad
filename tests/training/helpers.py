"""A practice world on top of the ``world`` fixture: organisation A (cluster X) is a college,
organisation B (cluster Y) a kindergarten base with a mentor; a group with three students, a
production practice period with places at B, and student 1 placed at B."""

from __future__ import annotations

from datetime import date

from edcluster.organizations.models import Organization, Person
from edcluster.partnerships import services as partnership_services
from edcluster.partnerships.models import Direction, Partnership
from edcluster.training import services
from edcluster.training.models import PRACTICE_DIRECTION, BasePlaces, Placement, PracticeBase, PracticePeriod, Student
from tests.factories import PersonFactory, UserFactory

START, END = date(2026, 2, 2), date(2026, 2, 27)


def partnership(w, org=None) -> Partnership:
    org = org or w.org_b
    title = f"Практическая подготовка: {org.short_name}"
    found = Partnership.objects.filter(title=title).first()
    if found:
        return found
    Organization.objects.filter(pk=w.org_a.pk).update(kind="college")
    w.org_a.refresh_from_db()
    Organization.objects.filter(pk=org.pk).update(kind="kindergarten")
    direction, _c = Direction.objects.get_or_create(name=PRACTICE_DIRECTION)
    return partnership_services.partnership_create(
        actor=w.admin,
        data={
            "kind": "cooperation_agreement",
            "title": title,
            "number": "7",
            "signed_on": date(2025, 9, 1),
            "indefinite": True,
        },
        parties=[{"organization": w.org_a, "role": "initiator"}, {"organization": org, "role": "partner"}],
        directions=[direction],
        activate=True,
    )


def base(w, org=None) -> PracticeBase:
    org = org or w.org_b
    found = PracticeBase.objects.filter(organization=org).first()
    if found:
        return found
    b = services.base_create(
        actor=w.admin,
        college=w.org_a,
        organization=org,
        partnership=partnership(w, org),
        specialisations=["preschool"],
        conditions="Рабочее место в группе",
        mentor_load=2,
    )
    mentor = PersonFactory(last_name="Наставникова", first_name="Нина", middle_name="Петровна", organization=org)
    mentor.user = UserFactory(username=f"mentor{org.pk}")
    mentor.save()
    services.base_mentor_add(actor=w.admin, base=b, person=mentor)
    return b


def mentor(w, org=None) -> Person:
    return base(w, org).mentors.get()


def period(w) -> PracticePeriod:
    found = PracticePeriod.objects.filter(college=w.org_a).first()
    if found:
        return found
    base(w)
    group = services.group_create(
        actor=w.admin, college=w.org_a, data={"name": "ДО-31", "specialisation": "preschool", "year": 2026}
    )
    for i, (last, first) in enumerate([("Иванова", "Мария"), ("Петрова", "Ольга"), ("Сидорова", "Анна")], start=1):
        person = PersonFactory(last_name=last, first_name=first, middle_name="Сергеевна")
        person.user = UserFactory(username=f"student{i}")
        person.save()
        services.student_add(actor=w.admin, group=group, person=person)
    p = services.period_create(
        actor=w.admin,
        college=w.org_a,
        data={
            "group": group,
            "kind": "production",
            "starts_on": START,
            "ends_on": END,
            "tasks": "Провести утренний круг\nПодготовить занятие",
        },
    )
    services.places_set(actor=w.admin, period=p, base=base(w), places=2)
    return p


def student(w, n: int) -> Student:
    period(w)
    return Student.objects.get(person__user__username=f"student{n}")


def offer(w) -> BasePlaces:
    return BasePlaces.objects.get(period=period(w), base=base(w))


def placement(w) -> Placement:
    p = period(w)
    found = Placement.objects.filter(period=p, student=student(w, 1)).first()
    return found or services.placement_create(
        actor=w.admin, period=p, student=student(w, 1), base=base(w), mentor=mentor(w)
    )


def entry(w):
    p = placement(w)
    return p.diary.first() or services.diary_add(
        actor=w.admin, placement=p, data={"date": START, "text": "Наблюдала за режимными моментами"}
    )


def entry_with_file(w):
    from django.core.files.uploadedfile import SimpleUploadedFile

    p = placement(w)
    found = p.diary.exclude(attachment="").first()
    return found or services.diary_add(
        actor=w.admin,
        placement=p,
        data={
            "date": END,
            "text": "Конспект занятия",
            "attachment": SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"),
        },
    )


def staff(w) -> Person:
    """A teacher of the base who is not yet a mentor."""
    base(w)
    found = Person.objects.filter(last_name="Воспитателева").first()
    return found or PersonFactory(
        last_name="Воспитателева", first_name="Ирина", middle_name="Павловна", organization=w.org_b
    )


def new_base_data(w) -> dict:
    """A second kindergarten C with its own practice partnership with the college — form data for
    the new base page."""
    from tests.factories import OrganizationFactory

    period(w)
    org_c = Organization.objects.filter(short_name="Детский сад С").first() or OrganizationFactory(
        short_name="Детский сад С", full_name="Детский сад С"
    )
    return {
        "organization": org_c.pk,
        "partnership": partnership(w, org_c).pk,
        "specialisations": ["preschool", "primary"],
        "conditions": "Методический кабинет",
        "default_places": 4,
        "mentor_load": 2,
    }
