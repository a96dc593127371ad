"""Structure fields (attendance, agenda, format, registration deadline) on small texts written the way
protocols, letters, resolutions and news are; and what is not said stays empty."""

from __future__ import annotations

import pytest

from edcluster.imports.extract import extract_text

PROTOCOL_HEAD = "ПРОТОКОЛ № 2\nзаседания педагогического совета\nот 12.01.2026\n"
LETTER_HEAD = "ИНФОРМАЦИОННОЕ ПИСЬМО\nУважаемые коллеги!\nСеминар состоится 20 марта 2026 года.\n"


@pytest.mark.parametrize(
    ("line", "count"),
    [
        ("Присутствовали: 17 чел.", 17),
        ("Присутствовало 12 человек.", 12),
        ("Присутствуют: 15 членов совета.", 15),
        ("Присутствовали – 21 (список прилагается).", 21),
        ("Присутствовали: 9 из 11 членов совета.", 9),
    ],
)
def test_attendance_lines_in_their_usual_forms(line, count):
    assert extract_text(PROTOCOL_HEAD + line + "\nПОВЕСТКА ДНЯ:\n1. Разное.\n")["participants_count"] == count


@pytest.mark.parametrize(
    ("sentence", "count", "orgs"),
    [
        ("Участниками смены стали 140 школьников 5–8 классов и 26 педагогов.", 166, None),
        ("В форуме приняли участие 58 студентов, 31 преподаватель и 12 работодателей.", 101, None),
        ("В конференции приняли участие более 200 участников.", 200, None),
        ("Приняли участие 45 человек из 12 организаций, в том числе 30 педагогов и 15 школьников.", 45, 12),
        ("Фестиваль собрал 80 учащихся из 9 школ района.", 80, 9),
        ("Встретятся полсотни руководителей методических служб.", 50, None),
    ],
)
def test_participant_counts_and_groups_added_up(sentence, count, orgs):
    result = extract_text("Новости | 03.02.2026\nИтоги смены\n\n3 февраля 2026 года прошла смена. " + sentence + "\n")
    assert (result["participants_count"], result["organizations_count"]) == (count, orgs)


def test_numbers_that_are_not_participants_are_not_counted():
    text = (
        "Новости | 03.02.2026\nИтоги\n\n3 февраля 2026 года прошёл конкурс. Команды представили 27 проектов, "
        "в программе участвуют 9 пар «наставник – наставляемый». Планируется пригласить 40 педагогов.\n"
    )
    assert extract_text(text)["participants_count"] is None


@pytest.mark.parametrize(
    "heading",
    ["Повестка дня:", "Повестка", "Вопросы для обсуждения:", "Вопросы к обсуждению:", "Планируется обсудить:"],
)
@pytest.mark.parametrize(
    "items",
    [
        "1. О плане работы.\n2. О конкурсе.\n3. Разное.",
        "1) О плане работы;\n2) О конкурсе;\n3) Разное.",
        "I. О плане работы.\nII. О конкурсе.\nIII. Разное.",
        "а) о плане работы;\nб) о конкурсе;\nв) разное.",
        "- о плане работы;\n- о конкурсе;\n- разное.",
        "• о плане работы;\n• о конкурсе;\n• разное.",
    ],
)
def test_agenda_headings_and_item_styles(heading, items):
    text = LETTER_HEAD + heading + "\n" + items + "\n\nДля участия необходимо зарегистрироваться.\n"
    agenda = extract_text(text)["agenda_items"]
    assert [a["title"].lower() for a in agenda] == ["о плане работы", "о конкурсе", "разное"]


def test_a_bulleted_programme_ends_where_the_list_ends():
    text = (
        LETTER_HEAD + "В программе семинара:\n– пленарное заседание;\n– мастер-классы педагогов\nдетского сада;\n"
        "– круглый стол.\nОрганизационный взнос не предусмотрен.\n- проезд за счёт направляющей стороны.\n"
    )
    agenda = extract_text(text)["agenda_items"]
    assert [a["title"] for a in agenda] == [
        "пленарное заседание",
        "мастер-классы педагогов детского сада",
        "круглый стол",
    ]


def test_a_numbered_list_after_the_agenda_is_not_more_items():
    text = (
        LETTER_HEAD + "Вопросы для обсуждения:\n1. Наставничество.\n2. Проектная деятельность.\n\n"
        "Для участия необходимо:\n1. Заполнить анкету.\n2. Направить тезисы.\n"
    )
    assert len(extract_text(text)["agenda_items"]) == 2


@pytest.mark.parametrize(
    ("sentence", "fmt"),
    [
        ("Занятия проходили очно.", "offline"),
        ("Семинар пройдёт в очном формате.", "offline"),
        ("Семинар пройдёт в дистанционном формате.", "online"),
        ("Для участников будет организована онлайн-трансляция.", "online"),
        ("Семинар пройдёт в смешанном формате.", "mixed"),
        ("Конференция проводится в гибридном формате.", "mixed"),
        ("Семинар пройдёт очно с онлайн-трансляцией для удалённых участников.", "mixed"),
        ("Вебинар состоится на платформе «Сферум».", "online"),
        ("Педагоги познакомились с возможностями работы на онлайн-платформе «Я в агро».", None),
        ("Заочный этап конкурса завершён.", None),
    ],
)
def test_format_in_prose(sentence, fmt):
    assert extract_text(LETTER_HEAD + sentence + "\n")["format"] == fmt


