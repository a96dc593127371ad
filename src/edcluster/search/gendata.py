"""A synthetic national dataset for load tests: organisations in real regions and municipalities
with kinds in realistic shares, people with correct Russian gender forms, events and
registrations. No services, no audit: this is test data, never a real cluster's. Deterministic
for a given seed.

On PostgreSQL rows go in with ``COPY`` (psycopg's ``cursor.copy``), and for a large load the
table's secondary indexes are dropped first and built again at the end (one sorted build is
much cheaper than millions of index insertions). Elsewhere (SQLite, the tests) ``bulk_create``.

Generated clusters have slugs beginning with ``gen-``; everything else hangs off them or off
the generated organisations.
"""

from __future__ import annotations

import contextlib
import json
import random
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from edcluster.core.search import build_search_text
from edcluster.organizations.regions import REGIONS

BATCH = 5000
# Loads of at least this many rows into one table drop its secondary indexes for the load.
REINDEX_FROM = 100_000

# Real municipalities (the administrative centre first) of each region; regions not listed get
# their centre only.
MUNICIPALITIES: dict[str, list[str]] = {
    "01": ["Майкоп", "Адыгейск", "Гиагинский район"],
    "02": ["Уфа", "Стерлитамак", "Салават", "Нефтекамск", "Октябрьский"],
    "03": ["Улан-Удэ", "Северобайкальск", "Кяхтинский район"],
    "10": ["Петрозаводск", "Кондопога", "Сегежа"],
    "11": ["Сыктывкар", "Ухта", "Воркута", "Печора"],
    "12": ["Йошкар-Ола", "Волжск", "Козьмодемьянск"],
    "13": ["Саранск", "Рузаевка", "Ковылкино"],
    "14": ["Якутск", "Нерюнгри", "Мирный"],
    "16": ["Казань", "Набережные Челны", "Нижнекамск", "Альметьевск", "Елабуга"],
    "18": ["Ижевск", "Сарапул", "Воткинск", "Глазов"],
    "21": ["Чебоксары", "Новочебоксарск", "Канаш"],
    "22": ["Барнаул", "Бийск", "Рубцовск", "Новоалтайск"],
    "23": ["Краснодар", "Сочи", "Новороссийск", "Армавир", "Анапа", "Геленджик"],
    "24": ["Красноярск", "Норильск", "Ачинск", "Канск"],
    "25": ["Владивосток", "Уссурийск", "Находка", "Артём"],
    "26": ["Ставрополь", "Пятигорск", "Кисловодск", "Невинномысск"],
    "27": ["Хабаровск", "Комсомольск-на-Амуре", "Амурск"],
    "29": ["Архангельск", "Северодвинск", "Котлас"],
    "31": ["Белгород", "Старый Оскол", "Губкин"],
    "34": ["Волгоград", "Волжский", "Камышин", "Михайловка"],
    "35": ["Вологда", "Череповец", "Сокол"],
    "36": ["Воронеж", "Борисоглебск", "Россошь"],
    "38": ["Иркутск", "Братск", "Ангарск", "Усть-Илимск"],
    "42": ["Кемерово", "Новокузнецк", "Прокопьевск", "Междуреченск"],
    "43": ["Киров", "Кирово-Чепецк", "Слободской", "Подосиновский район", "Котельнич"],
    "47": ["Гатчинский район", "Всеволожский район", "Выборгский район", "Тосненский район"],
    "50": ["Балашиха", "Подольск", "Химки", "Мытищи", "Королёв", "Люберцы", "Коломна"],
    "52": ["Нижний Новгород", "Дзержинск", "Арзамас", "Саров"],
    "54": ["Новосибирск", "Бердск", "Искитим", "Искитимский район", "Обь"],
    "55": ["Омск", "Тара", "Исилькуль"],
    "56": ["Оренбург", "Орск", "Новотроицк", "Бузулук"],
    "59": ["Пермь", "Березники", "Соликамск", "Чайковский"],
    "61": ["Ростов-на-Дону", "Таганрог", "Шахты", "Новочеркасск", "Волгодонск"],
    "63": ["Самара", "Тольятти", "Сызрань", "Новокуйбышевск"],
    "64": ["Саратов", "Энгельс", "Балаково"],
    "66": ["Екатеринбург", "Нижний Тагил", "Каменск-Уральский", "Первоуральск"],
    "72": ["Тюмень", "Тобольск", "Ишим"],
    "74": ["Челябинск", "Магнитогорск", "Златоуст", "Миасс"],
    "77": ["Москва"],
    "78": ["Санкт-Петербург"],
}
CENTRES = {
    "04": "Горно-Алтайск", "05": "Махачкала", "06": "Магас", "07": "Нальчик", "08": "Элиста",
    "09": "Черкесск", "15": "Владикавказ", "17": "Кызыл", "19": "Абакан", "20": "Грозный",
    "28": "Благовещенск", "30": "Астрахань", "32": "Брянск", "33": "Владимир", "37": "Иваново",
    "39": "Калининград", "40": "Калуга", "41": "Петропавловск-Камчатский", "44": "Кострома",
    "45": "Курган", "46": "Курск", "48": "Липецк", "49": "Магадан", "51": "Мурманск",
    "53": "Великий Новгород", "57": "Орёл", "58": "Пенза", "60": "Псков", "62": "Рязань",
    "65": "Южно-Сахалинск", "67": "Смоленск", "68": "Тамбов", "69": "Тверь", "70": "Томск",
    "71": "Тула", "73": "Ульяновск", "75": "Чита", "76": "Ярославль", "79": "Биробиджан",
    "83": "Нарьян-Мар", "86": "Ханты-Мансийск", "87": "Анадырь", "89": "Салехард",
    "90": "Запорожская область", "91": "Симферополь", "92": "Севастополь", "93": "Донецк",
    "94": "Луганск", "95": "Херсонская область",
}  # fmt: skip

