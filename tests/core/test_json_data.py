"""``json_data`` writes what Django's ``json_script`` writes (the dashboards' charts use it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils.html import json_script

VALUES = [
    {"labels": ["«Журавушка» & <b>", "</script><script>alert(1)</script>"], "n": [1, 2.5, None]},
    {"date": dt.date(2025, 2, 26), "sum": Decimal("12.50"), "urls": ["/analytics/records/?a=1&b=2"]},
    [],
    "строка > 0",
]


@pytest.mark.parametrize("value", VALUES)
def test_same_as_json_script(value):
    ours = Template('{{ value|json_data:"an-data" }}').render(Context({"value": value}))
    assert ours == json_script(value, "an-data")
    assert "</script><script>" not in ours.removesuffix("</script>")
