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


# Fifth round: how letter heads, news pages, attendance lists and organisation names are written (texts below are
# made up for the tests: other regions, names and numbers than any labelled document).


@pytest.mark.parametrize(
    ("head", "number"),
    [
        ("ГБУ ДПО «Институт образования»\nул. Мира, д. 3\n\nИсх. № 12-07/55 от 03.03.2026\n", "12-07/55"),
        ("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ\nАДМИНИСТРАЦИИ ГОРОДА\n\n02.03.2026 № 04-11/208\n", "04-11/208"),
        ("УПРАВЛЕНИЕ ОБРАЗОВАНИЯ\nАДМИНИСТРАЦИИ ГОРОДА\n\n№ 04-11/208 от 02.03.2026\n", "04-11/208"),
    ],
)
def test_a_letters_number_in_the_layouts_of_letter_heads(head, number):
    body = "\nИнформационное письмо\n\nУважаемые коллеги!\nСеминар состоится 19 марта 2026 года. Заявки до 12 марта.\n"
    result = extract_text(head + body)
    assert (result["genre"], result["doc_number"]) == ("info_letter", number)


def test_a_letter_whose_letterhead_talks_of_cooperation_is_still_a_letter():
    text = (
        "Автономное учреждение дополнительного образования\n«Центр сотрудничества и взаимодействия с семьёй»\n"
        "(ЦСВС)\nг. Тверь, ул. Новая, д. 1\n\nИсх. № 7 от 01.03.2026\n\nИнформационное письмо\n\n"
        "Центр информирует о проведении вебинара «Партнёрство школы и семьи: взаимодействие без конфликтов».\n"
        "Дата и время проведения: 24 марта 2026 г., 15.00.\nСсылка на регистрацию будет направлена до 20 марта.\n"
    )
    result = extract_text(text)
    assert (result["genre"], result["date"], result["doc_number"]) == ("info_letter", "2026-03-24", "7")


def test_a_news_items_publication_line_is_not_the_event_date():
    text = (
        "Педагоги трёх районов прошли курсы в Вологде\n\n14.04.2026 | Пресс-служба ИРО\n\n"
        "С 6 по 8 апреля институт принимал слушателей курсов «Школа и предприятие». Курсантами стали "
        "27 заместителей директоров школ.\n\nВсе получили удостоверения.\n"
    )
    result = extract_text(text)
    assert (result["genre"], result["date"], result["end_date"]) == ("news", "2026-04-06", "2026-04-08")
    assert result["participants_count"] == 27


def test_sentences_of_lines_wrapped_as_in_a_pdf_are_read_whole():
    text = (
        "Новости | 05.02.2026\n\nВ Ижевске обсудили школьные музеи\n\n"
        "4 февраля 2026 года на базе МБОУ «Гимназия № 56» г. Ижевска\n"
        "прошёл городской семинар руководителей школьных музеев, на кото-\n"
        "ром выступила начальник отдела музейной педагогики\n"
        "Удмуртского института развития образования Марина Олеговна Ветлугина.\n"
    )
    result = extract_text(text)
    assert result["date"] == "2026-02-04"
    assert [(p["name"], p["position"]) for p in result["people"]] == [
        ("Ветлугина Марина Олеговна", "начальник отдела музейной педагогики")
    ]


def test_an_attendance_line_naming_each_member_counts_the_names():
    text = PROTOCOL_HEAD + "Присутствовали: Жукова А.П., Рахимов Т.Т., Ильина О.С., Фомин Д.Е.\nВопросы повестки:\n"
    text += "1) О плане.\n2) О конкурсе.\n"
    result = extract_text(text)
    assert (result["participants_count"], len(result["agenda_items"])) == (4, 2)
    named_otherwise = PROTOCOL_HEAD + "Присутствовали: члены совета, приглашённые родители.\n"
    assert extract_text(named_otherwise)["participants_count"] is None


def test_a_programme_that_foresees_bulleted_parts_is_the_agenda():
    text = LETTER_HEAD + "Программа вебинара предусматривает:\n• доклад;\n• обсуждение;\n• подведение итогов.\n"
    assert len(extract_text(text)["agenda_items"]) == 3


def test_a_degree_or_another_role_after_a_comma_ends_the_organisation():
    text = (
        "С докладом выступила Клёнова Ирина Павловна, доцент кафедры истории ВГСПУ, доктор исторических наук.\n"
        "Выступил Осипов Глеб Андреевич, учитель химии МБОУ Сосновская СОШ, руководитель районного МО.\n"
    )
    result = extract_text(text)
    assert [p["organization"] for p in result["people"]] == ["ВГСПУ", "МБОУ Сосновская СОШ"]
    assert result["organizations"] == ["ВГСПУ", "МБОУ Сосновская СОШ"]