# Shares of kinds in a national registry of a network of educational organisations.
KIND_SHARES = [
    ("kindergarten", 38), ("school", 36), ("additional", 8), ("college", 4), ("culture", 3),
    ("library", 3), ("authority", 2), ("methodical", 1), ("university", 1), ("museum", 1),
    ("nonprofit", 1), ("social", 1), ("other", 1),
]  # fmt: skip
KINDERGARTEN_NAMES = ["Солнышко", "Журавушка", "Ромашка", "Колокольчик", "Теремок", "Берёзка", "Радуга", "Сказка"]
SCHOOL_KINDS = [("СОШ", "средняя общеобразовательная школа"), ("ООШ", "основная общеобразовательная школа")]
FORMS = ["бюджетное", "автономное", "казённое"]

MALE = ["Александр", "Сергей", "Андрей", "Дмитрий", "Алексей", "Михаил", "Иван", "Николай", "Владимир", "Павел"]
FEMALE = ["Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Марина", "Анна", "Юлия", "Екатерина"]
# Fathers' names with the patronymic forms (masculine, feminine).
PATRONYMICS = [
    ("Александрович", "Александровна"), ("Сергеевич", "Сергеевна"), ("Андреевич", "Андреевна"),
    ("Дмитриевич", "Дмитриевна"), ("Алексеевич", "Алексеевна"), ("Михайлович", "Михайловна"),
    ("Иванович", "Ивановна"), ("Николаевич", "Николаевна"), ("Владимирович", "Владимировна"),
    ("Борисович", "Борисовна"), ("Петрович", "Петровна"), ("Юрьевич", "Юрьевна"),
]  # fmt: skip
# Surnames (masculine, feminine).
SURNAMES = [
    ("Иванов", "Иванова"), ("Смирнов", "Смирнова"), ("Кузнецов", "Кузнецова"), ("Попов", "Попова"),
    ("Васильев", "Васильева"), ("Петров", "Петрова"), ("Соколов", "Соколова"), ("Михайлов", "Михайлова"),
    ("Новиков", "Новикова"), ("Фёдоров", "Фёдорова"), ("Морозов", "Морозова"), ("Волков", "Волкова"),
    ("Лебедев", "Лебедева"), ("Семёнов", "Семёнова"), ("Егоров", "Егорова"), ("Павлов", "Павлова"),
    ("Козлов", "Козлова"), ("Степанов", "Степанова"), ("Никитин", "Никитина"), ("Ильин", "Ильина"),
    ("Белоусов", "Белоусова"), ("Грязев", "Грязева"), ("Залесов", "Залесова"), ("Мохин", "Мохина"),
    ("Островский", "Островская"), ("Жуковский", "Жуковская"), ("Черных", "Черных"), ("Шевченко", "Шевченко"),
]  # fmt: skip
POSITIONS = [
    ("учитель", "teacher", 40), ("воспитатель", "teacher", 25), ("методист", "methodologist", 8),
    ("педагог-психолог", "specialist", 6), ("заместитель директора по УВР", "deputy", 8),
    ("заведующий", "head", 5), ("директор", "head", 5), ("учитель-логопед", "specialist", 3),
]  # fmt: skip
EVENT_KINDS = [
    ("seminar", "Семинар", 30), ("workshop", "Практикум", 15), ("conference", "Конференция", 10),
    ("master_class", "Мастер-класс", 15), ("round_table", "Круглый стол", 10), ("internship", "Стажировка", 5),
    ("open_lesson", "Открытый урок", 10), ("contest", "Конкурс", 5),
]  # fmt: skip
TOPICS = [
    "формирование функциональной грамотности", "ранняя профориентация дошкольников",
    "инклюзивное образование", "наставничество в образовании", "цифровая образовательная среда",
    "патриотическое воспитание", "работа с одарёнными детьми", "преемственность детского сада и школы",
]  # fmt: skip


