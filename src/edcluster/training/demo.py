"""Demo practical training: ГАПОУ «Волгоградский социально-педагогический колледж»
(info_letter_conference.txt: the college trains future kindergarten teachers with partner
kindergartens) sends two groups to a production practice in two demo kindergartens: ДО-41 at
МАДОУ № 24 «Журавушка» (kindergarten_partners.txt names a college among its partners) and ДО-31 at
a Volgograd kindergarten of the college's own cluster СТАРТ. That kindergarten, the students,
mentors, marks and surveys are illustrative, not from the samples; written through services."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from edcluster.core.demo_loader import DemoContext
from edcluster.organizations import services as org_services
from edcluster.organizations.models import Membership, Organization, Person, RoleAssignment
from edcluster.partnerships import services as partnership_services
from edcluster.partnerships.models import Direction, Partnership
from edcluster.training import services
from edcluster.training.models import (
    CRITERIA,
    PRACTICE_DIRECTION,
    PracticeBase,
    PracticePeriod,
    StudentGroup,
)

PARTNERSHIP_TITLE = "Практическая подготовка студентов ГАПОУ «Волгоградский социально-педагогический колледж»"
MENTORS = [("Кузнецова", "Ольга", "Викторовна", "воспитатель"), ("Белова", "Ирина", "Андреевна", "воспитатель")]
# The second base: a kindergarten of Volgograd in the college's cluster (illustrative).
VOLGOGRAD_KINDERGARTEN = {
    "full_name": "Муниципальное дошкольное образовательное учреждение "
    "«Детский сад № 105 Центрального района Волгограда»",
    "short_name": "МДОУ «Детский сад № 105»",
    "legal_form": "МДОУ",
    "kind": "kindergarten",
    "municipality": "Волгоград",
    "region": "34",
}
VOLGOGRAD_TITLE = "Практическая подготовка студентов: МДОУ «Детский сад № 105» и ГАПОУ «ВСПК»"
VOLGOGRAD_MENTORS = [
    ("Лебедева", "Татьяна", "Николаевна", "старший воспитатель"),
    ("Соколова", "Елена", "Владимировна", "воспитатель"),
]
PARTNERSHIP_TITLES = (PARTNERSHIP_TITLE, VOLGOGRAD_TITLE)
GROUPS = [
    (
        "ДО-31",
        2025,
        date(2025, 2, 3),
        [("Андреева", "Дарья", "Игоревна"), ("Волкова", "Полина", "Сергеевна"), ("Егорова", "Ксения", "Павловна")],
    ),
    (
        "ДО-41",
        2026,
        date(2026, 2, 2),
        [("Смирнова", "Алина", "Олеговна"), ("Орлова", "Вера", "Николаевна"), ("Зайцева", "Софья", "Романовна")],
    ),
]
TASKS = (
    "Изучить режим дня и организацию развивающей предметно-пространственной среды группы\n"
    "Провести утренний круг и подвижные игры\n"
    "Подготовить и провести занятие по речевому развитию\n"
    "Провести консультацию для родителей"
)
DIARY = [
    "Знакомство с группой и режимом дня, наблюдение за работой воспитателя.",
    "Провела утренний круг и подвижную игру «У медведя во бору».",
    "Подготовила конспект занятия по речевому развитию, обсудила его с наставником.",
]


def _person(ctx: DemoContext, org: Organization, last: str, first: str, middle: str, title: str) -> Person:
    person = Person.objects.filter(
        last_name=last, first_name=first, middle_name=middle, positions__organization=org
    ).first()
    return person or org_services.person_create(
        actor=ctx.admin,
        data={"last_name": last, "first_name": first, "middle_name": middle},
        organization=org,
        position_title=title,
    )


def _partnership(
    ctx: DemoContext, college: Organization, kindergarten: Organization, title: str = PARTNERSHIP_TITLE
) -> Partnership:
    found = Partnership.objects.filter(title=title).first()
    if found:
        return found
    return partnership_services.partnership_create(
        actor=ctx.admin,
        data={
            "kind": "cooperation_agreement",
            "title": title,
            "signed_on": date(2024, 9, 2),
            "valid_from": date(2024, 9, 2),
            "valid_until": date(2029, 8, 31),
            "description": "Производственная практика студентов специальности «Дошкольное образование».",
        },
        parties=[{"organization": college, "role": "initiator"}, {"organization": kindergarten, "role": "partner"}],
        directions=list(Direction.objects.filter(name=PRACTICE_DIRECTION)),
        activate=True,
    )


def _base(
    ctx: DemoContext,
    college: Organization,
    kindergarten: Organization,
    partnership: Partnership,
    mentors: list[tuple[str, str, str, str]],
    conditions: str,
) -> tuple[PracticeBase, list[Person]]:
    base = PracticeBase.objects.filter(college=college, organization=kindergarten).first() or services.base_create(
        actor=ctx.admin,
        college=college,
        organization=kindergarten,
        partnership=partnership,
        specialisations=["preschool"],
        conditions=conditions,
        default_places=6,
        mentor_load=3,
    )
    people = [_person(ctx, kindergarten, *m) for m in mentors]
    for mentor in people:
        services.base_mentor_add(actor=ctx.admin, base=base, person=mentor)
    return base, people


def _volgograd_kindergarten(ctx: DemoContext) -> Organization:
    found = Organization.objects.filter(full_name=VOLGOGRAD_KINDERGARTEN["full_name"]).first()
    return found or org_services.organization_create(
        actor=ctx.admin,
        data=VOLGOGRAD_KINDERGARTEN,
        cluster=ctx.objects["start"],
        membership_role=Membership.Role.PARTNER,
    )


def _fill(ctx: DemoContext, placement: Any, n: int, year: int) -> None:
    period = placement.period
    for day, text in enumerate(DIARY):
        when = period.starts_on + timedelta(days=day)
        if not placement.diary.filter(date=when).exists():
            entry = services.diary_add(actor=ctx.admin, placement=placement, data={"date": when, "text": text})
            if day == 1:
                services.diary_comment(actor=ctx.admin, entry=entry, comment="Игра проведена живо, дети вовлечены.")
    if not hasattr(placement, "evaluation") or placement.evaluation is None:
        marks = {code: 4 if (i + n) % 2 else 5 for i, (code, _l) in enumerate(CRITERIA)}
        services.evaluation_save(
            actor=ctx.admin,
            placement=placement,
            marks=marks,
            characteristic="За время практики проявила себя ответственной и доброжелательной, "
            "умело организует детей, охотно принимает советы наставника.",
        )
    if placement.final_mark is None:
        services.final_mark_set(actor=ctx.admin, placement=placement, mark=placement.evaluation.mark)
    if not placement.feedback.exists():
        services.feedback_give(
            actor=ctx.admin, placement=placement, kind="base", score=5 if n % 2 else 4, comment="Хорошая подготовка."
        )
        services.feedback_give(actor=ctx.admin, placement=placement, kind="student", score=5)


def load(ctx: DemoContext) -> None:
    college: Organization = ctx.objects["start_college"]
    kindergarten: Organization = ctx.objects["iskitim_orgs"]["zhuravushka"]
    zhuravushka, zh_mentors = _base(
        ctx,
        college,
        kindergarten,
        _partnership(ctx, college, kindergarten),
        MENTORS,
        "Рабочее место в группе, доступ к методическому кабинету и материалам программы «Родная сторона».",
    )
    volgograd = _volgograd_kindergarten(ctx)
    volgograd_base, vg_mentors = _base(
        ctx,
        college,
        volgograd,
        _partnership(ctx, college, volgograd, VOLGOGRAD_TITLE),
        VOLGOGRAD_MENTORS,
        "Группы общеразвивающей направленности, консультации старшего воспитателя, музыкальный и спортивный залы.",
    )
    # ДО-31 practised in Volgograd, ДО-41 at «Журавушка»
    base_of = {"ДО-31": (volgograd_base, vg_mentors), "ДО-41": (zhuravushka, zh_mentors)}
    supervisor = _person(ctx, college, "Петрова", "Анна", "Викторовна", "руководитель практики")
    student_login = None
    for name, year, start, people in GROUPS:
        group = StudentGroup.objects.filter(college=college, name=name).first() or services.group_create(
            actor=ctx.admin, college=college, data={"name": name, "specialisation": "preschool", "year": year}
        )
        students = [
            services.student_add(actor=ctx.admin, group=group, person=_person(ctx, college, *p, "студент"))
            for p in people
        ]
        period = PracticePeriod.objects.filter(group=group, kind="production").first() or services.period_create(
            actor=ctx.admin,
            college=college,
            data={
                "group": group,
                "kind": "production",
                "starts_on": start,
                "ends_on": start + timedelta(days=25),
                "tasks": TASKS,
                "supervisor": supervisor,
                "choice_open": False,
            },
        )
        base, mentors = base_of[name]
        services.places_set(actor=ctx.admin, period=period, base=base, places=6)
        for n, student in enumerate(students):
            placement = period.placements.filter(student=student).first() or services.placement_create(
                actor=ctx.admin, period=period, student=student, base=base, mentor=mentors[n % 2]
            )
            _fill(ctx, placement, n, year)
        if year == 2025:
            for n, student in enumerate(students[:2]):
                if not hasattr(student, "employment"):
                    services.employment_set(
                        actor=ctx.admin, student=student, organization=volgograd if n == 0 else None, year=2025
                    )
        else:
            student_login = students[0]
            # a pre-diploma practice still open for choice: the student picks a base themselves
            if not PracticePeriod.objects.filter(group=group, kind="pre_diploma").exists():
                pre = services.period_create(
                    actor=ctx.admin,
                    college=college,
                    data={
                        "group": group,
                        "kind": "pre_diploma",
                        "starts_on": date(2026, 4, 20),
                        "ends_on": date(2026, 5, 15),
                        "tasks": "Провести серию занятий по теме выпускной квалификационной работы",
                        "supervisor": supervisor,
                        "choice_open": True,
                    },
                )
                services.places_set(actor=ctx.admin, period=pre, base=zhuravushka, places=2)
                services.places_set(actor=ctx.admin, period=pre, base=volgograd_base, places=2)

    coordinator = ctx.user(
        "college",
        first_name="Анна",
        last_name="Петрова",
        who="координатор практики ГАПОУ «Волгоградский социально-педагогический колледж»",
    )
    org_services.role_grant(actor=ctx.admin, user=coordinator, role=RoleAssignment.Role.EDITOR, organization=college)
    assert student_login is not None
    user = ctx.user(
        "student",
        first_name=student_login.person.first_name,
        last_name=student_login.person.last_name,
        who="студентка группы ДО-41 колледжа (дневник практики, выбор базы)",
    )
    services.student_account_link(actor=ctx.admin, student=student_login, user=user)
    ctx.objects.update(
        training_base=zhuravushka, training_volgograd_base=volgograd_base, training_college_user=coordinator
    )
