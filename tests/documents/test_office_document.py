"""The page every shipped template is built on (``documents.builder.office_document``)."""

import io

from docx import Document
from docx.shared import Pt

from edcluster.consultations.documents import report_template
from edcluster.documents.builder import build_docx


def _layout(data: bytes):
    doc = Document(io.BytesIO(data))
    s, style = doc.sections[0], doc.styles["Normal"]
    return (
        tuple(
            round(x.cm, 2)
            for x in (s.page_height, s.page_width, s.left_margin, s.right_margin, s.top_margin, s.bottom_margin)
        ),
        (style.font.name, style.font.size, style.paragraph_format.space_after),
    )


def test_shipped_templates_are_a4_with_office_margins_in_times_new_roman():
    page = (29.7, 21.0, 3.0, 1.5, 2.0, 2.0)
    assert _layout(build_docx(["Протокол № 1"])) == (page, ("Times New Roman", Pt(14), Pt(0)))
    assert _layout(report_template()) == (page, ("Times New Roman", Pt(12), Pt(0)))
