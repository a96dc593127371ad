"""Demo practices — only what the samples say: the practices of МАДОУ № 24 «Журавушка»
(kindergarten_partners.txt) and those heard and decided at the Подосиновский cluster's council
(council_protocol.txt). Adoptions are the two the kindergarten's text reports (the quality
assessment system of the innovation platform, «Мозаичный парк»); no figures are invented, so
none are entered. Materials are DOCX files made from the samples' own words."""

from __future__ import annotations

import io
from datetime import date

from django.contrib.auth import get_user_model

from edcluster.core.demo_loader import DemoContext
from edcluster.partnerships.models import Direction
from edcluster.practices import services
from edcluster.practices.models import Adoption, Practice

KINDERGARTEN_TEXT = (
    "Партнерство МАДОУ № 24 «Журавушка».",
    "Рядом с нашим детским садом расположены две школы. Музей школы № 11 помогает в реализации нашей "
    "авторской программы «Родная сторона». Школа очень рада приходу наших малышей, которые получают "
    "различные исторические и краеведческие знания. А у учеников школы есть прекрасная возможность "
    "закрепить свои знания в период подготовки информации для дошколят.",
    "Со школой № 9 мы партнерствуем в сфере робототехники и программирования: обмен опытом педагогов, "
    "совместные занятия для дошколят и первоклассников, соревнования – все работает на развитие "
    "инженерной мысли и желанию ребенка пойти учиться в инженерный класс! Наш кружок робототехники и "
    "программирования выявляет успехи детей и готовит малышей к обучению в инженерных классах этой школы.",
)
PROTOCOL_TEXT = (
    "Протокол заседания Координационного Совета Подосиновского образовательного кластера от 26 февраля 2025 г. № 1.",
    "Тема: «Открытое образовательное пространство: партнерство, доверие, ответственность».",
    "Решение Координационного Совета:",
    "1. Рекомендовать к внедрению формы совместной работы школы и социальных партнеров района.",
    "2. Педагогам активизировать работу по сотрудничеству школ района и дополнительного образования.",
    "3. Продолжать искать оптимальные формы совместной работы учреждения дополнительного образования и школы "
    "в интересах личности ребенка.",
    "4. В целях взаимодействия учреждения дополнительного образования и школ района запланировать в марте "
    "2025 года проведение «Методического поезда», направленного на укрепление социального партнёрства со школами.",
)
SECTION_TEXT = (
    "Участники секции в ходе деятельности управленческой мастерской познакомились с моделью Консультационного "
    "Центра «Профессия – родители», изучили материалы Федерального Института Развития Образования по развитию в "
    "РФ сети консультационных центров/пунктов.",
    "Рекомендации для ДОУ: изучение практики организации консультационных центров/пунктов в Российской "
    "Федерации; формирование проектного офиса; формирование пакета документов; организация работы "
    "консультационного центра/пункта на базе ДОУ.",
)
COUNCIL = (
    "Заседание Координационного Совета Подосиновского образовательного кластера 26 февраля 2025 г. (протокол № 1)."
)
DECISION = "Решение Координационного Совета от 26 февраля 2025 г. № 1, п. 1"

