"""Demo: the Coordination Council of the Podosinovets cluster and its protocol № 1 of
26 February 2025 (council_protocol.txt) — only facts the sample gives."""

from __future__ import annotations

from datetime import date

from edcluster.core.demo_loader import DemoContext
from edcluster.events.models import Event, EventKind
from edcluster.meetings import services
from edcluster.meetings.models import Body, Meeting

BODY_NAME = "Координационный Совет Подосиновского образовательного кластера"

# (title, [(surname, position, organisation as written in the sample)], heard)
AGENDA = [
    (
        "Агроклассы от Россельхозбанка",
        [("Пономарева", "управляющий ДО №3349/2229", "АО «Россельхозбанк»")],
        "Оксана Александровна рассказала о создании единого образовательного пространства для качественного "
        "школьного агрообразования в рамках реализации совместного проекта Россельхозбанка, Министерства "
        "сельского хозяйства и Министерства просвещения РФ, познакомила с возможностями работы педагогов и "
        "обучающихся на базовой онлайн-платформе «Я в агро».\n"
        "Также Оксана Александровна остановилась на серьезной проблеме сегодняшнего дня – «Дроппинг».",
    ),
    (
        "«Опорная школа как методическая площадка по созданию условий для организации единого "
        "образовательного пространства муниципалитета»",
        [("Грязева", "методист", "КОГОБУ СШ пгт Подосиновец")],
        "Елена Борисовна рассказала как организуется деятельность опорной школы по сетевому взаимодействию "
        "с муниципальными образовательными организациями, какие формы работы используются, привела примеры.",
    ),
    (
        "«Деятельность по профориентации в КОГОБУ СШ пгт Подосиновец»",
        [("Залесова", "методист сектора", "МКУ ИМС Администрации Подосиновского района")],
        "Светлана Владимировна проанализировала деятельность школы по профориентации, рассказала по каким "
        "направлениям ведется работа, привела примеры.",
    ),
    (
        "«Социальное партнерство в процессе реализации рабочей программы воспитания КОГОБУ СШ пгт Подосиновец»",
        [("Мохина", "заместитель директора по воспитательной работе", "КОГОБУ СШ пгт Подосиновец")],
        "Елена Дмитриевна проанализировала один из модулей программы воспитания. Остановилась на "
        "сотрудничестве школы с социальными партнерами.",
    ),
    (
        "«Полезная занятость как основа всестороннего развития личности»",
        [
            ("Ачилова", "директор", "МКУК ЦНК «Подосиновский Дом ремесел»"),
            ("Чебыкина", "заместитель директора по УВР", "МКУ ДО ДДТ «Ровесник»"),
        ],
        "Екатерина Васильевна и Татьяна Валерьевна рассказали о предоставляемых услугах по дополнительному "
        "образованию для детей, о возможностях использования их базу.",
    ),
    (
        "«Библиотека и школа: есть взаимодействие – будет результат»",
        [
            (
                "Пахомовская",
                "главный библиотекарь отдела обслуживания",
                "Подосиновской центральной библиотеки им. А.А. Филева",
            )
        ],
        "Нина Владимировна рассказала о возможностях модульной библиотеки, о реализующихся проектах на базе "
        "библиотеки, привела примеры.",
    ),
    (
        "«Пушкинская карта» как возможность приобретения культурного опыта обучающимися.",
        [("Гмызина", "специалист", "МКУК ЦНК «Подосиновский Дом ремесел»")],
        "Татьяна Николаевна осветила плюсы пользования Пушкинской картой. Ознакомила с алгоритмом её приобретения.",
    ),
]

# (text, extra fields)
DECISIONS = [
    ("Рекомендовать к внедрению формы совместной работы школы и социальных партнеров района.", {}),
    (
        "Педагогам активизировать работу по сотрудничеству школ района и дополнительного образования",
        {"addressee_kind": "group", "addressee_group": "педагоги"},
    ),
    (
        "Продолжать искать оптимальные формы совместной работы учреждения дополнительного образования и "
        "школы в интересах личности ребенка.",
        {},
    ),
    (
        "В целях взаимодействия учреждения дополнительного образования и школ района запланировать в марте "
        "2025 года проведение «Методического поезда», направленного на укрепление социального партнёрства "
        "со школами",
        {"due_date": date(2025, 3, 1), "due_month_only": True},
    ),
]


def load(ctx: DemoContext) -> None:
    cluster = ctx.objects["podosinovets"]
    orgs = ctx.objects["podosinovets_orgs"]
    people = ctx.objects["podosinovets_people"]
    actor = ctx.admin
    body = Body.objects.filter(cluster=cluster, name=BODY_NAME).first() or services.body_create(
        actor=actor,
        cluster=cluster,
        data={
            "name": BODY_NAME,
            "name_gent": "Координационного Совета Подосиновского образовательного кластера "
            "образовательных организаций Подосиновского района",
            "short_name_gent": "Координационного Совета",
        },
    )
    if not body.members.exists():
        services.body_member_add(
            actor=actor,
            body=body,
            data={"person": people["Грязева"], "organization": orgs["school"], "role": "secretary"},
        )
    meeting = Meeting.objects.filter(body=body, year=2025, number=1).first()
    if meeting is None:
        meeting = services.meeting_create(
            actor=actor,
            body=body,
            data={
                "number": 1,
                "date": date(2025, 2, 26),
                "place": "пгт Подосиновец",
                "theme": "Открытое образовательное пространство: партнерство, доверие, ответственность",
                "organizers": "КОГОБУ СШ пгт Подосиновец (опорная школа Подосиновского образовательного "
                "кластера); Управление образования Подосиновского района.",
                "signature_title": "Методист опорной школы",
                "attended_count": 15,
                "attended_org_count": 11,
            },
        )
        event = Event.objects.filter(cluster=cluster, kind=EventKind.COUNCIL, starts_on=date(2025, 2, 26)).first()
        if event is not None:  # the same meeting as an event: its registrations and check-in
            services.meeting_link_event(actor=actor, meeting=meeting, event=event)
        for title, speakers, heard in AGENDA:
            services.agenda_item_create(
                actor=actor,
                meeting=meeting,
                data={"title": title, "heard": heard},
                speakers=[
                    {"person": people[last], "position": position, "organization": org}
                    for last, position, org in speakers
                ],
            )
        for text, extra in DECISIONS:
            services.decision_create(actor=actor, meeting=meeting, data={"text": text, **extra})
        services.protocol_approve(actor=actor, meeting=meeting)
    ctx.objects.update(council=body, council_meeting=meeting)
