"""A coordinator's and an administrator's analytics: the menu leads to the dashboard, a click on
a bar of the chart opens the records behind it, and a number in a table does the same."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def click_bar(page, figure: str, label: str) -> None:
    """Click the centre of the bar labelled ``label`` (its position asked from the chart)."""
    page.wait_for_function(f"window.analyticsCharts && window.analyticsCharts['{figure}']")
    page.locator(f"#fig-{figure} canvas").scroll_into_view_if_needed()
    point = page.evaluate(
        """([key, label]) => {
            const chart = window.analyticsCharts[key];
            const i = chart.data.labels.indexOf(label);
            const bar = chart.getDatasetMeta(0).data[i];
            const box = chart.canvas.getBoundingClientRect();
            const base = bar.base === undefined ? bar.x : (bar.x + bar.base) / 2;
            return {x: box.left + base, y: box.top + bar.y};
        }""",
        [figure, label],
    )
    page.mouse.click(point["x"], point["y"])


def test_chart_bar_and_table_figure_drill_down_to_records(page, demo_server, login):
    login(demo_server, "admin")
    page.get_by_role("link", name="Аналитика").click()
    expect(page.get_by_role("heading", name="Аналитика: Вся платформа")).to_be_visible()
    page.locator("#f-scope").select_option("cluster")
    page.locator("#f-cluster").select_option("kaliningrad")
    page.locator("#f-period").select_option("all")
    page.get_by_role("button", name="Показать").click()
    expect(page.locator("#summary")).to_contain_text(
        "50 участников из 36 организаций, 36 субъектов Российской Федерации"
    )

    click_bar(page, "participants_by_region", "Калининградская область")
    page.wait_for_url("**/analytics/records/**")
    expect(page.get_by_role("heading", name="Участники: Калининградская область")).to_be_visible()
    expect(page.locator("#records tbody tr")).to_have_count(2)
    expect(page.locator("#records")).to_contain_text("Участник стажировки № 1")

    page.get_by_role("link", name="Аналитика: Всероссийская стажировка").click()
    page.locator("#f-cluster").select_option("podosinovets")
    page.get_by_role("button", name="Показать").click()
    page.locator("table[data-figure=decisions] tbody tr").first.locator("a").click()
    page.wait_for_url("**/analytics/records/**")
    expect(page.locator("h1")).to_contain_text("Решения:")
    expect(page.locator("#records")).to_contain_text("Педагогам активизировать работу")
