"""Demo consultation centres: the model «Профессия – родители» from the section results
(section_results_template.txt) as a centre at МАДОУ № 24 «Журавушка» (the demo's kindergarten),
a second centre at МКДОУ д/с «Солнышко» пгт Подосиновец (a kindergarten invented for the demo)
and a consultation point at КОГОБУ СШ пгт Подосиновец (another cluster, to show that one centre's
staff never see another's records). A year of consultations is generated with a fixed seed so
that every monthly, quarterly and yearly report has data and the demo is the same on every run.
Specialists' names and families are invented; the family e-mails use the reserved .invalid domain.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from edcluster.consultations import services
from edcluster.consultations.models import Centre, Questionnaire
from edcluster.core.demo_loader import DemoContext
from edcluster.organizations.models import Organization

SEED = 20250226
CENTRES = [
    {
        "org": "МАДОУ № 24 «Журавушка»",
        "kind": "centre",
        "name": "Консультационный центр «Профессия – родители»",
        "description": "Бесплатная помощь родителям детей от 0 до 7 лет, в том числе не посещающих детский сад.",
        "services": "Консультирование родителей по вопросам развития и воспитания\nДиагностика речевого развития\n"
        "Консультации по адаптации к детскому саду\nПомощь в подготовке к школе\nРазъяснение прав и льгот семей",
        "forms": ["in_person", "remote", "visit"],
        "address": "г. Искитим",
        "hours": "пн, ср, пт 9:00–17:00",
        "specialists": [
            ("psychologist", "Соколова Анна Викторовна", [(0, 9, 12), (2, 14, 17)]),
            ("speech", "Лебедева Ольга Сергеевна", [(0, 14, 17), (4, 9, 12)]),
            ("defectologist", "Морозова Ирина Павловна", [(2, 9, 12)]),
            ("medical", "Кузнецова Татьяна Ивановна", [(4, 14, 16)]),
        ],
        "per_month": (14, 22),
    },
    {
        "org": "МКДОУ д/с «Солнышко» пгт Подосиновец",
        "kind": "centre",
        "name": "Консультационный центр «Растём вместе»",
        "description": "Помощь семьям с детьми раннего и дошкольного возраста, в том числе с ОВЗ, "
        "и семьям, чьи дети не посещают детский сад.",
        "services": "Консультации учителя-логопеда\nПсихологическое консультирование родителей\n"
        "Консультации по адаптации к детскому саду\nВыезд специалиста в семью",
        "forms": ["in_person", "remote", "visit"],
        "address": "пгт Подосиновец",
        "hours": "вт, чт 9:00–12:00; ср 14:00–17:00",
        "specialists": [
            ("speech", "Шихова Марина Владимировна", [(1, 9, 12)]),
            ("psychologist", "Голикова Светлана Андреевна", [(2, 14, 17)]),
            ("educator", "Бушуева Людмила Петровна", [(3, 9, 12)]),
        ],
        "per_month": (8, 14),
    },
    {
        "org": "КОГОБУ СШ пгт Подосиновец",
        "kind": "point",
        "name": "Консультационный пункт для родителей дошкольников",
        "description": "Консультации для семей с детьми дошкольного возраста, готовящихся к школе.",
        "services": "Консультации по подготовке к школе\nКонсультации социального педагога\nПомощь воспитателя",
        "forms": ["in_person", "remote"],
        "address": "пгт Подосиновец",
        "hours": "вт, чт 13:00–17:00",
        "specialists": [
            ("social", "Попова Елена Николаевна", [(1, 13, 17)]),
            ("educator", "Смирнова Наталья Алексеевна", [(3, 13, 17)]),
        ],
        "per_month": (6, 12),
    },
]
TOPIC_WEIGHTS = {
    "psychologist": ["behaviour", "adaptation", "development"],
    "speech": ["speech"],
    "defectologist": ["development", "speech"],
    "medical": ["health"],
    "social": ["rights", "school"],
    "educator": ["school", "adaptation"],
}
CATEGORIES = ["under3", "not_attending", "disabled", "foster", "other"]
CATEGORY_WEIGHTS = [30, 25, 20, 10, 15]


def load(ctx: DemoContext) -> None:
    today = timezone.localdate()
    for i, spec in enumerate(CENTRES):
        org = Organization.objects.filter(short_name=spec["org"]).first()
        if org is None:
            continue
        centre = Centre.objects.filter(organization=org, name=spec["name"]).first()
        if centre is None:
            centre = _centre(ctx, org, spec, random.Random(SEED + i), today)  # noqa: S311 - demo data
        if i == 0:
            user = ctx.user(
                "kc_psychologist",
                first_name="Анна",
                last_name="Соколова",
                who="педагог-психолог КЦ «Профессия – родители» (МАДОУ № 24 «Журавушка»)",
            )
            sp = centre.specialists.get(full_name=spec["specialists"][0][1])
            if sp.user_id is None:
                services.specialist_update(actor=ctx.admin, specialist=sp, data={"user": user})
        ctx.objects[f"consultation_centre_{i}"] = centre


def _centre(ctx, org, spec, rng, today) -> Centre:
    centre = services.centre_create(
        actor=ctx.admin,
        data={k: spec[k] for k in ("kind", "name", "description", "services", "forms", "address", "hours")}
        | {"organization": org},
    )
    specialists = []
    for kind, name, hours in spec["specialists"]:
        sp = services.specialist_create(actor=ctx.admin, centre=centre, data={"kind": kind, "full_name": name})
        for weekday, start, end in hours:
            services.schedule_add(
                actor=ctx.admin, specialist=sp, weekday=weekday, start=dt.time(start), end=dt.time(end)
            )
        specialists.append(sp)
    _generate_year(ctx, centre, specialists, spec, rng, today)
    if spec["kind"] == "centre":
        _questionnaire(ctx, centre, rng)
    return centre


def _generate_year(ctx, centre, specialists, spec, rng, today) -> None:
    families = [f"family{n:03d}.{centre.pk}@example.invalid" for n in range(1, 160)]
    months = []
    m = today.replace(day=1)
    for _n in range(14):
        months.append(m)
        m = (m - dt.timedelta(days=1)).replace(day=1)
    for month_start in reversed(months):
        lo, hi = spec["per_month"]
        for _n in range(rng.randint(lo, hi)):
            day = month_start + dt.timedelta(days=rng.randint(0, 27))
            if day >= today:
                continue
            sp = rng.choice(specialists)
            topic = rng.choice(TOPIC_WEIGHTS[sp.kind])
            form = rng.choices(spec["forms"], weights=[60, 30, 10][: len(spec["forms"])])[0]
            email = rng.choice(families)
            walk_in = rng.random() < 0.25
            req = None
            if not walk_in:
                received = timezone.make_aware(
                    dt.datetime.combine(day - dt.timedelta(days=rng.randint(1, 10)), dt.time(rng.randint(8, 19)))
                )
                req = services.request_create(
                    centre=centre,
                    data={
                        "applicant_kind": rng.choices(["parent", "guardian", "adoptive"], weights=[85, 10, 5])[0],
                        "name": "Родитель",
                        "child_age": rng.randint(0, 7),
                        "topic": topic,
                        "preferred_form": form,
                        "email": email,
                    },
                    consent=True,
                    received_at=received,
                )
            consultation = services.consultation_record(
                actor=ctx.admin,
                centre=centre,
                data={
                    "specialist": sp,
                    "request": req,
                    "date": day,
                    "form": form,
                    "duration": rng.choices([30, 45, 60, 90], weights=[10, 40, 40, 10])[0],
                    "recipient_category": rng.choices(CATEGORIES, weights=CATEGORY_WEIGHTS)[0],
                    "topic": topic,
                    "outcome": "Даны рекомендации родителям.",
                    "email": email,
                },
                send_survey=False,
            )
            if rng.random() < 0.55:
                satisfied = rng.random() < 0.88
                services.survey_answer(
                    token=consultation.survey_token,
                    satisfied=satisfied,
                    score=rng.randint(4, 5) if satisfied else rng.randint(2, 3),
                )
    # a few requests still waiting in the queue
    for _n in range(3):
        services.request_create(
            centre=centre,
            data={
                "applicant_kind": "parent",
                "name": "Родитель",
                "child_age": rng.randint(1, 6),
                "topic": rng.choice(TOPIC_WEIGHTS[specialists[0].kind]),
                "preferred_form": spec["forms"][0],
                "preferred_time": "после 17:00",
                "email": rng.choice(families),
            },
            consent=True,
            received_at=timezone.now() - dt.timedelta(days=rng.randint(0, 3)),
        )


def _questionnaire(ctx, centre, rng) -> None:
    if Questionnaire.objects.filter(centre=centre).exists():
        return
    q = services.questionnaire_create(
        actor=ctx.admin,
        centre=centre,
        title="Изучение спроса на услуги консультационного центра",
        questions=[
            {"text": "Какая форма консультации вам удобнее?", "choices": ["очно", "дистанционно", "выезд в семью"]},
            {
                "text": "Какая тема для вас важнее всего?",
                "choices": ["развитие речи", "поведение", "подготовка к школе", "здоровье", "права и льготы"],
            },
            {"text": "Когда вам удобно приходить?", "choices": ["утром", "днём", "вечером", "в субботу"]},
        ],
    )
    for _n in range(40):
        services.questionnaire_answer(
            questionnaire=q,
            answers={
                str(i): rng.choices(question["choices"], weights=range(len(question["choices"]), 0, -1))[0]
                for i, question in enumerate(q.questions)
            },
        )
