from datetime import date

import pytest

from edcluster.analytics.scope import Period, Scope, period_from, preset_period, scope_from
from edcluster.analytics.selectors import dashboard_figures
from edcluster.core.errors import NotFound, ValidationError
from tests.analytics.conftest import add_decision, add_event, add_partnership, network

YEAR_2025 = Period(date(2025, 1, 1), date(2025, 12, 31))


def cells(dash, key):
    """{row label: [values]} of a figure."""
    return {row.label: [c.value for c in row.cells] for row in dash.figure(key).rows}


def test_cluster_dashboard_counts_only_the_clusters_records_of_the_period(data):
    dash = dashboard_figures(Scope("cluster", cluster=data.cluster_x), YEAR_2025)
    h = dash.headline
    # one 2025 event of X (the 2024 one and Y's are elsewhere); the cancelled registration is no participant
    assert (h.events, h.registrations, h.people, h.regions, h.speakers) == (1, 1, 1, 1, 1)
    assert cells(dash, "participants_by_region") == {"Кировская область": [1, 1]}
    assert (h.decisions, h.decisions_on_time, h.decisions_due, h.on_time_share) == (2, 1, 2, 50.0)
    assert cells(dash, "decisions") == {"выполнено": [1], "просрочено": [1], "из них выполнено в срок": [1]}
    assert h.new_partnerships == 1 and cells(dash, "partnerships")["Робототехника"] == [1, 0, 1]
    assert (h.consultations, h.satisfaction) == (1, 4.0)
    assert cells(dash, "orgs_by_kind") == {"Школа": [1]}
    # year on year: the same dates of 2024 had one event with one participant
    assert dash.previous_period == Period(date(2024, 1, 1), date(2024, 12, 31))
    assert (dash.previous.events, dash.previous.people) == (1, 1)
    assert {c["key"]: c["delta"] for c in dash.comparison()}["events"] == 0


def test_summary_agrees_numbers_in_russian(world):
    add_event(world.cluster_x, starts_on=date(2025, 5, 5), regions=("43", "39", "77", "50", "52"))
    dash = dashboard_figures(Scope("cluster", cluster=world.cluster_x), YEAR_2025)
    assert dash.summary.startswith("5 участников из 3 организаций, 5 субъектов Российской Федерации; 1 мероприятие")


def test_decision_on_time_respects_a_month_deadline_and_draft_protocols_do_not_count(world):
    x = world.cluster_x
    add_decision(
        x, meeting_date=date(2025, 2, 1), status="done", due=date(2025, 3, 1), done=date(2025, 3, 31), month_only=True
    )
    add_decision(x, meeting_date=date(2025, 2, 1), status="done", due=date(2025, 3, 1), done=date(2025, 3, 2))
    add_decision(
        x, meeting_date=date(2025, 2, 1), status="done", due=date(2025, 3, 1), done=date(2025, 4, 1), month_only=True
    )
    add_decision(x, meeting_date=date(2025, 2, 1), status="planned", approved=False)
    h = dashboard_figures(Scope("cluster", cluster=x), YEAR_2025).headline
    assert (h.decisions, h.decisions_on_time, h.decisions_due) == (3, 1, 3)


def test_partnership_states_in_a_period(world):
    a = world.org_a
    add_partnership(a, signed_on=date(2023, 1, 1), valid_until=date(2025, 6, 30), direction="Краеведение")
    add_partnership(a, signed_on=date(2025, 2, 1), valid_until=date(2026, 1, 20), direction="Краеведение")
    add_partnership(a, signed_on=date(2020, 1, 1), valid_until=date(2024, 12, 31), direction="Краеведение")
    add_partnership(a, signed_on=date(2024, 1, 1), direction="Краеведение", status="terminated")
    add_partnership(a, signed_on=date(2025, 3, 1), direction=None, status="draft")
    dash = dashboard_figures(Scope("cluster", cluster=world.cluster_x), YEAR_2025)
    # active: the first two; expiring: the one ending 20 January (30 days after the period); new: the 2025 one
    assert cells(dash, "partnerships")["Краеведение"] == [2, 1, 1]


