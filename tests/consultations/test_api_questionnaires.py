"""Centre creation and the demand questionnaire through the API (same services as the pages)."""

from __future__ import annotations

import json

import pytest

from edcluster.consultations import services
from edcluster.consultations.models import Centre, QuestionnaireResponse

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def questionnaire(centres, world):
    return services.questionnaire_create(
        actor=world.editor_a,
        centre=centres["a"],
        title="Изучение спроса на консультации",
        questions=[
            {"text": "Какая форма удобнее?", "choices": ["очно", "дистанционно"]},
            {"text": "Возраст ребёнка", "choices": ["до 3 лет", "3–7 лет"]},
        ],
    )


def test_editor_creates_a_centre(world, client_for):
    editor = client_for(world.editor_a)
    made = post(
        editor,
        "/api/consultations/centres",
        {
            "organization_id": world.org_a.pk,
            "kind": "point",
            "name": "Консультационный пункт «Журавушка»",
            "services": ["Консультирование родителей", "  ", "Диагностика речи"],
            "forms": ["in_person", "remote"],
            "email": "kp@example.test",
        },
    )
    assert made.status_code == 201, made.content
    assert made.json()["services"] == ["Консультирование родителей", "Диагностика речи"]
    centre = Centre.objects.get(name="Консультационный пункт «Журавушка»")
    assert centre.organization == world.org_a and centre.kind == "point" and centre.min_duration == 45
    assert client_for(None).get(f"/api/consultations/centres/{centre.pk}").json()["forms"] == ["in_person", "remote"]


def test_bad_or_foreign_centre_is_refused_and_nothing_written(world, client_for):
    editor = client_for(world.editor_a)
    bad_email = post(
        editor, "/api/consultations/centres", {"organization_id": world.org_a.pk, "name": "КЦ", "email": "нет"}
    )
    assert bad_email.status_code == 422 and "email" in bad_email.json()["errors"]
    no_org = post(editor, "/api/consultations/centres", {"organization_id": 999999, "name": "КЦ"})
    assert no_org.status_code == 422
    assert no_org.json()["errors"]["organization_id"] == ["Такой организации нет в реестре."]
    blank = post(editor, "/api/consultations/centres", {"organization_id": world.org_a.pk, "name": "   "})
    assert blank.status_code == 422 and blank.json()["errors"]["name"] == ["Заполните это поле."]
    foreign = post(editor, "/api/consultations/centres", {"organization_id": world.org_b.pk, "name": "Чужой КЦ"})
    assert foreign.status_code == 403
    for user in (world.viewer_x, None):
        refused = post(
            client_for(user), "/api/consultations/centres", {"organization_id": world.org_a.pk, "name": "КЦ"}
        )
        assert refused.status_code in (401, 403)
    assert not Centre.objects.exists()


def test_parent_answers_anonymously_and_the_centre_reads_results(world, client_for, centres, questionnaire):
    anon = client_for(None)
    listed = anon.get(f"/api/consultations/centres/{centres['a'].pk}/questionnaires")
    assert listed.status_code == 200
    assert listed.json()[0]["title"] == "Изучение спроса на консультации"
    assert listed.json()[0]["questions"][1] == {"text": "Возраст ребёнка", "choices": ["до 3 лет", "3–7 лет"]}
    url = f"/api/consultations/questionnaires/{questionnaire.pk}/answers"
    for form in ("очно", "очно", "дистанционно"):
        answered = post(anon, url, {"answers": {"0": form, "1": "3–7 лет"}})
        assert answered.status_code == 201, answered.content
    wrong = post(anon, url, {"answers": {"0": "по почте", "1": "3–7 лет"}})
    assert wrong.status_code == 422
    assert wrong.json()["errors"]["q0"] == ["Выберите ответ на вопрос «Какая форма удобнее?»."]
    missing = post(anon, url, {"answers": {"0": "очно"}})
    assert missing.status_code == 422 and QuestionnaireResponse.objects.count() == 3

    results_url = f"/api/consultations/questionnaires/{questionnaire.pk}/results"
    results = client_for(world.editor_a).get(results_url)
    assert results.status_code == 200
    body = results.json()
    assert body["responses"] == 3
    assert body["questions"][0]["choices"] == [{"choice": "очно", "count": 2}, {"choice": "дистанционно", "count": 1}]
    assert body["questions"][1]["choices"] == [{"choice": "до 3 лет", "count": 0}, {"choice": "3–7 лет", "count": 3}]
    assert client_for(world.viewer_x).get(results_url).json()["responses"] == 3
    # Another cluster's editor and a guest do not get the results.
    assert client_for(world.editor_b).get(results_url).status_code in (403, 404)
    assert anon.get(results_url).status_code in (401, 403, 404)


def test_closed_questionnaire_takes_no_answers(world, client_for, centres, questionnaire):
    questionnaire.is_open = False
    questionnaire.save(update_fields=["is_open"])
    anon = client_for(None)
    assert anon.get(f"/api/consultations/centres/{centres['a'].pk}/questionnaires").json() == []
    closed = post(anon, f"/api/consultations/questionnaires/{questionnaire.pk}/answers", {"answers": {"0": "очно"}})
    assert closed.status_code == 409
    assert closed.json()["message"] == "Анкета закрыта и больше не принимает ответы."
    assert not QuestionnaireResponse.objects.exists()
    # Those who read the centre's records still see it (and its results).
    listed = client_for(world.editor_a).get(f"/api/consultations/centres/{centres['a'].pk}/questionnaires").json()
    assert [q["is_open"] for q in listed] == [False]
