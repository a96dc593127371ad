"""The cell helpers every XLSX importer (registry, partnerships) cleans its rows with."""

import pytest

from edcluster.core.tabular import cell_text, choice_code
from edcluster.organizations.models import OrganizationKind
from edcluster.partnerships.models import PartnershipStatus


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (12.0, "12"),
        (12.5, "12.5"),
        (4345123456, "4345123456"),
        ("  МКОУ\u00a0СОШ   № 1\n", "МКОУ СОШ № 1"),
    ],
)
def test_cell_text(value, expected):
    assert cell_text(value) == expected


def test_choice_code_by_code_or_russian_label_case_and_yo_ignored():
    assert choice_code("kindergarten", OrganizationKind.choices) == "kindergarten"
    assert choice_code("ДЕТСКИЙ САД", OrganizationKind.choices) == "kindergarten"
    assert choice_code("истёк", PartnershipStatus.choices) == choice_code("истек", PartnershipStatus.choices)
    assert choice_code("истек", PartnershipStatus.choices) == "expired"
    assert choice_code("завод", OrganizationKind.choices) is None
