import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from edcluster.consultations import services
from edcluster.consultations.models import ParentRequest
from tests.consultations.conftest import make_request, next_monday

pytestmark = pytest.mark.django_db


def _record(world, centres, **over):
    data = {
        "specialist": centres["sp_a"],
        "date": timezone.localdate(),
        "form": "remote",
        "duration": 60,
        "recipient_category": "disabled",
        "topic": "speech",
        "email": "family@example.test",
        **over,
    }
    return services.consultation_record(actor=world.editor_a, centre=centres["a"], data=data)


def test_public_request_without_consent_shows_russian_error_and_writes_nothing(client, centres):
    url = f"/consultations/{centres['a'].pk}/request/"
    page = client.get(url)
    assert "Согласие на обработку персональных данных" in page.content.decode()
    payload = {
        "applicant_kind": "guardian",
        "name": "Ольга",
        "child_age": "4",
        "topic": "behaviour",
        "preferred_form": "in_person",
        "email": "olga@example.test",
    }
    response = client.post(url, payload)
    assert "Без согласия на обработку персональных данных обращение не может быть принято." in response.content.decode()
    assert ParentRequest.objects.count() == 0
    response = client.post(url, {**payload, "consent": "on"}, follow=True)
    assert "принято" in response.content.decode()
    assert ParentRequest.objects.get().applicant_kind == "guardian"


def test_editor_of_a_sees_own_queue_but_not_centre_b(client_for, world, centres):
    make_request(centres["a"], name="Родитель А")
    make_request(centres["b"], name="Родитель Б")
    c = client_for(world.editor_a)
    page = c.get(f"/consultations/{centres['a'].pk}/office/").content.decode()
    assert "Родитель А" in page and "Родитель Б" not in page
    assert c.get(f"/consultations/{centres['b'].pk}/office/").status_code == 403
    assert c.get(f"/consultations/{centres['b'].pk}/report/").status_code == 403
    area = c.get("/consultations/reports/").content.decode()
    assert "Консультационный центр А" in area and "Консультационный центр Б" not in area


def test_booking_the_same_slot_twice_from_the_page_says_it_is_taken(client_for, world, centres):
    req = make_request(centres["a"])
    c = client_for(world.editor_a)
    slot = f"{centres['sp_a'].pk}|{next_monday().isoformat()}"
    c.post(f"/consultations/{centres['a'].pk}/book/", {"slot": slot, "form": "remote", "request": req.pk})
    from edcluster.consultations.models import Appointment

    assert Appointment.objects.count() == 1
    with pytest.raises(Exception) as exc:
        services.appointment_book(
            actor=world.editor_a,
            centre=centres["a"],
            specialist=centres["sp_a"],
            starts_at=next_monday(),
            form="remote",
        )
    assert "уже занято" in str(exc.value)