@pytest.mark.parametrize(
    ("sentence", "deadline"),
    [
        ("Заявки принимаются до 7 ноября 2025 г. включительно.", "2025-11-07"),
        ("Заявку необходимо направить в срок до 14.03.2025.", "2025-03-14"),
        ("Срок подачи заявок – 1 ноября 2025 года.", "2025-11-01"),
        ("Приём заявок с 1 по 10 ноября 2025 года.", "2025-11-10"),
        ("Для участия необходимо до 21 февраля 2025 г. заполнить электронную форму регистрации.", "2025-02-21"),
        ("Сборник будет издан до 1 декабря 2025 года.", None),
    ],
)
def test_registration_deadlines_in_letters(sentence, deadline):
    text = "ИНФОРМАЦИОННОЕ ПИСЬМО\nУважаемые коллеги!\nСеминар состоится 20 декабря 2025 года.\n" + sentence + "\n"
    assert extract_text(text)["registration_deadline"] == deadline


def test_nothing_said_nothing_filled():
    result = extract_text(LETTER_HEAD + "Приглашаем принять участие.\n")
    assert (result["participants_count"], result["format"], result["registration_deadline"]) == (None, None, None)
    assert result["agenda_items"] == []


def _orgs(text: str) -> list[str]:
    return extract_text(text)["organizations"]


def test_a_sole_trader_is_an_organisation_not_a_person():
    text = (
        "Наши партнёры:\n1. ИП Соколов А.П. (студия «Мастерская») – занятия по керамике.\n"
        "2. Индивидуальный предприниматель Романова Ирина Олеговна – экскурсии.\n"
    )
    result = extract_text(text)
    assert "ИП Соколов А.П." in result["organizations"]
    assert "Индивидуальный предприниматель Романова Ирина Олеговна" in result["organizations"]
    assert result["people"] == []


@pytest.mark.parametrize(
    "name",
    ["ГБУЗ «Детская городская поликлиника № 2»", "ОГАУЗ «Городская больница № 4»", "КГБУЗ «Краевая больница»"],
)
def test_health_care_legal_forms(name):
    assert _orgs(f"Партнёры детского сада: {name} – профилактические осмотры.\n") == [name]


def test_a_letterhead_in_capitals_is_written_as_a_name():
    text = (
        "ГОСУДАРСТВЕННОЕ БЮДЖЕТНОЕ ОБЩЕОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ\n«ЛИЦЕЙ № 5» г. КАЛУГА\n\n"
        "ПРОТОКОЛ № 1\nзаседания методического совета\nот 10.01.2026\n"
    )
    assert _orgs(text) == ["Государственное бюджетное общеобразовательное учреждение «Лицей № 5» г. Калуга"]


def test_technoparks_quantoriums_and_tochka_rosta_with_their_quoted_names():
    text = (
        "Занятия прошли в детском технопарке «Кванториум» и в центре «Точка роста» школы. "
        "Пресс-службы центров «Точка роста» рассказали об итогах.\n"
    )
    assert _orgs(text) == ["детский технопарк «Кванториум»", "центр «Точка роста»"]


def test_one_organisation_under_its_full_and_short_names():
    head = "Муниципальное бюджетное учреждение дополнительного образования «Центр детского творчества» (МБУ ДО «ЦДТ»)\n"
    assert _orgs(head + "Семинар пройдёт в МБУ ДО «ЦДТ».\n") == ["МБУ ДО «ЦДТ»"]
    text = "МБУ ДО «Центр детского творчества» провёл семинар. Фото: пресс-служба МБУ ДО «ЦДТ».\n"
    assert _orgs(text) == ["МБУ ДО «Центр детского творчества»"]
    two_towns = "Опытом поделились МБОУ «СОШ № 3» г. Калуги и МБОУ «СОШ № 3» г. Тулы.\n"
    assert _orgs(two_towns) == ["МБОУ «СОШ № 3» г. Калуги", "МБОУ «СОШ № 3» г. Тулы"]


def test_the_title_of_a_talk_after_a_dash_is_not_the_speakers_organisation():
    text = (
        "РЕЗОЛЮЦИЯ\nсекции «Наставничество»\n\nС докладами выступили:\n"
        "– Ковалёва Анна Петровна, методист МБУ ДО «Центр детского творчества», – «Наставник и молодой педагог»;\n"
    )
    people = extract_text(text)["people"]
    assert people[0]["organization"] == "МБУ ДО «Центр детского творчества»"


def test_a_mans_surname_in_an_oblique_case_with_his_initials_is_the_same_man():
    text = (
        "СЛУШАЛИ:\nКрылова Сергея Ивановича, учителя физики, о проекте.\n"
        "ПОСТАНОВИЛИ:\n1. Наградить грамотой учителя физики Крылова С.И.\n"
        "2. Поручить Крыловой Н.А. подготовить отчёт.\n"
    )
    names = [p["name"] for p in extract_text(text)["people"]]
    assert names == ["Крылов Сергей Иванович", "Крылова Н.А."]
