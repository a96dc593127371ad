"""Demo events, only with facts the samples state (../shared/samples/):

- info_letter_conference.txt — the methodological conference of 14 November 2025 at
  ГАПОУ «Волгоградский социально-педагогический колледж», mixed format, registration until
  7 November 2025, its goal, tasks and audience;
- news_internship.txt — the all-Russian internship for education managers, 10–12 April 2023,
  Калининградская область (opening in Светлогорск, stand reports, КОИРО and ЦНППМ, excursions
  to schools and partner organisations chosen by the participant; «полсотни руководителей»);
- council_protocol.txt — the meeting of the Coordination Council of 26 February 2025, its
  agenda, speakers and attendance (15 teachers from 11 organisations); and its decision 4, the
  «Методический поезд» of the additional-education institution for the district's schools in
  March 2025 — a moderated event. The protocol gives only the month: the day, the deadline and
  who applied (people of the same protocol) are illustrative.

Capacities not stated in the samples are left empty (unlimited), except the internship's fifty.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from edcluster.core.demo_loader import DemoContext
from edcluster.events import services
from edcluster.events.models import Event, EventStatus, ItemFormat, RegistrationStatus
from edcluster.organizations import services as org_services
from edcluster.organizations.models import Cluster

MSK = ZoneInfo("Europe/Moscow")


def _walk(ctx: DemoContext, event: Event, *statuses: str) -> None:
    for status in statuses:
        services.event_set_status(actor=ctx.admin, event=event, status=status)


def _existing(cluster: Cluster, title: str, starts_on: date) -> Event | None:
    return Event.objects.filter(cluster=cluster, title=title, starts_on=starts_on).first()


def _conference(ctx: DemoContext) -> None:
    cluster, college = ctx.objects["start"], ctx.objects["start_college"]
    title = "Модели взаимодействия колледжа и дошкольного учреждения в подготовке педагогических кадров"
    if _existing(cluster, title, date(2025, 11, 14)):
        return
    event = services.event_create(
        actor=ctx.admin,
        cluster=cluster,
        organizers=[college],
        data={
            "title": title,
            "kind": "conference",
            "format": "mixed",
            "starts_on": date(2025, 11, 14),
            "venue_organization": college,
            "theme": "Подготовка студентов колледжа к работе в современных условиях дошкольных образовательных "
            "учреждений; социальное партнёрство как ресурс повышения качества образования.",
            "goal": "Обмен опытом разработки и реализации эффективных моделей взаимодействия педагогического "
            "колледжа и дошкольных учреждений в рамках реализации технологии «Профессионалитет», а также "
            "выработка рекомендаций по дальнейшему развитию и совершенствованию партнёрских взаимоотношений "
            "в составе единого образовательного пространства кластера.",
            "tasks": [
                "Обобщение опыта существующих практик взаимодействия колледжей и дошкольных учреждений и "
                "определение их эффективности с позиции повышения качества подготовки кадров",
                "Разработка рекомендаций по дальнейшему развитию и совершенствованию партнёрских "
                "взаимоотношений в едином образовательном пространстве кластера",
                "Обмен информацией, материалами и результатами работы между всеми участниками кластера",
            ],
            "audience": [
                "руководители",
                "заместители",
                "методисты",
                "организаторы практической подготовки",
                "преподаватели дисциплин по подготовке будущих воспитателей ДОУ",
                "представители центров социального обслуживания населения",
                "представители учреждений дополнительного образования детей",
            ],
            "online_instructions": "Онлайн-подключение — для иногородних участников.",
            "registration_deadline": datetime(2025, 11, 7, 23, 59, tzinfo=MSK),
        },
    )
    services.day_add(actor=ctx.admin, event=event, date=date(2025, 11, 14))
    # The deadline (7 November 2025) has passed: registration is closed.
    _walk(ctx, event, EventStatus.PUBLISHED, EventStatus.REGISTRATION_OPEN, EventStatus.REGISTRATION_CLOSED)
    ctx.objects["conference"] = event


def _internship(ctx: DemoContext) -> None:
    cluster = Cluster.objects.filter(slug="kaliningrad").first() or org_services.cluster_create(
        actor=ctx.admin,
        data={
            "slug": "kaliningrad",
            "name": "Всероссийская стажировка для педагогов-управленцев (Калининградская область)",
            "short_name": "Стажировка в Калининградской области",
            "region": "39",
            "description": "Стажировка для управленцев в сфере образования: вопросы организации и "
            "сопровождения воспитания в образовательных организациях Калининградской области.",
        },
    )
    title = "Всероссийская стажировка для педагогов-управленцев"
    if _existing(cluster, title, date(2023, 4, 10)):
        return
    event = services.event_create(
        actor=ctx.admin,
        cluster=cluster,
        data={
            "title": title,
            "kind": "internship",
            "format": "in_person",
            "starts_on": date(2023, 4, 10),
            "ends_on": date(2023, 4, 12),
            "address": "Калининградская область",
            "theme": "Организация и сопровождение воспитания в образовательных организациях Калининградской области.",
            "audience": [
                "руководители и представители организаций дополнительного профессионального образования "
                "педагогов: институтов развития образования, институтов повышения квалификации, ЦНППМ"
            ],
            "capacity_in_person": 50,
        },
    )
    day1 = services.day_add(actor=ctx.admin, event=event, date=date(2023, 4, 10))
    day2 = services.day_add(actor=ctx.admin, event=event, date=date(2023, 4, 11))
    day3 = services.day_add(actor=ctx.admin, event=event, date=date(2023, 4, 12))
    services.item_add(actor=ctx.admin, day=day1, title="Открытие стажировки в Светлогорске", format=ItemFormat.OPENING)
    for practice in (
        "Балтийский клуб менторов",
        "Региональный проект «Ценностный ориентир»",
        "«Школьные музеи»",
        "Пресс-службы центров «Точка роста»",
    ):
        services.item_add(actor=ctx.admin, day=day1, title=practice, format=ItemFormat.STAND_REPORT)
    services.item_add(
        actor=ctx.admin,
        day=day2,
        title="Знакомство с деятельностью Калининградского областного института развития образования и ЦНППМ; "
        "встреча в Доме учителя",
        format=ItemFormat.EXCURSION,
    )
    services.item_add(
        actor=ctx.admin, day=day2, title="Экскурсии на стажировочные площадки по выбору", format=ItemFormat.EXCURSION
    )
    services.item_add(
        actor=ctx.admin,
        day=day3,
        title="Опыт региона по выстраиванию системы социального партнёрства",
        format=ItemFormat.LECTURE,
    )
    services.item_add(actor=ctx.admin, day=day3, title="Подведение итогов стажировки", format=ItemFormat.DISCUSSION)
    services.site_visit_add(actor=ctx.admin, event=event, title="Площадки школ Калининградской области")
    services.site_visit_add(actor=ctx.admin, event=event, title="Площадки партнёрских организаций")
    _walk(ctx, event, EventStatus.PUBLISHED)
    ctx.objects["internship"] = event


AGENDA = [
    ("Агроклассы от Россельхозбанка", ["Пономарева"]),
    (
        "«Опорная школа как методическая площадка по созданию условий для организации единого "
        "образовательного пространства муниципалитета»",
        ["Грязева"],
    ),
    ("«Деятельность по профориентации в КОГОБУ СШ пгт Подосиновец»", ["Залесова"]),
    (
        "«Социальное партнерство в процессе реализации рабочей программы воспитания КОГОБУ СШ пгт Подосиновец»",
        ["Мохина"],
    ),
    ("«Полезная занятость как основа всестороннего развития личности»", ["Ачилова", "Чебыкина"]),
    ("«Библиотека и школа: есть взаимодействие – будет результат»", ["Пахомовская"]),
    ("«Пушкинская карта» как возможность приобретения культурного опыта обучающимися", ["Гмызина"]),
]


def _register_person(event, person, *, now: datetime, role: str = "listener", talk_title: str = ""):
    """A registry person of the Kirov region registers in person through the public service,
    with their first post's organisation and position."""
    position = person.positions.select_related("organization").first()
    registration, _created = services.registration_submit(
        event=event,
        data={
            "last_name": person.last_name,
            "first_name": person.first_name,
            "middle_name": person.middle_name,
            "organization": position.organization,
            "organization_name": position.organization.display_name,
            "position": position.title,
            "region": "43",
            "email": person.email,
            "mode": "in_person",
            "role": role,
            "talk_title": talk_title,
        },
        consent=True,
        now=now,
    )
    return registration