@pytest.mark.parametrize(
    "name",
    [
        "МО МВД России «Вольский»",
        "ОМВД России по Кирово-Чепецкому району",
        "ОГИБДД МУ МВД России по городскому округу",
        "ГУ МЧС России по Тверской области",
    ],
)
def test_territorial_bodies_of_federal_services(name):
    assert _orgs(f"Беседу с учащимися провёл инспектор {name}.\n") == [name]


def test_region_abbreviations_joined_levels_and_the_founder_after_a_name():
    text = (
        "Семинар прошёл в БОУ «Средняя школа № 9» Минобразования Чувашии.\n"
        "Организатор – АУ РК ДПО «Коми институт развития образования» при поддержке ГАУДПО ТО «Институт "
        "воспитания».\n"
    )
    assert _orgs(text) == [
        "БОУ «Средняя школа № 9» Минобразования Чувашии",
        "АУ РК ДПО «Коми институт развития образования»",
        "ГАУДПО ТО «Институт воспитания»",
    ]


def test_a_numbered_institution_spelled_out_without_quotes_and_its_abbreviation_for_the_text():
    text = (
        "Муниципальное автономное дошкольное образовательное учреждение детский сад общеразвивающего вида "
        "№ 112 Братского городского округа (МАДОУ № 112) сотрудничает с партнёрами.\n"
        "Заведующий МАДОУ № 112 Е.Н. Кравцова\n"
    )
    assert _orgs(text) == [
        "Муниципальное автономное дошкольное образовательное учреждение детский сад общеразвивающего вида № 112 "
        "Братского городского округа"
    ]


def test_a_numbered_branch_is_joined_to_its_parent_body():
    text = "Партнёр: Сельская библиотека № 14 МКУК «Межпоселенческая библиотека» Ишимского района.\n"
    assert _orgs(text) == ["Сельская библиотека № 14 МКУК «Межпоселенческая библиотека» Ишимского района"]


def test_acronyms_and_a_quoted_name_with_its_territory_repeat_the_full_name():
    text = (
        "Семинар провёл ФГБОУ ВО «Курский государственный университет» (далее – КГУ). Координатор – Орлова "
        "Дина Сергеевна, методист КГУ. Выступила Быкова Анна Ивановна, профессор БГПУ, кандидат наук. "
        "Курсы вёл ГАУ ДПО ВО «Институт развития образования», в гостях у Института развития образования "
        "Воронежской области побывали 20 педагогов. Партнёр – ФГБОУ ВО «Белгородский государственный "
        "педагогический университет».\n"
    )
    orgs = _orgs(text)
    assert "КГУ" not in orgs and "БГПУ" not in orgs
    assert "Институт развития образования Воронежской области" not in orgs
    assert orgs == [
        "ФГБОУ ВО «Курский государственный университет»",
        "ГАУ ДПО ВО «Институт развития образования»",
        "ФГБОУ ВО «Белгородский государственный педагогический университет»",
    ]


def test_names_a_rejected_word_or_an_ordinary_surname_do_not_hide():
    text = (
        "Гостей приветствовала министр образования Тверской Области Наталья Викторовна Соколова.\n"
        "Экскурсию провёл директор Павел Ильич Грачёв. Отчёт подготовила Пестова Л.К., методист.\n"
    )
    names = [p["name"] for p in extract_text(text)["people"]]
    assert names == ["Соколова Наталья Викторовна", "Грачёв Павел Ильич", "Пестова Л.К."]


def test_a_name_broken_over_lines_is_highlighted_on_the_review_page():
    from edcluster.imports.cleanup import clean_text
    from edcluster.imports.highlight import spans

    text = (
        "Практическую часть занятия провели специалисты БУ ЧР «Центр психолого-педагогической\n"
        "и социальной помощи» Минобразования Чувашии – приёмы коррекции.\n"
    )
    cleaned = clean_text(text)
    extraction = extract_text(text)
    assert extraction["organizations"] == [
        "БУ ЧР «Центр психолого-педагогической и социальной помощи» Минобразования Чувашии"
    ]
    marked = [cleaned[s:e] for s, e, kind in spans(cleaned, extraction) if kind == "organization"]
    assert marked == ["БУ ЧР «Центр психолого-педагогической\nи социальной помощи» Минобразования Чувашии"]


@pytest.mark.parametrize(
    "name",
    [
        "Управление образования Администрации Тихвинского района",
        "Отдел образования администрации города Кимры",
        "Комитет по образованию Мэрии города Новосибирска",
    ],
)
def test_a_body_of_government_under_a_capitalised_administration_is_read_whole(name):
    """«Администрации» written with a capital was cut to «Администра» (a word end taken for a place name's)."""
    assert _orgs(f"Организатор семинара – {name}.\n") == [name]
