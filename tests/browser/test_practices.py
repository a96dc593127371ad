import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_school_adopts_the_agro_classes_and_the_page_shows_the_adoption_and_chart(page, demo_server, login):
    login(demo_server, "editor")  # editor of КОГОБУ СШ пгт Подосиновец
    page.goto(demo_server.url + "/practices/")
    page.locator("#id_q").fill("агроклассы")
    page.get_by_role("button", name="Найти").click()
    page.get_by_role("link", name="Агроклассы от Россельхозбанка").click()
    expect(page.get_by_text("Пока никто не отметил внедрение.")).to_be_visible()
    page.get_by_role("link", name="Отметить внедрение").click()
    page.get_by_label("Организация").select_option(label="КОГОБУ СШ пгт Подосиновец")
    page.get_by_label("Дата внедрения").fill("2025-03-20")
    page.get_by_label("Как адаптирована").fill("Агрокласс для учащихся 8 класса")
    page.get_by_label("Участников охвачено").fill("24")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Внедрение отмечено.")).to_be_visible()
    expect(page.locator("#adoptions")).to_contain_text("КОГОБУ СШ пгт Подосиновец")
    expect(page.locator("#adoptions")).to_contain_text("24 участника")
    expect(page.locator("#adoption-chart[data-ready='1']")).to_have_count(1)
    expect(page.get_by_text("внедрена", exact=True)).to_be_visible()


def _presentation_pdf() -> bytes:
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "Mentoring club: college and kindergarten")
    c.showPage()
    c.save()
    return buf.getvalue()


CONFERENCE = "Модели взаимодействия колледжа и дошкольного учреждения в подготовке педагогических кадров"
REPORT = "Клуб наставников: студенты колледжа в детском саду"
COLLEGE = "ГАПОУ «Волгоградский социально-педагогический колледж»"


def test_a_conference_report_becomes_a_practice_with_its_presentation_and_is_adopted_elsewhere(
    page, demo_server, login
):
    """The acceptance: a speaker's report at the conference of 14 November 2025 becomes a practice
    in one step with its presentation; another organisation adopts it and enters its results; the
    practice page shows the adoption, where it spreads and the chart."""
    # The organiser puts the report into the programme.
    login(demo_server, "start")
    page.goto(demo_server.url + "/clusters/start/events/")
    page.get_by_role("link", name=CONFERENCE).first.click()
    page.get_by_role("link", name="Программа", exact=True).click()
    page.locator("#id_item-day").select_option(index=1)
    page.locator("#id_item-title").fill(REPORT)
    page.locator("#id_item-speakers").fill(f"Петрова Анна Викторовна; методист; {COLLEGE}")
    page.get_by_role("button", name="Добавить пункт").click()
    expect(page.get_by_text("Программа обновлена.")).to_be_visible()

    # The speaker's organisation attaches the presentation to the report on the event page.
    page.context.clear_cookies()
    login(demo_server, "college")
    page.goto(demo_server.url + "/clusters/start/events/")
    page.get_by_role("link", name=CONFERENCE).first.click()
    materials = page.locator("#event-materials")
    materials.get_by_text("Добавить материал").click()
    materials.get_by_label("Доклад").select_option(label=f"{REPORT}; Петрова Анна Викторовна")
    materials.get_by_label("Название", exact=True).fill("Презентация доклада")
    materials.get_by_label("Вид", exact=True).select_option(label="презентация")
    materials.get_by_label("Автор (ФИО)").fill("Петрова А. В.")
    materials.get_by_label("Файл").set_input_files(
        files=[{"name": "klub.pdf", "mimeType": "application/pdf", "buffer": _presentation_pdf()}]
    )
    materials.get_by_role("button", name="Загрузить").click()
    expect(page.get_by_text("Материал добавлен.")).to_be_visible()
    expect(page.locator("#event-materials img[alt='Превью: Презентация доклада']")).to_be_visible()

    # One step: the report becomes a practice, the presentation comes with it.
    page.get_by_role("link", name="Оформить доклад как практику").click()
    expect(page.locator("#id_title")).to_have_value(REPORT)
    expect(page.locator("#carried")).to_contain_text("Презентация доклада")
    page.get_by_label("Форма работы").select_option(label="наставничество")
    page.get_by_label("Видимость").select_option(label="всем")
    page.get_by_label("Показатели эффективности").fill("Студентов, готовых работать в ДОУ")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Практика добавлена в библиотеку.")).to_be_visible()
    expect(page.get_by_role("heading", name=REPORT)).to_be_visible()
    expect(page.locator("#materials")).to_contain_text("Презентация доклада")
    expect(page.locator("#materials img[alt='Превью: Презентация доклада']")).to_be_visible()
    expect(page.get_by_text("представлена", exact=True)).to_be_visible()
    expect(page.locator("#evidence").get_by_role("link", name=CONFERENCE)).to_be_visible()
    practice_url = page.url

    # Another organisation adopts it and enters its results.
    page.context.clear_cookies()
    login(demo_server, "zhuravushka")
    page.goto(practice_url)
    page.get_by_role("link", name="Отметить внедрение").click()
    page.get_by_label("Организация").select_option(index=1)
    page.get_by_label("Дата внедрения").fill("2026-01-15")
    page.get_by_label("Как адаптирована").fill("Наставники — воспитатели «Журавушки»")
    page.get_by_label("Участников охвачено").fill("12")
    page.get_by_label("«Студентов, готовых работать в ДОУ» — до").fill("4")
    page.get_by_label("«Студентов, готовых работать в ДОУ» — после").fill("10")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Внедрение отмечено.")).to_be_visible()
    expect(page.locator("#adoptions")).to_contain_text("«Журавушка»")
    expect(page.locator("#adoptions")).to_contain_text("12 участников")
    expect(page.locator("#adoptions")).to_contain_text("Студентов, готовых работать в ДОУ: 4 → 10")
    expect(page.locator("#spread")).to_contain_text("Новосибирская область — 1 организация")
    expect(page.locator("#adoption-chart[data-ready='1']")).to_have_count(1)
    expect(page.get_by_text("внедрена", exact=True)).to_be_visible()