def _council(ctx: DemoContext) -> None:
    cluster, orgs, people = (
        ctx.objects["podosinovets"],
        ctx.objects["podosinovets_orgs"],
        ctx.objects["podosinovets_people"],
    )
    title = "Заседание Координационного Совета Подосиновского образовательного кластера"
    if _existing(cluster, title, date(2025, 2, 26)):
        return
    event = services.event_create(
        actor=ctx.admin,
        cluster=cluster,
        organizers=[orgs["school"], orgs["uo"]],
        data={
            "title": title,
            "kind": "council",
            "format": "in_person",
            "starts_on": date(2025, 2, 26),
            "venue_organization": orgs["school"],
            "theme": "«Открытое образовательное пространство: партнерство, доверие, ответственность»",
        },
    )
    day = services.day_add(actor=ctx.admin, event=event, date=date(2025, 2, 26))
    for item_title, speakers in AGENDA:
        services.item_add(
            actor=ctx.admin,
            day=day,
            title=item_title,
            format=ItemFormat.REPORT,
            speakers=[people[name] for name in speakers],
        )
    _walk(ctx, event, EventStatus.PUBLISHED, EventStatus.REGISTRATION_OPEN)
    # The speakers registered and came (the protocol lists them among those present).
    for name in ("Грязева", "Залесова", "Мохина", "Ачилова", "Чебыкина", "Пахомовская", "Гмызина"):
        talk = next(t for t, names in AGENDA if name in names).strip("«»")
        registration = _register_person(
            event, people[name], now=datetime(2025, 2, 20, 12, 0, tzinfo=MSK), role="speaker", talk_title=talk
        )
        if registration.status == RegistrationStatus.CONFIRMED:
            services.registration_check_in(actor=ctx.admin, event=event, code=registration.code)
    _walk(ctx, event, EventStatus.REGISTRATION_CLOSED, EventStatus.HELD)
    ctx.objects["council"] = event


