"""Demo partnerships — only what the samples say: the web of МАДОУ № 24 «Журавушка»
(kindergarten_partners.txt, its parents first) and the partners heard at the Подосиновский cluster's council
(council_protocol.txt). Dates are plausible, not from the samples."""

from __future__ import annotations

from datetime import date
from typing import Any

from edcluster.core.demo_loader import DemoContext
from edcluster.organizations.services import parents_community_ensure
from edcluster.partnerships import services
from edcluster.partnerships.models import Direction, Partnership

# (title, kind, [(organisation key, role)], [directions], signed, until or None, description, results)
ISKITIM = [
    (
        "Родители — равноправные и равноответственные партнёры детского сада",
        "informal",
        [("zhuravushka", "initiator"), ("parents", "partner")],
        ["Родители и семья"],
        date(2020, 9, 1),
        None,
        "Обмен информацией и обратная связь, интерактивные мероприятия, группы в социальных сетях, "
        "совместные мероприятия «педагог — ребёнок — родитель», посещение родителями детского сада, "
        "совместные проекты. В период ограничений — группы в социальных сетях, платформа ZOOM, видеосвязь.",
        "Грамотный родитель, повышенный родительский интерес к жизни детского сада и отсутствие конфликтов.",
    ),
    (
        "Взаимодействие с Администрацией города Искитима и МКУ «Управление образования»",
        "informal",
        [("zhuravushka", "initiator"), ("admin", "partner"), ("uo", "methodological")],
        ["Методическое сопровождение"],
        date(2023, 9, 1),
        None,
        "Поддержка инноваций детского сада и его участия в мероприятиях города и управления образования.",
        "",
    ),
    (
        "Авторская программа «Родная сторона» с музеем школы № 11",
        "cooperation_agreement",
        [("zhuravushka", "initiator"), ("school11", "partner")],
        ["Краеведение и школьные музеи"],
        date(2024, 9, 2),
        date(2027, 8, 31),
        "Музей школы № 11 помогает в реализации авторской программы «Родная сторона»: дошколята "
        "получают исторические и краеведческие знания, ученики школы готовят для них материалы.",
        "",
    ),
    (
        "Робототехника и программирование со школой № 9",
        "cooperation_agreement",
        [("zhuravushka", "initiator"), ("school9", "partner")],
        ["Робототехника и программирование"],
        date(2024, 9, 2),
        date(2027, 8, 31),
        "Обмен опытом педагогов, совместные занятия для дошколят и первоклассников, соревнования; "
        "кружок робототехники готовит малышей к обучению в инженерных классах школы.",
        "",
    ),
    (
        "Дополнительное образование с Центром дополнительного образования г. Искитима",
        "network_agreement",
        [("zhuravushka", "initiator"), ("cdo", "partner")],
        ["Дополнительное образование"],
        date(2024, 1, 15),
        date(2026, 12, 31),
        "Реализация задач дополнительного образования.",
        "Привлечены дополнительные средства на улучшение материальной базы детского сада и "
        "повышение квалификации педагогов.",
    ),
    (
        "Инновационная площадка «Разработка и внедрение системной модели управления качеством "
        "образования в дошкольной образовательной организации»",
        "network_agreement",
        [("zhuravushka", "initiator"), ("iidsv", "methodological"), ("npk1", "resource_centre")],
        ["Инновационная и исследовательская площадка"],
        date(2023, 3, 1),
        date(2027, 12, 31),
        "Инновационная площадка Института изучения детства, семьи и воспитания РАО на основе "
        "методического комплекса для организации системы оценки качества дошкольного образования; "
        "Новосибирский педагогический колледж № 1 — ресурсный центр площадки.",
        "Внедрена система оценки качества образования.",
    ),
    (
        "Социально-образовательный проект «Безопасная дорога»",
        "joint_project",
        [("zhuravushka", "initiator"), ("hyundai", "sponsor"), ("ppiv", "methodological")],
        ["Безопасность дорожного движения", "Родители и семья"],
        date(2025, 9, 1),
        date(2027, 8, 31),
        "Двухлетний образовательный курс для детей, методические материалы для педагогов, развивающие "
        "пособия для детей и обучающие мероприятия для родителей: знакомство детей с ПДД.",
        "",
    ),
    (
        "Апробация программно-методического комплекса «Мозаичный парк» и программы «Первые шаги»",
        "cooperation_agreement",
        [("zhuravushka", "initiator"), ("rsl", "methodological")],
        ["Инновационная и исследовательская площадка", "Методическое сопровождение"],
        date(2024, 2, 1),
        date(2027, 1, 31),
        "Экспериментальная апробация и внедрение программно-методического комплекса «Мозаичный парк» "
        "и комплексной образовательной программы «Первые шаги».",
        "",
    ),
    (
        "Университет детства: фестиваль игры 4Д, Региональная школа, Летняя школа",
        "informal",
        [("zhuravushka", "partner"), ("ud", "initiator")],
        ["Методическое сопровождение"],
        date(2024, 5, 1),
        None,
        "Участие в фестивале игры 4Д и Региональной школе; педагоги — победители конкурса — в Летней школе.",
        "",
    ),
]

