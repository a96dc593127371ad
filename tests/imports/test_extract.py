"""Rules of extraction on small texts written the way protocols, letters and news are."""

from __future__ import annotations

from datetime import date

from edcluster.imports.extract import extract_text
from edcluster.imports.extract.dates import find_dates
from edcluster.imports.extract.genre import detect_genre
from edcluster.imports.extract.people import find_people, split_position


def test_dates_as_documents_write_them():
    mentions = find_dates("Стажировка пройдёт 10-12 апреля. Сообщили 7 апреля 2023 года. Протокол от 26.02.2025.")
    assert [(m.first, m.last) for m in mentions] == [
        (date(2023, 4, 10), date(2023, 4, 12)),
        (date(2023, 4, 7), None),
        (date(2025, 2, 26), None),
    ]


def test_a_date_without_any_year_in_the_text_is_not_invented():
    assert find_dates("Встреча состоится 10 апреля.") == []


def test_accusative_after_slushali_gives_the_nominative():
    people = find_people("СЛУШАЛИ: Петрову И.И., учителя математики МБОУ СОШ № 5.\n")
    assert [(p.name, p.position, p.organization) for p in people] == [
        ("Петрова И.И.", "учитель математики", "МБОУ СОШ № 5")
    ]


def test_name_forms_of_one_person_are_merged():
    text = (
        "Грязева Елена Борисовна, методист КОГОБУ СШ пгт Подосиновец\n"
        "Елена Борисовна рассказала о работе опорной школы.\n"
        "Методист опорной школы Е.Б. Грязева\n"
    )
    people = find_people(text)
    assert len(people) == 1
    assert people[0].name == "Грязева Елена Борисовна"
    assert len(people[0].spans) == 3


def test_oblique_full_name_in_running_text():
    people = find_people("Благодарность объявлена Смирновой Наталье Викторовне, директору школы.\n")
    assert people[0].name == "Смирнова Наталья Викторовна"


def test_position_and_organisation_are_split():
    assert split_position("заместитель директора по УВР МКУ ДО ДДТ «Ровесник»") == (
        "заместитель директора по УВР",
        "МКУ ДО ДДТ «Ровесник»",
    )
    assert split_position("главный библиотекарь отдела обслуживания Подосиновской центральной библиотеки") == (
        "главный библиотекарь отдела обслуживания",
        "Подосиновской центральной библиотеки",
    )


def test_genres_from_their_heads():
    assert detect_genre("П Р О Т О К О Л № 2\nзаседания совета".replace(" ", "")) == "protocol"
    assert detect_genre("ИНФОРМАЦИОННОЕ ПИСЬМО\nУважаемые коллеги!") == "info_letter"
    assert detect_genre("РЕЗОЛЮЦИЯ\nкруглого стола") == "resolution"
    assert detect_genre("Наши социальные партнёры\nШкола сотрудничает с музеем.") == "social_partners"


def test_nothing_is_invented_for_a_text_without_facts():
    result = extract_text("Просто заметка о погоде.\nСегодня солнечно, и все рады весне.\n")
    assert result["genre"] == "other"
    assert all(result[k] in (None, []) for k in ("doc_number", "date", "format", "participants_count", "people"))


def test_letter_spaced_protocol_in_windows_1251_end_to_end(tmp_path):
    from edcluster.imports.services import extract_file

    path = tmp_path / "protocol.txt"
    text = (
        "П Р О Т О К О Л  № 7\nзаседания методического совета\n\nот 3 октября 2024 г.\n"
        "Присутствовали: 12 человек\n\nПовестка дня:\n1) О плане работы.\n2) Разное.\n\n"
        "Слушали: Иванову Марию Петровну, заместителя директора по УВР.\n\n"
        "Решили:\n1) План утвердить.\n"
    )
    path.write_bytes(text.encode("cp1251"))
    result = extract_file(path)
    assert (result["genre"], result["doc_number"], result["date"], result["participants_count"]) == (
        "protocol",
        "7",
        "2024-10-03",
        12,
    )
    assert [item["title"] for item in result["agenda_items"]] == ["О плане работы", "Разное"]
    assert result["people"][0]["name"] == "Иванова Мария Петровна"
    assert result["people"][0]["position"] == "заместитель директора по УВР"
    assert result["decisions"] == ["План утвердить"]


