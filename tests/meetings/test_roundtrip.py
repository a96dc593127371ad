"""The demo council meeting, rendered in the narrative style, reads as council_protocol.txt."""

from __future__ import annotations

import difflib
import re

import pytest

from edcluster.core.demo_loader import load_demo
from edcluster.documents.builder import docx_to_text
from edcluster.documents.services import document_render
from tests.shared import SHARED

pytestmark = pytest.mark.django_db

SAMPLE = SHARED / "samples" / "council_protocol.txt"


def normalise(text: str) -> str:
    """Word artefacts out, one kind of quote, dash and space; "2025 г." as the sample writes it."""
    text = re.sub(r"\[bookmark:[^\]]*\]", "", text)
    text = text.replace("\u00a0", " ").replace("\t", " ")
    text = re.sub(r"[«»„“”\"]", '"', text)
    text = re.sub(r"[–—]", "-", text)
    text = re.sub(r"(\d{4}) г\.", r"\1", text)
    text = text.replace("ё", "е")
    return " ".join(text.split())


@pytest.fixture(scope="module")
def sample_text():
    return SAMPLE.read_text(encoding="utf-8")


def test_narrative_protocol_reads_as_the_sample(sample_text):
    ctx = load_demo()
    name, data = document_render(kind="protocol", source=ctx.objects["council_meeting"])
    assert name.endswith(".docx")
    produced = normalise(docx_to_text(data))
    expected = normalise(sample_text)
    ratio = difflib.SequenceMatcher(None, produced, expected, autojunk=False).ratio()
    print(f"round-trip ratio {ratio:.3f}")
    if ratio < 0.95:
        diff = "\n".join(
            difflib.unified_diff(
                expected.replace(". ", ".\n").splitlines(), produced.replace(". ", ".\n").splitlines(), lineterm=""
            )
        )
        pytest.fail(f"сходство {ratio:.3f} < 0.95; различия:\n{diff}")
    assert "15 педагогов из 11 образовательных организаций" in produced


def test_protocol_typography(sample_text):
    ctx = load_demo()
    _name, data = document_render(kind="protocol", source=ctx.objects["council_meeting"])
    text = docx_to_text(data)
    assert "№\u00a01" in text
    assert "2025\u00a0г." in text
    assert "Грязева\u00a0Е.Б." in text
    assert "«Я в агро»" in text
    assert '"' not in text
