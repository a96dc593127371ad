"""The copies in tests/data/shared must stay equal to ../shared (the project's own material)."""

import pytest

from tests.shared import OUTSIDE, SHARED

FILES = sorted(p.relative_to(SHARED) for p in SHARED.rglob("*") if p.is_file() and p.name != "README.md")


def test_the_copies_exist():
    names = {p.name for p in FILES}
    assert {"council_protocol.txt", "info_letter_conference.txt", "score.py", "SCHEMA.md"} <= names


@pytest.mark.parametrize("name", [str(p) for p in FILES])
def test_copy_equals_the_shared_original_when_present(name):
    original = OUTSIDE / name
    if OUTSIDE.is_dir():
        assert original.read_bytes() == (SHARED / name).read_bytes(), f"{name} differs from ../shared"
    else:
        assert (SHARED / name).stat().st_size > 0