@dataclass
class Counts:
    orgs: int = 0
    people: int = 0
    events: int = 0
    registrations: int = 0


def _weighted(rng: random.Random, items: list, weight: Callable[[Any], int]) -> Callable[[], Any]:
    population = [i for i in items for _ in range(weight(i))]
    return lambda: population[rng.randrange(len(population))]


def _batches(rows: Iterator, size: int = BATCH) -> Iterator[list]:
    batch: list = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _template(model: type[models.Model]) -> tuple[list[str], dict[str, Any], list[models.Field]]:
    """The table's columns, the database values of a new row's defaults, and the fields whose
    default must be drawn for each row (a unique default: a UUID)."""
    obj = model()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = {
        # JSON as its text: the COPY text format takes it as it is, and it is dumped once
        f.attname: json.dumps(f.get_default()) if isinstance(f, models.JSONField) else
        f.get_db_prep_save(f.pre_save(obj, add=True), connection)
        for f in fields
    }  # fmt: skip
    per_row = [f for f in fields if f.unique and f.has_default() and callable(f.default)]
    return [f.attname for f in fields], defaults, per_row


def _new_ids(model: type[models.Model], n: int) -> list[int]:
    """``n`` primary keys taken from the table's own sequence (COPY cannot return them)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [model._meta.db_table, n]
        )
        return [r[0] for r in cursor.fetchall()]


def write(model: type[models.Model], rows: Iterable[dict[str, Any]], *, ids: bool = False) -> list[int]:
    """Insert rows (dicts of attribute names to values; the rest take the model's defaults).
    Returns the new primary keys when ``ids`` is asked for (in the rows' order)."""
    rows = list(rows)
    if not rows:
        return []
    if connection.vendor != "postgresql":
        objs = model.objects.bulk_create([model(**row) for row in rows])
        return [o.pk for o in objs] if ids else []
    columns, defaults, per_row = _template(model)
    keys = _new_ids(model, len(rows)) if ids else []
    names = (["id"] if ids else []) + columns
    table = connection.ops.quote_name(model._meta.db_table)
    sql = f"COPY {table} ({', '.join(connection.ops.quote_name(c) for c in names)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for n, row in enumerate(rows):
            values = defaults | row
            for f in per_row:
                if f.attname not in row:
                    values[f.attname] = f.get_db_prep_save(f.get_default(), connection)
            record = [values[c] for c in columns]
            copy.write_row([keys[n], *record] if ids else record)
    return keys


@contextlib.contextmanager
def _indexes_dropped(model: type[models.Model], rows: int) -> Iterator[None]:
    """For a large load on PostgreSQL: the table's indexes that back no constraint are dropped,
    then built again (and the table analysed) when the load is done."""
    if connection.vendor != "postgresql" or rows < REINDEX_FROM:
        yield
        return
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s AND i.schemaname = "
            "current_schema() AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            [table],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        # test data that can be made again: no need to wait for each batch to reach the disk
        cursor.execute("SET synchronous_commit = off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for _name, definition in indexes:
                cursor.execute(definition)
            cursor.execute("RESET maintenance_work_mem")


def _places() -> list[tuple[str, str]]:
    places = []
    for code, _name in REGIONS:
        towns = MUNICIPALITIES.get(code) or [CENTRES.get(code, "")]
        places.extend((code, t) for t in towns if t)
    return places


def _org_names(rng: random.Random, kind: str, n: int, town: str) -> tuple[str, str, str]:
    form = rng.choice(FORMS)
    letter = form[0].upper()
    if kind == "kindergarten":
        name = rng.choice(KINDERGARTEN_NAMES)
        return (
            f"Муниципальное {form} дошкольное образовательное учреждение детский сад № {n} «{name}»",
            f"М{letter}ДОУ № {n} «{name}»",
            f"М{letter}ДОУ",
        )
    if kind == "school":
        short, full = rng.choice(SCHOOL_KINDS)
        return (
            f"Муниципальное {form} общеобразовательное учреждение {full} № {n}",
            f"М{letter}ОУ {short} № {n}",
            f"М{letter}ОУ",
        )
    if kind == "college":
        return (
            f"Государственное {form} профессиональное образовательное учреждение «Колледж № {n}»",
            f"Колледж № {n}",
            "ГПОУ",
        )
    if kind == "additional":
        return (
            f"Муниципальное {form} учреждение дополнительного образования «Дом детского творчества № {n}»",
            f"ДДТ № {n}",
            f"М{letter}УДО",
        )
    if kind == "library":
        return f"Библиотека № {n} города {town}", f"Библиотека № {n}", ""
    if kind == "authority":
        return f"Управление образования № {n}", f"Управление образования № {n}", ""
    return f"Организация № {n} ({town})", f"Организация № {n}", ""  # fmt: skip


# A generated cluster is a network of this many organisations of one region (a real municipal
# network has tens): the platform grows by more clusters, not by bigger ones.
CLUSTER_ORGS = 50


class _Clusters:
    """The generated clusters, filled region by region: an organisation joins its region's latest
    cluster until it has ``CLUSTER_ORGS`` members, then a new one is opened. Continues what an
    earlier run left (``gen-<region>-<n>`` slugs)."""

    def __init__(self) -> None:
        from django.db.models import Count

        from edcluster.organizations.models import Cluster

        self.names = dict(REGIONS)
        self.open: dict[str, tuple[int, int, int]] = {}  # region → (pk, number, members)
        self.pks: list[int] = []
        for c in (
            Cluster.objects.filter(slug__startswith="gen-")
            .annotate(n=Count("memberships"))
            .values("pk", "slug", "region", "n")
            .order_by("pk")
        ):
            self.pks.append(c["pk"])
            number = int(c["slug"].rsplit("-", 1)[1]) if c["slug"].count("-") == 2 else 0
            if number >= self.open.get(c["region"], (0, -1, 0))[1]:
                self.open[c["region"]] = (c["pk"], number, c["n"])

    def join(self, region: str) -> int:
        """The cluster the next organisation of ``region`` joins."""
        from edcluster.organizations.models import Cluster

        pk, number, members = self.open.get(region, (0, 0, CLUSTER_ORGS))
        if members >= CLUSTER_ORGS:
            number += 1
            pk = Cluster.objects.create(
                name=f"Образовательная сеть № {number}: {self.names[region]}", slug=f"gen-{region}-{number}",
                region=region, is_public=True,
            ).pk  # fmt: skip
            self.pks.append(pk)
            members = 0
        self.open[region] = (pk, number, members + 1)
        return pk


def generate(
    *, orgs: int = 0, people: int = 0, events: int = 0, registrations: int = 0, seed: int = 1,
    large_event_share: float = 0.1, log: Callable[[str], None] = lambda s: None,
) -> Counts:  # fmt: skip
    """Add the given numbers of rows; returns what was written."""
    from edcluster.events.models import Event, Registration
    from edcluster.organizations.models import Membership, Organization, OrganizationKind, Person, Position

    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    places = _places()
    clusters = _Clusters()
    kind_of = _weighted(rng, KIND_SHARES, lambda k: k[1])
    region_names = dict(REGIONS)
    counts = Counts()
    started = time.monotonic()
    run = f"{seed}-{int(time.time())}"
    now = timezone.now()

    def step(what: str, rows: int) -> None:
        log(f"{what}: {rows} за {time.monotonic() - started:.0f} с")

    kinds = {k: str(label) for k, label in OrganizationKind.choices}

    def org_rows() -> Iterator[dict]:
        for i in range(orgs):
            code, town = places[rng.randrange(len(places))]
            kind = kind_of()[0]
            full, short, legal = _org_names(rng, kind, i % 300 + 1, town)
            yield {
                "full_name": full, "short_name": short, "legal_form": legal, "kind": kind, "region": code,
                "municipality": town, "kindergarten_orientation": "general" if kind == "kindergarten" else "",
                "search_text": build_search_text(full, short, legal, kinds[kind], town, region_names[code]),
                "created_at": now, "updated_at": now,
            }  # fmt: skip

    with _indexes_dropped(Organization, orgs), _indexes_dropped(Membership, orgs):
        for batch in _batches(org_rows()):
            with transaction.atomic():
                pks = write(Organization, batch, ids=True)
                # a list, not a generator: joining may create a cluster, which cannot happen
                # while the connection is in a COPY
                write(
                    Membership,
                    [
                        {"cluster_id": clusters.join(o["region"]), "organization_id": pk, "created_at": now,
                         "updated_at": now}
                        for o, pk in zip(batch, pks, strict=True)
                    ],
                )  # fmt: skip
            counts.orgs += len(batch)
    step("организации", counts.orgs)

    org_ids = list(Organization.objects.order_by("pk").values_list("pk", flat=True))
    position_of = _weighted(rng, POSITIONS, lambda p: p[2])
    names: dict[tuple[str, str, str], str] = {}

    def person_rows() -> Iterator[tuple[dict, str, str]]:
        for i in range(people):
            female = rng.random() < 0.8  # teaching staff are mostly women
            last = rng.choice(SURNAMES)[1 if female else 0]
            first = rng.choice(FEMALE if female else MALE)
            middle = rng.choice(PATRONYMICS)[1 if female else 0]
            email = f"p{run}-{i}@example.org"
            # the e-mail's words are Latin and have no other forms: the name's search text is
            # worked out once per name and the address's words added to it
            key = (last, first, middle)
            if key not in names:
                names[key] = build_search_text(last, first, middle)
            title, category, _w = position_of()
            person = {
                "last_name": last, "first_name": first, "middle_name": middle, "gender": "female" if female else "male",
                "email": email, "search_text": names[key] + build_search_text(email).lstrip(),
                "created_at": now, "updated_at": now,
            }  # fmt: skip
            yield person, title, category

    with _indexes_dropped(Person, people), _indexes_dropped(Position, people):
        for batch in _batches(person_rows()):
            with transaction.atomic():
                pks = write(Person, [p for p, _t, _c in batch], ids=True)
                if org_ids:
                    write(
                        Position,
                        (
                            {"person_id": pk, "organization_id": org_ids[rng.randrange(len(org_ids))], "title": t,
                             "category": c, "created_at": now, "updated_at": now}
                            for pk, (_p, t, c) in zip(pks, batch, strict=True)
                        ),
                    )  # fmt: skip
            counts.people += len(batch)
    step("люди", counts.people)

    event_kind = _weighted(rng, EVENT_KINDS, lambda k: k[2])
    cluster_list = clusters.pks
    today = timezone.localdate()

    def event_rows() -> Iterator[dict]:
        for _i in range(events):
            kind, label, _w = event_kind()
            yield {
                "cluster_id": cluster_list[rng.randrange(len(cluster_list))], "kind": kind,
                "title": f"{label} «{rng.choice(TOPICS).capitalize()}»",
                "status": "published" if rng.random() < 0.9 else "draft",
                "starts_on": today + timedelta(days=rng.randrange(-730, 365)),
                "format": rng.choice(["in_person", "online", "mixed"]),
                "capacity_in_person": rng.choice([None, 50, 100, 300]), "created_at": now, "updated_at": now,
            }  # fmt: skip

    with _indexes_dropped(Event, events):
        for batch in _batches(event_rows()):
            write(Event, batch)
            counts.events += len(batch)
    step("мероприятия", counts.events)

    event_ids = list(
        Event.objects.filter(cluster__slug__startswith="gen-").order_by("-pk").values_list("pk", flat=True)
    )
    # A share of the registrations (a tenth by default) goes to the newest event: a "large" one.
    large_every = round(1 / large_event_share) if large_event_share > 0 else 0

    def registration_rows() -> Iterator[dict]:
        for i in range(registrations):
            large = large_every and i % large_every == 0
            female = rng.random() < 0.8
            yield {
                "event_id": event_ids[0] if large else event_ids[rng.randrange(len(event_ids))],
                "last_name": rng.choice(SURNAMES)[1 if female else 0],
                "first_name": rng.choice(FEMALE if female else MALE),
                "middle_name": rng.choice(PATRONYMICS)[1 if female else 0],
                "organization_name": "Образовательная организация", "position": rng.choice(POSITIONS)[0],
                "region": places[rng.randrange(len(places))][0], "email": f"r{run}-{i}@example.org",
                "mode": "online" if rng.random() < 0.4 else "in_person", "status": "confirmed",
                "code": _code(first_code + i), "secret": uuid.UUID(int=rng.getrandbits(128), version=4),
                "created_at": now,
            }  # fmt: skip

    first_code = Registration.objects.filter(code__startswith="G").count()
    if event_ids:
        with _indexes_dropped(Registration, registrations):
            for batch in _batches(registration_rows()):
                write(Registration, batch)
                counts.registrations += len(batch)
    step("регистрации", counts.registrations)
    return counts


_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _code(n: int) -> str:
    """A unique registration code of generated rows: "G" and the row number in base 32."""
    out = ""
    for _ in range(7):
        out = _ALPHABET[n % 32] + out
        n //= 32
    return "G" + out