def test_report_counts_and_exports(client_for, world, centres):
    _record(world, centres)
    _record(world, centres, duration=20)
    c = client_for(world.editor_a)
    page = c.get(f"/consultations/{centres['a'].pk}/report/").content.decode()
    assert "Оказано услуг" in page and "kc-chart" in page
    xlsx = c.get(f"/consultations/{centres['a'].pk}/report/xlsx/")
    wb = load_workbook(io.BytesIO(xlsx.content))
    assert wb.sheetnames[:6] == [
        "Сводка",
        "По формам",
        "По категориям получателей",
        "По специалистам (поимённо)",
        "По специальностям",
        "По темам",
    ]
    summary = wb["Сводка"]
    assert summary["A2"].value.startswith("Оказано услуг") and summary["B2"].value == 1
    assert summary["B3"].value == 1  # the 20-minute one is not a service
    forms = {row[0].value: row[1].value for row in wb["По формам"].iter_rows(min_row=2)}
    assert forms["дистанционно"] == 1
    docx = c.get(f"/consultations/{centres['a'].pk}/report/docx/")
    from docx import Document

    document = Document(io.BytesIO(docx.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "За период оказано 1 услуга; семей, получивших услуги: 1." in text.replace("\u00a0", " ")
    assert "{{" not in text and "{%" not in text
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    summary = {row[0]: row[1] for row in tables[0][1:]}
    assert summary["Оказано услуг (консультаций не короче минимальной продолжительности)"] == "1"
    assert summary["Консультаций короче минимальной продолжительности"] == "1"
    by_form = {row[0]: row[1] for row in tables[1][1:]}
    assert by_form["дистанционно"] == "1" and by_form["очно"] == "0"
    # the breakdowns follow one another: forms, categories, named specialists, specialities, topics
    assert [t[0][0] for t in tables[1:]] == [
        "По формам",
        "По категориям получателей",
        "По специалистам (поимённо)",
        "По специальностям",
        "По темам",
    ]
    assert {row[0]: row[1] for row in tables[3][1:]} == {
        "Психолог А, педагог-психолог": "1"
    }  # not a readable name: as typed


def test_survey_page_and_bad_score(client, world, centres):
    consultation = _record(world, centres)
    url = f"/consultations/survey/{consultation.survey_token}/"
    assert "Как прошла консультация?" in client.get(url).content.decode()
    bad = client.post(url, {"satisfied": "yes", "score": "9"})
    assert "Выберите корректный вариант" in bad.content.decode()
    ok = client.post(url, {"satisfied": "yes", "score": "5"}, follow=True).content.decode()
    assert "Спасибо" in ok


def test_cancel_link(client, world, centres):
    a = services.appointment_book(
        actor=world.editor_a, centre=centres["a"], specialist=centres["sp_a"], starts_at=next_monday(), form="remote"
    )
    url = f"/consultations/appointments/cancel/{a.cancel_token}/"
    assert "Отменить запись" in client.get(url).content.decode()
    assert "отменена" in client.post(url, follow=True).content.decode()
    assert client.get("/consultations/appointments/cancel/nope/").status_code == 404


def test_office_query_count(client_for, world, centres, django_assert_max_num_queries):
    for i in range(5):
        make_request(centres["a"], name=f"Родитель {i}")
        _record(world, centres)
    c = client_for(world.editor_a)
    with django_assert_max_num_queries(25):
        assert c.get(f"/consultations/{centres['a'].pk}/office/").status_code == 200


def test_area_report_per_municipality(client_for, world, centres):
    _record(world, centres)
    services.consultation_record(
        actor=world.editor_b,
        centre=centres["b"],
        data={
            "specialist": centres["sp_b"],
            "date": timezone.localdate(),
            "form": "in_person",
            "duration": 45,
            "recipient_category": "other",
            "topic": "other",
        },
    )
    admin = client_for(world.admin)
    page = admin.get("/consultations/reports/").content.decode()
    assert "<td>Город А</td>" in page and "<td>Город Б</td>" in page
    xlsx = load_workbook(io.BytesIO(admin.get("/consultations/reports/xlsx/").content))
    rows = [[c.value for c in row] for row in xlsx["По муниципалитетам"].iter_rows(min_row=2)]
    assert [r[:2] for r in rows] == [["Город А", 1], ["Город Б", 1]]
    only_x = admin.get("/consultations/reports/?cluster=x").content.decode()
    assert "<td>Город А</td>" in only_x and "<td>Город Б</td>" not in only_x


def test_manage_page_publishes_questionnaire_and_results_are_aggregated(client, client_for, world, centres):
    c = client_for(world.editor_a)
    url = f"/consultations/{centres['a'].pk}/manage/"
    bad = c.post(url, {"which": "questionnaire", "q-title": "Спрос", "q-questions": "Удобно ли?: да"})
    assert "нужен текст и не менее двух вариантов ответа" in bad.content.decode()
    c.post(
        url,
        {"which": "questionnaire", "q-title": "Спрос", "q-questions": "Удобно ли?: да; нет\nКогда?: утром; вечером"},
    )
    q = centres["a"].questionnaires.get()
    assert q.questions[1] == {"text": "Когда?", "choices": ["утром", "вечером"]}
    public = f"/consultations/questionnaires/{q.pk}/"
    missing = client.post(public, {"q0": "да"})
    assert "Выберите ответ на вопрос «Когда?»." in missing.content.decode()
    client.post(public, {"q0": "да", "q1": "вечером"})
    client.post(public, {"q0": "нет", "q1": "вечером"})
    results = c.get(f"{public}results/").content.decode()
    assert "2 ответа" in results
    assert client_for(world.editor_b).get(f"{public}results/").status_code == 403
