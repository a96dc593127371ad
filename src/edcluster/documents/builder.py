"""Building the shipped DOCX templates programmatically (python-docx), so that they live as
readable code and stay in step with the variables; a cluster may replace any of them with its
own .docx (``services.template_upload``)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt


@dataclass(frozen=True)
class Line:
    text: str
    bold: bool = False
    align: str = "left"  # left | center | justify
    space_before: int = 0
    tab_right: bool = False


def office_document(*, font_size: int = 14) -> Any:
    """An empty python-docx ``Document`` laid out as Russian office papers are: A4, margins of
    the office-work standard (left 3 cm, right 1.5 cm, top and bottom 2 cm), Times New Roman of
    ``font_size`` points, no space after paragraphs."""
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(font_size)
    style.paragraph_format.space_after = Pt(0)
    return doc


def build_docx(lines: list[Line | str]) -> bytes:
    """A .docx with one paragraph per line (``office_document``: Times New Roman 14, A4).

    Lines that are Jinja paragraph tags (``{%p … %}``) are kept as their own paragraphs, which
    is what docxtpl needs."""
    doc = office_document()
    for raw in lines:
        line = Line(raw) if isinstance(raw, str) else raw
        paragraph = doc.add_paragraph()
        if line.align == "center":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif line.align == "justify":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if line.space_before:
            paragraph.paragraph_format.space_before = Pt(line.space_before)
        if line.tab_right:
            paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(16.5), WD_TAB_ALIGNMENT.RIGHT)
        run = paragraph.add_run(line.text)
        run.bold = line.bold
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def docx_to_text(data: bytes) -> str:
    """The text of a .docx, one line per paragraph (what a reader sees, for tests and search)."""
    doc = Document(io.BytesIO(data))
    return "\n".join(p.text for p in doc.paragraphs)
