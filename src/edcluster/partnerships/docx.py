"""«Наши партнёры» as a DOCX document generated from the data (python-docx)."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from docx import Document
from docx.shared import Pt

from edcluster.core import ru
from edcluster.organizations.models import Organization


def our_partners_docx(org: Organization, groups: Mapping[str, list[dict[str, Any]]]) -> bytes:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    doc.add_heading(f"Партнёрство {org.display_name}", level=1)
    doc.add_paragraph(f"Сведения на {ru.format_date(timezone.localdate())}")
    if not groups:
        doc.add_paragraph("Действующих партнёрств нет.")
    for direction, items in groups.items():
        doc.add_heading(direction, level=2)
        for item in items:
            p = item["partnership"]
            partner = item["organization"]
            role = item["party"].get_role_display()
            line = f"{partner.display_name} — {role}: {p.get_kind_display().lower()} {ru.quote(p.title)}"
            if p.signed_on:
                line += f" от {ru.format_date(p.signed_on)}"
            if p.indefinite:
                line += ", бессрочно"
            elif p.valid_until:
                line += f", действует по {ru.format_date(p.valid_until)}"
            para = doc.add_paragraph(style="List Bullet")
            para.add_run(line)
            if p.achieved_results or p.expected_results:
                doc.add_paragraph(p.achieved_results or p.expected_results)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