def test_region_municipality_and_platform_scopes(world):
    world.cluster_y.region = "77"
    world.cluster_y.save()
    network(world, 1)
    region = dashboard_figures(Scope("region", region="43"), YEAR_2025).headline
    platform = dashboard_figures(Scope("platform"), YEAR_2025).headline
    town = dashboard_figures(Scope("municipality", region="43", municipality="Город А"), YEAR_2025)
    assert (region.events, platform.events) == (1, 2)
    assert cells(town, "orgs_by_kind") == {"Школа": [1]}  # organisation A only
    assert town.headline.consultations == 1  # A's centre


def test_period_presets_and_previous_year():
    today = date(2025, 5, 15)
    assert preset_period("quarter", today) == Period(date(2025, 4, 1), date(2025, 6, 30), "quarter")
    assert preset_period("last_quarter", date(2025, 2, 1)) == Period(
        date(2024, 10, 1), date(2024, 12, 31), "last_quarter"
    )
    assert preset_period("last_year", today).start == date(2024, 1, 1)
    assert Period(date(2024, 2, 29), date(2024, 2, 29)).previous_year().start == date(2023, 2, 28)
    assert period_from({"from": "01.02.2025", "to": "2025-03-31"}, today) == Period(date(2025, 2, 1), date(2025, 3, 31))
    with pytest.raises(ValidationError, match="Конец периода раньше его начала"):
        period_from({"from": "2025-05-01", "to": "2025-04-01"}, today)
    with pytest.raises(ValidationError, match="указана неверно"):
        period_from({"from": "вчера"}, today)


def test_scope_from_query(world):
    assert scope_from({"scope": "cluster", "cluster": "x"}).cluster == world.cluster_x
    assert scope_from({}, Scope("platform")).kind == "platform"
    with pytest.raises(NotFound):
        scope_from({"scope": "cluster", "cluster": "nope"})
    with pytest.raises(ValidationError, match="Неизвестный регион"):
        scope_from({"scope": "region", "region": "99x"})


def test_certificates_figure_counts_valid_and_revoked_and_drills_to_the_numbers(world):
    from edcluster.analytics.drill import drill_list
    from edcluster.certificates import services as cert_services
    from edcluster.certificates.models import KindCode
    from tests.certificates.helpers import held_event, registration

    event = held_event(world.cluster_x)  # 14 November 2030
    participant = event.certificate_kinds.get(code=KindCode.PARTICIPANT)
    issued = [
        cert_services.certificate_issue(actor=None, kind=participant, registration=registration(event, name))[0]
        for name in ("Грязева", "Залесова", "Мохина")
    ]
    cert_services.certificate_revoke(actor=None, certificate=issued[2], reason="дубль")
    scope, year = Scope("cluster", cluster=world.cluster_x), Period(date(2030, 1, 1), date(2030, 12, 31))
    figure = next(f for f in dashboard_figures(scope, year).figures if f.key == "certificates")
    assert figure.table()[1] == [["участник", 2, 1]]
    valid = drill_list(scope, year, figure.rows[0].cells[0].drill, show_people=True)
    assert [c.number for c in valid.queryset] == [issued[0].number, issued[1].number]
    assert valid.row(valid.queryset[0])[1] == "Грязева Елена Борисовна"
    hidden = drill_list(scope, year, figure.rows[0].cells[0].drill, show_people=False)
    assert hidden.row(hidden.queryset[0])[1] == "—"
    other = dashboard_figures(Scope("cluster", cluster=world.cluster_y), year)
    assert next(f for f in other.figures if f.key == "certificates").rows == []


def test_training_figure_counts_the_period_placements_marks_and_graduates_employed_in_the_cluster(world):
    network(world, 4)
    dash = dashboard_figures(Scope("cluster", cluster=world.cluster_x), YEAR_2025)
    # four 2025 placements at base B (the 2024 one is another year); marks 4, 5, 4, 5;
    # graduates 1 and 3 work in organisation A (cluster X), 2 and 4 outside the clusters
    assert cells(dash, "training") == {
        "Организация Б": [4, 4.5],
        "Всего на 1 базу практики": [4, 4.5],
        "Выпускников трудоустроено в организациях кластера": [2, None],
    }
    note = "Трудоустроены в кластере: 2 выпускника из 4 с известным местом работы (50 %)."
    assert dash.figure("training").note == note
    # cluster Y's dashboard sees the placements at its base B, but nobody works in cluster Y
    other = dashboard_figures(Scope("cluster", cluster=world.cluster_y), YEAR_2025)
    assert cells(other, "training")["Выпускников трудоустроено в организациях кластера"] == [0, None]
