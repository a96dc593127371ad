"""Russian typography of the literal text of a cluster's own template, applied when rendering."""

from __future__ import annotations

import io

import pytest
from docx import Document

from edcluster.documents import services
from edcluster.documents.builder import docx_to_text

pytestmark = pytest.mark.django_db


def _docx(build) -> bytes:
    doc = Document()
    build(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_literal_text_gets_quotes_nbsp_dashes_and_initials():
    def build(doc):
        doc.add_paragraph('Протокол заседания "Совета" от 2025 г. - решение принято')
        doc.add_paragraph("Секретарь Е. Б. Грязева, протокол №{{ number }}")
        # a paragraph split into runs of one formatting (as Word does when typing)
        p = doc.add_paragraph()
        p.add_run('Тема: "Опорная ')
        p.add_run('школа"')

    out = services.render_docx(_docx(build), {"number": "1"})
    lines = docx_to_text(out).splitlines()
    assert lines[0] == "Протокол заседания «Совета» от 2025\u00a0г. – решение принято"
    assert lines[1] == "Секретарь Е.Б.\u00a0Грязева, протокол №\u00a01"
    assert lines[2] == "Тема: «Опорная школа»"


def test_runs_of_different_formatting_keep_their_formatting_and_spaces():
    def build(doc):
        p = doc.add_paragraph()
        p.add_run("Председатель ").bold = True
        p.add_run("Мохина Е. Д. - в 2025 г.")

    out = services.render_docx(_docx(build), {})
    paragraph = Document(io.BytesIO(out)).paragraphs[0]
    assert [r.bold for r in paragraph.runs] == [True, None]
    assert paragraph.runs[0].text == "Председатель "
    assert paragraph.runs[1].text == "Мохина\u00a0Е.Д. – в 2025\u00a0г."


def test_tables_are_typographed_and_tabs_survive():
    def build(doc):
        doc.add_paragraph("Секретарь\tЕ. Б. Грязева")
        doc.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0].add_run('Школа "Ровесник" - 2024 г.')

    out = services.render_docx(_docx(build), {})
    doc = Document(io.BytesIO(out))
    assert doc.paragraphs[0].text == "Секретарь\tЕ.Б.\u00a0Грязева"
    assert doc.tables[0].cell(0, 0).text == "Школа «Ровесник» – 2024\u00a0г."
