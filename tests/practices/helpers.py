from __future__ import annotations

import io

from edcluster.partnerships.models import Direction
from edcluster.practices import services


def docx_bytes(*paragraphs: str) -> bytes:
    from docx import Document

    doc = Document()
    for p in paragraphs:
        doc.add_paragraph(p)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def make_practice(w, **overrides):
    data = {
        "title": "Робототехника для дошкольников",
        "cluster": w.cluster_x,
        "direction": Direction.objects.get(name="Робототехника и программирование"),
        "audience": ",preschool,",
        "work_form": "club",
        "goal": "Подготовить малышей к обучению в инженерных классах.",
        "visibility": "cluster",
        "indicators": "Доля детей, собравших модель",
    }
    data.update(overrides)
    return services.practice_create(actor=w.admin, data=data, organizations=[w.org_a], authors=[w.person_a])