PODOSINOVETS = [
    (
        "Агроклассы от Россельхозбанка",
        "joint_project",
        [("school", "initiator"), ("bank", "sponsor")],
        ["Агрообразование", "Профориентация"],
        date(2024, 9, 1),
        date(2027, 6, 30),
        "Единое образовательное пространство для качественного школьного агрообразования (совместный "
        "проект Россельхозбанка, Министерства сельского хозяйства и Министерства просвещения РФ); "
        "работа педагогов и обучающихся на онлайн-платформе «Я в агро».",
        "",
    ),
    (
        "Библиотека и школа: есть взаимодействие — будет результат",
        "cooperation_agreement",
        [("school", "initiator"), ("library", "partner")],
        ["Библиотека и чтение"],
        date(2024, 9, 1),
        date(2027, 6, 30),
        "Модульная библиотека, проекты на базе библиотеки.",
        "",
    ),
    (
        "Полезная занятость и «Пушкинская карта» с Подосиновским Домом ремесел",
        "cooperation_agreement",
        [("school", "initiator"), ("crafts", "partner")],
        ["Дополнительное образование", "Культура и искусство"],
        date(2024, 9, 1),
        date(2027, 6, 30),
        "Услуги по дополнительному образованию детей на базе Дома ремесел; приобретение культурного "
        "опыта обучающимися по «Пушкинской карте».",
        "",
    ),
    (
        "Сотрудничество школы и ДДТ «Ровесник» в дополнительном образовании",
        "network_agreement",
        [("school", "initiator"), ("ddt", "partner")],
        ["Дополнительное образование"],
        date(2024, 9, 1),
        date(2027, 6, 30),
        "Совместная работа учреждения дополнительного образования и школы в интересах личности ребёнка.",
        "",
    ),
]

COUNCIL_NOTE = "Заседание Координационного совета 26 февраля 2025 г. (протокол № 1)."


def _load(ctx: DemoContext, orgs: dict[str, Any], rows: list, note: str = "") -> list[Partnership]:
    created = []
    for title, kind, parties, directions, signed, until, description, achieved in rows:
        existing = Partnership.objects.filter(title=title).first()
        if existing is not None:
            created.append(existing)
            continue
        data = {
            "kind": kind,
            "title": title,
            "signed_on": signed,
            "valid_from": signed,
            "valid_until": until,
            "indefinite": until is None,
            "description": description,
            "achieved_results": achieved,
            "linked_events": note,
        }
        created.append(
            services.partnership_create(
                actor=ctx.admin,
                data=data,
                parties=[{"organization": orgs[key], "role": role} for key, role in parties],
                directions=list(Direction.objects.filter(name__in=directions)),
                activate=True,
            )
        )
    return created


def load(ctx: DemoContext) -> None:
    services.directions_ensure_defaults()
    orgs = dict(ctx.objects["iskitim_orgs"])
    # «Прежде всего нашими партнёрами являются родители» — the kindergarten's parents as a party.
    orgs["parents"] = parents_community_ensure(actor=ctx.admin, organization=orgs["zhuravushka"])
    iskitim = _load(ctx, orgs, ISKITIM)
    podos = _load(ctx, ctx.objects["podosinovets_orgs"], PODOSINOVETS, COUNCIL_NOTE)
    ctx.objects.update(iskitim_partnerships=iskitim, podosinovets_partnerships=podos)