def _organisations(text: str) -> list[str]:
    return extract_text(text)["organizations"]


def test_legal_forms_not_in_the_list_are_read_from_how_they_are_built():
    text = "Выступили преподаватели ТОГБПОУ «Педагогический колледж г. Моршанска» и БУК ВО «Сокольский музей»."
    assert _organisations(text) == ["ТОГБПОУ «Педагогический колледж г. Моршанска»", "БУК ВО «Сокольский музей»"]


def test_organisations_in_oblique_cases_are_brought_to_the_nominative():
    text = (
        "Форум прошёл совместно с Пермским государственным гуманитарно-педагогическим университетом, "
        "площадки работали в Тамбовском областном краеведческом музее. "
        "Участники посетили выставку издательства «Просвещение». "
        "Конкурс проводит управление образования администрации Сокольского муниципального округа."
    )
    assert _organisations(text) == [
        "Пермский государственный гуманитарно-педагогический университет",
        "Тамбовский областной краеведческий музей",
        "издательство «Просвещение»",
        "управление образования администрации Сокольского муниципального округа",
    ]


def test_spelled_legal_form_branch_and_company_without_quotes():
    text = (
        "Муниципальное бюджетное общеобразовательное учреждение «Лицей № 21» г. Иваново\n"
        "Занятия провели сотрудники Вологодского отделения ПАО Сбербанк и школы № 11."
    )
    assert _organisations(text) == [
        "Муниципальное бюджетное общеобразовательное учреждение «Лицей № 21» г. Иваново",
        "Вологодское отделение ПАО Сбербанк",
        "школа № 11",
    ]


def test_kinds_territories_and_lists_are_not_organisations():
    text = (
        "Опорная школа района работает с 2020 года. Выступила Шестакова Ирина Владимировна, заместитель министра "
        "образования Пермского края. С докладами выступили: Гусева Татьяна Алексеевна, учитель МБОУ «Горельская СОШ»; "
        "Филиппов Д.А., заведующий отделом МБУК «Моршанский музей»."
    )
    people = {p["name"]: p for p in extract_text(text)["people"]}
    assert people["Шестакова Ирина Владимировна"]["organization"] is None
    assert people["Гусева Татьяна Алексеевна"]["organization"] == "МБОУ «Горельская СОШ»"
    assert _organisations(text) == ["МБОУ «Горельская СОШ»", "МБУК «Моршанский музей»"]


def test_the_person_an_organisation_is_named_after_is_not_a_person_of_the_text():
    text = (
        "Базой практики является МАОУ «Лицей № 14 имени заслуженного учителя Российской Федерации А.М. Кузьмина» "
        "и библиотека им. Л.И. Кузьмина. Куратор — Евдокимова Светлана Петровна, заместитель директора."
    )
    assert [p["name"] for p in extract_text(text)["people"]] == ["Евдокимова Светлана Петровна"]


def test_a_due_date_in_a_protocols_decisions_is_not_a_registration_deadline():
    text = (
        "ПРОТОКОЛ № 2\nзаседания методического объединения\n14 ноября 2024 г.\n\n"
        "РЕШИЛИ:\n1. Подать заявки на участие в конкурсе до 10 декабря 2024 года.\n"
    )
    assert extract_text(text)["registration_deadline"] is None
    letter = "ИНФОРМАЦИОННОЕ ПИСЬМО\nСеминар состоится 20 марта 2025 года.\nЗаявки принимаются до 14 марта 2025 года.\n"
    assert extract_text(letter)["registration_deadline"] == "2025-03-14"


def test_an_academic_degree_before_the_position_is_skipped():
    text = "В программе: выступление Лебедевой Марины Юрьевны, к.п.н., доцента кафедры педагогики ФГБОУ ВО «ЧГУ»."
    person = extract_text(text)["people"][0]
    assert (person["name"], person["position"], person["organization"]) == (
        "Лебедева Марина Юрьевна",
        "доцент кафедры педагогики",
        "ФГБОУ ВО «ЧГУ»",
    )
