import pytest
from django.utils import timezone

from edcluster.consultations.models import Centre, Consultation, ParentRequest, SurveyAnswer
from edcluster.consultations.selectors import Period, report
from edcluster.core.demo_loader import load_demo

pytestmark = pytest.mark.django_db


def test_demo_gives_every_report_data_and_is_idempotent(demo_db):
    ctx = demo_db
    centres = Centre.objects.all()
    assert {(c.organization.short_name, c.organization.kind) for c in centres} == {
        ("МАДОУ № 24 «Журавушка»", "kindergarten"),
        ("МКДОУ д/с «Солнышко» пгт Подосиновец", "kindergarten"),
        ("КОГОБУ СШ пгт Подосиновец", "school"),
    }
    today = timezone.localdate()
    month = Period.current()
    for _n in range(12):
        month = month.previous()
        for c in centres:
            r = report(Centre.objects.filter(pk=c.pk), month, compare=False, named=True)
            assert r["services"] > 0 and r["requests"] > 0, (c.name, month)
            assert sum(n for _c, _label, n in r["by_person"]) == r["services"]
    year = report(centres, Period("year", today.year - 1), compare=False)
    assert year["answers"] > 0 and 50 < year["satisfied_share"] < 100
    assert any(login == "kc_psychologist" for login, _p, _w in ctx.logins)
    counts = [m.objects.count() for m in (Centre, Consultation, ParentRequest, SurveyAnswer)]
    load_demo()
    assert [m.objects.count() for m in (Centre, Consultation, ParentRequest, SurveyAnswer)] == counts


def test_demo_pages_render_for_the_centres_specialist(demo_db, client):
    from django.contrib.auth import get_user_model

    centre = Centre.objects.get(organization__short_name="МАДОУ № 24 «Журавушка»")
    other = Centre.objects.get(organization__short_name="МКДОУ д/с «Солнышко» пгт Подосиновец")
    client.force_login(get_user_model().objects.get(username="kc_psychologist"))
    for url in (
        f"/consultations/{centre.pk}/",
        f"/consultations/{centre.pk}/office/",
        f"/consultations/{centre.pk}/report/?kind=year&year={timezone.localdate().year - 1}",
        f"/consultations/questionnaires/{centre.questionnaires.get().pk}/results/",
    ):
        assert client.get(url).status_code == 200, url
    page = client.get(f"/consultations/{centre.pk}/report/?kind=quarter&n=1&year={timezone.localdate().year}")
    assert "I квартал" in page.content.decode()
    assert client.get(f"/consultations/{other.pk}/office/").status_code == 403