TRAIN_APPLICANTS = [  # (person, decision): None — still waiting for the organiser
    ("Грязева", True),
    ("Мохина", None),
    ("Залесова", None),
    ("Пахомовская", False),
]


def _methodical_train(ctx: DemoContext) -> None:
    cluster, orgs, people = (
        ctx.objects["podosinovets"],
        ctx.objects["podosinovets_orgs"],
        ctx.objects["podosinovets_people"],
    )
    title = "Методический поезд «Дополнительное образование — школам района»"
    if _existing(cluster, title, date(2025, 3, 20)):
        return
    event = services.event_create(
        actor=ctx.admin,
        cluster=cluster,
        organizers=[orgs["ddt"], orgs["school"]],
        data={
            "title": title,
            "kind": "methodical_train",
            "format": "in_person",
            "starts_on": date(2025, 3, 20),
            "venue_organization": orgs["ddt"],
            "theme": "Укрепление социального партнёрства учреждения дополнительного образования со школами "
            "района (решение Координационного Совета от 26 февраля 2025 г., п. 4).",
            "goal": "Взаимодействие учреждения дополнительного образования и школ района в интересах личности ребёнка.",
            "audience": ["педагоги школ Подосиновского района", "методисты"],
            "capacity_in_person": 20,
            "registration_deadline": datetime(2025, 3, 14, 18, 0, tzinfo=MSK),
            "moderation": True,
        },
    )
    services.day_add(actor=ctx.admin, event=event, date=date(2025, 3, 20))
    _walk(ctx, event, EventStatus.PUBLISHED, EventStatus.REGISTRATION_OPEN)
    for name, decision in TRAIN_APPLICANTS:
        registration = _register_person(event, people[name], now=datetime(2025, 3, 3, 10, 0, tzinfo=MSK))
        if decision is not None:
            services.registration_moderate(
                actor=ctx.admin, event=event, registration_id=registration.pk, approve=decision
            )
    _walk(ctx, event, EventStatus.REGISTRATION_CLOSED)  # the deadline has passed; two still wait
    ctx.objects["methodical_train"] = event


def load(ctx: DemoContext) -> None:
    _conference(ctx)
    _internship(ctx)
    _council(ctx)
    _methodical_train(ctx)
