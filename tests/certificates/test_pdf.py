from __future__ import annotations

import io

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader

from edcluster.certificates import services
from edcluster.certificates.models import Certificate, KindCode
from tests.certificates.helpers import held_event, registration

pytestmark = pytest.mark.django_db


def png_of(pdf_bytes: bytes, page: int = 0):
    document = pypdfium2.PdfDocument(pdf_bytes)
    return document[page].render(scale=3).to_pil()


def test_pdf_renders_and_gives_back_the_name_and_the_verification_url(world):
    event = held_event(world.cluster_x)
    speaker = event.certificate_kinds.get(code=KindCode.SPEAKER)
    cert, _c = services.certificate_issue(actor=None, kind=speaker, registration=registration(event, "Грязева"))
    content = services.certificates_pdf(event, [cert])

    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    lines = [line.strip() for line in text.splitlines()]
    assert "Грязева Елена Борисовна" in lines
    assert "СЕРТИФИКАТ ДОКЛАДЧИКА" in lines
    assert any(cert.number in line for line in lines)

    image = png_of(content)
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    assert buf.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"
    found = zxingcpp.read_barcodes(image)
    assert [r.text for r in found] == [f"http://testserver/verify/{cert.code}/"]


def test_merged_pdf_has_a_page_per_certificate_and_shares_the_static_part(world, django_capture_on_commit_callbacks):
    event = held_event(world.cluster_x)
    with django_capture_on_commit_callbacks(execute=True):
        services.batch_start(actor=None, event=event, send_mail=False)
    certificates = list(Certificate.objects.order_by("seq"))
    content = services.certificates_pdf(event, certificates)
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) == len(certificates) == 6
    names = [c.full_name for c in certificates]
    for page, name in zip(reader.pages, names, strict=True):
        assert name in page.extract_text()


def test_design_with_pdf_background_and_dative_preview(world):
    from reportlab.pdfgen.canvas import Canvas

    event = held_event(world.cluster_x)
    buf = io.BytesIO()
    canvas = Canvas(buf)
    canvas.setFillColorRGB(0.9, 0.95, 1)
    canvas.rect(0, 0, 1000, 1000, fill=1, stroke=0)
    canvas.showPage()
    canvas.save()
    services.design_update(
        actor=world.coordinator_x,
        event=event,
        signer="Директор Е.Б. Грязева",
        layout={"name": {"x": 148.5, "y": 118, "size": 30}},
        files={"background": buf.getvalue(), "logo": None, "signature": None},
    )
    kind = event.certificate_kinds.get(code=KindCode.PARTICIPANT)
    kind.lead, kind.name_case = "выдан", "datv"
    kind.save()
    preview = services.preview_pdf(kind)
    text = PdfReader(io.BytesIO(preview)).pages[0].extract_text()
    assert "Грязевой Елене Борисовне" in text and "ОБРАЗЕЦ" in text and "Директор Е.Б. Грязева" in text
    pixel = png_of(preview).convert("RGB").getpixel((5, 5))
    assert pixel != (255, 255, 255)  # the background is drawn


def test_unreadable_upload_is_refused_in_russian(world):
    from edcluster.core.errors import ValidationError

    event = held_event(world.cluster_x)
    with pytest.raises(ValidationError, match="Файл не читается"):
        services.design_update(
            actor=None, event=event, signer="", layout={}, files={"logo": b"not an image", "background": None}
        )
    assert not hasattr(event, "certificate_design") or not event.certificate_design.pk


def test_chunks_merged_into_one_pdf_keep_every_page_and_qr():
    from edcluster.certificates import pdf

    def chunk(first, last):
        return [
            pdf.PageData("k", f"Участникова Мария Петровна {i}", "текст", f"№ {i}", f"https://x.example/verify/c{i}/")
            for i in range(first, last)
        ]

    design = pdf.DesignData(signer="Директор")
    kinds = {"k": pdf.KindText("СЕРТИФИКАТ", "подтверждает, что")}
    merged = pdf.merge([pdf.render(chunk(0, 3), design, kinds), pdf.render(chunk(3, 5), design, kinds)])
    reader = PdfReader(io.BytesIO(merged))
    assert len(reader.pages) == 5
    assert [f"Участникова Мария Петровна {i}" in page.extract_text() for i, page in enumerate(reader.pages)] == [
        True
    ] * 5
    assert [r.text for r in zxingcpp.read_barcodes(png_of(merged, 4))] == ["https://x.example/verify/c4/"]