# key: (cluster, [org keys], [author last names], direction, audience, form, status, visibility, fields)
PRACTICES: list[tuple[str, str, list[str], list[str], str, list[str], str, str, str, dict[str, str]]] = [
    (
        "rodnaya",
        "iskitim",
        ["zhuravushka", "school11"],
        [],
        "Краеведение и школьные музеи",
        ["preschool", "school"],
        "programme",
        "described",
        "public",
        {
            "title": "Авторская программа «Родная сторона» с музеем школы № 11",
            "goal": "Дать дошкольникам исторические и краеведческие знания.",
            "content": "Музей школы № 11 помогает в реализации авторской программы детского сада «Родная сторона»: "
            "малыши приходят в школу и получают различные исторические и краеведческие знания, а ученики школы "
            "закрепляют свои знания, готовя информацию для дошколят.",
            "resources": "Музей школы № 11.",
            "tags": "школьный музей, краеведение",
        },
    ),
    (
        "robotics",
        "iskitim",
        ["zhuravushka", "school9"],
        [],
        "Робототехника и программирование",
        ["preschool", "primary", "teachers"],
        "club",
        "described",
        "public",
        {
            "title": "Робототехника и программирование: детский сад и школа № 9",
            "goal": "Развитие инженерной мысли и желания ребёнка пойти учиться в инженерный класс.",
            "content": "Кружок робототехники и программирования детского сада; обмен опытом педагогов, совместные "
            "занятия для дошколят и первоклассников, соревнования.",
            "results": "Кружок выявляет успехи детей и готовит малышей к обучению в инженерных классах школы № 9.",
            "tags": "робототехника, программирование, инженерные классы",
        },
    ),
    (
        "road",
        "iskitim",
        ["zhuravushka", "hyundai", "ppiv"],
        [],
        "Безопасность дорожного движения",
        ["preschool", "parents", "teachers"],
        "project",
        "described",
        "public",
        {
            "title": "Социально-образовательный проект «Безопасная дорога»",
            "goal": "Знакомить детей с правилами дорожного движения на современном уровне.",
            "content": "Двухлетний образовательный курс для детей, методические материалы для педагогов, "
            "развивающие пособия для детей и обучающие мероприятия для родителей.",
            "tags": "ПДД",
        },
    ),
    (
        "quality",
        "iskitim",
        ["iidsv", "npk1"],
        [],
        "Инновационная и исследовательская площадка",
        ["teachers"],
        "network",
        "described",
        "cluster",
        {
            "title": "Системная модель управления качеством образования в дошкольной образовательной организации",
            "goal": "Разработка и внедрение системной модели управления качеством образования в дошкольной "
            "образовательной организации на основе методического комплекса для организации системы оценки "
            "качества дошкольного образования.",
            "resources": "Инновационная площадка Института изучения детства, семьи и воспитания РАО; ресурсный "
            "центр площадки — Новосибирский педагогический колледж № 1.",
        },
    ),
    (
        "mosaic",
        "iskitim",
        ["rsl"],
        [],
        "Дополнительное образование",
        ["preschool", "teachers"],
        "programme",
        "described",
        "cluster",
        {
            "title": "Программно-методический комплекс «Мозаичный парк» и комплексная образовательная программа "
            "«Первые шаги»",
            "content": "Экспериментальная апробация и внедрение программно-методического комплекса «Мозаичный парк» "
            "и комплексной образовательной программы «Первые шаги» в детских садах.",
        },
    ),
    (
        "agro",
        "podosinovets",
        ["bank"],
        ["Пономарева"],
        "Агрообразование",
        ["school", "teachers"],
        "project",
        "presented",
        "cluster",
        {
            "title": "Агроклассы от Россельхозбанка",
            "goal": "Единое образовательное пространство для качественного школьного агрообразования.",
            "content": "Совместный проект Россельхозбанка, Министерства сельского хозяйства и Министерства "
            "просвещения РФ; работа педагогов и обучающихся на базовой онлайн-платформе «Я в агро».",
            "evidence": COUNCIL,
            "tags": "агрокласс, Я в агро",
        },
    ),
    (
        "joint_forms",
        "podosinovets",
        ["school"],
        ["Мохина"],
        "Дополнительное образование",
        ["school", "teachers"],
        "network",
        "recommended",
        "cluster",
        {
            "title": "Формы совместной работы школы и социальных партнёров района",
            "content": "Социальное партнёрство в процессе реализации рабочей программы воспитания КОГОБУ СШ пгт "
            "Подосиновец: сотрудничество школы с социальными партнёрами в одном из модулей программы воспитания.",
            "evidence": COUNCIL,
            "recommendation": DECISION,
        },
    ),
    (
        "train",
        "podosinovets",
        ["school"],
        [],
        "Методическое сопровождение",
        ["teachers"],
        "event_series",
        "described",
        "cluster",
        {
            "title": "«Методический поезд»",
            "goal": "Укрепление социального партнёрства учреждения дополнительного образования со школами района.",
            "stages": "Проведение запланировано на март 2025 года (решение Координационного Совета от 26 февраля "
            "2025 г. № 1, п. 4).",
            "evidence": COUNCIL,
        },
    ),
]

PRACTICES.append(
    (
        "parents",
        "iskitim",
        ["zhuravushka"],
        [],
        "Родители и семья",
        ["parents"],
        "consulting",
        "presented",
        "cluster",
        {
            "title": "Модель консультационного центра «Профессия – родители»",
            "goal": "Методическая, психолого-педагогическая и консультативная помощь родителям детей дошкольного "
            "возраста, в том числе не посещающих детский сад.",
            "content": "С моделью консультационного центра «Профессия – родители» познакомились участники секции "
            "руководителей дошкольных учреждений; они изучили материалы Федерального института развития "
            "образования по развитию в РФ сети консультационных центров и пунктов.",
            "stages": "Изучение спроса на услуги центра; проектный офис (команда, идея, бренд, модель центра); "
            "пакет документов, регламентирующих работу центра; организация работы центра на базе ДОУ; "
            "ежемесячный, ежеквартальный и годовой анализ работы.",
            "transfer_conditions": "Координация работы центров через методическую поддержку; ресурсный центр для "
            "нормативно-правовой и методической помощи ДОУ.",
            "evidence": "Итоги секции руководителей дошкольных образовательных учреждений (модель представлена "
            "участникам секции). Центр этой модели работает в демо при МАДОУ № 24 «Журавушка» (раздел "
            "«Консультационные центры»).",
            "tags": "консультационный центр, родители",
        },
    )
)

MATERIALS = {
    "rodnaya": ("Партнёрство МАДОУ № 24 «Журавушка»: школьный музей", "methodical", KINDERGARTEN_TEXT[:2]),
    "robotics": ("Партнёрство МАДОУ № 24 «Журавушка»: робототехника", "methodical", KINDERGARTEN_TEXT[::2]),
    "joint_forms": ("Протокол Координационного Совета № 1", "other", PROTOCOL_TEXT),
    "train": ("Протокол Координационного Совета № 1", "other", PROTOCOL_TEXT),
    "parents": ("Итоги секции: модель консультационного центра", "methodical", SECTION_TEXT),
}

ADOPTIONS = [
    (
        "quality",
        "zhuravushka",
        date(2023, 9, 1),
        "Детский сад — участник инновационной площадки Института изучения детства, семьи и воспитания РАО; "
        "ресурсный центр — Новосибирский педагогический колледж № 1.",
        "Успешное сотрудничество позволило внедрить успешную систему оценки качества образования.",
    ),
    (
        "mosaic",
        "zhuravushka",
        date(2023, 9, 1),
        "Экспериментальная апробация комплекса коллективом детского сада.",
        "",
    ),
]


def _docx(paragraphs: tuple[str, ...]) -> bytes:
    from docx import Document

    doc = Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def load(ctx: DemoContext) -> None:
    people = ctx.objects["podosinovets_people"]
    created: dict[str, Practice] = {}
    for key, cluster, org_keys, authors, direction, audience, form, status, visibility, fields in PRACTICES:
        existing = Practice.objects.filter(title=fields["title"]).first()
        if existing is not None:
            created[key] = existing
            continue
        practice_orgs = [ctx.objects[f"{cluster}_orgs"][k] for k in org_keys]
        p = services.practice_create(
            actor=ctx.admin,
            data={
                **fields,
                "cluster": ctx.objects[cluster],
                "direction": Direction.objects.filter(name=direction).first(),
                "audience": services.audience_value(audience),
                "work_form": form,
                "status": status,
                "visibility": visibility,
            },
            organizations=practice_orgs,
            authors=[people[a] for a in authors],
        )
        created[key] = p
        if key in MATERIALS:
            title, kind, text = MATERIALS[key]
            services.material_add(
                actor=ctx.admin,
                practice=p,
                data={"title": title, "kind": kind, "sharing": visibility},
                upload=(f"{key}.docx", _docx(text)),
            )
    _link_council_decision(ctx, created.get("joint_forms"))
    adopter = get_user_model().objects.filter(username="zhuravushka").first() or ctx.admin
    for key, org_key, adopted_on, adaptation, own_results in ADOPTIONS:
        org = ctx.objects["iskitim_orgs"][org_key]
        if Adoption.objects.filter(practice=created[key], organization=org).exists():
            continue
        services.adoption_create(
            actor=adopter,
            practice=created[key],
            organization=org,
            data={"adopted_on": adopted_on, "adaptation": adaptation, "own_results": own_results},
        )
    ctx.objects.update(practices=created)


def _link_council_decision(ctx: DemoContext, practice: Practice | None) -> None:
    """The council's decision No. 1, item 1 (meetings demo) is the recommendation's link."""
    from edcluster.meetings.models import Decision

    if practice is None or practice.recommended_by_id is not None:
        return
    decision = Decision.objects.filter(
        cluster_id=practice.cluster_id, text__startswith="Рекомендовать к внедрению формы совместной работы"
    ).first()
    if decision is not None:
        services.practice_update(actor=ctx.admin, practice=practice, data={"recommended_by": decision})
