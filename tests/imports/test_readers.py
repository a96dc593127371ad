"""Reading documents of every supported format, and refusing bad files with a Russian reason."""

from __future__ import annotations

import io
import zipfile

import pytest

from edcluster.imports.readers import MAX_FILE_BYTES, ReadError, read_document

TEXT = "Протокол заседания Координационного Совета от 26 февраля 2025 № 1"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _docx(text: str = TEXT) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    document.add_paragraph("Тема: «Открытое образовательное пространство»")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _odt() -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    document.text.addElement(P(text=TEXT))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _pdf(encrypt: str | None = None) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVu", FONT))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, encrypt=encrypt)
    page.setFont("DejaVu", 11)
    page.drawString(50, 800, TEXT)
    page.save()
    return buffer.getvalue()


def test_docx_paragraphs_come_out_in_order():
    text = read_document("protocol.docx", _docx())
    assert text.splitlines()[0] == TEXT
    assert "«Открытое образовательное пространство»" in text


def test_odt_text():
    assert TEXT in read_document("protocol.odt", _odt())


def test_rtf_in_windows_1251():
    body = "".join(f"\\'{b:02x}" for b in "Протокол № 1".encode("cp1251"))
    rtf = ("{\\rtf1\\ansi\\ansicpg1251\\deff0 {\\fonttbl{\\f0 Times New Roman;}}\\f0 " + body + "\\par}").encode()
    assert read_document("protocol.rtf", rtf).strip() == "Протокол № 1"


def test_pdf_with_text_layer():
    assert "Координационного Совета" in read_document("protocol.pdf", _pdf())


@pytest.mark.parametrize("encoding", ["utf-8", "cp1251", "utf-8-sig"])
def test_txt_encodings_are_detected(encoding):
    long_text = (TEXT + "\nПрисутствовали: 15 педагогов из 11 образовательных организаций.\n") * 3
    assert read_document("protocol.txt", long_text.encode(encoding)).startswith("Протокол")


def test_empty_file_is_refused():
    with pytest.raises(ReadError, match="пуст"):
        read_document("empty.docx", b"")
    with pytest.raises(ReadError, match="пуст"):
        read_document("blank.txt", b"  \n\n ")


def test_file_over_the_size_limit_is_refused():
    with pytest.raises(ReadError, match="больше допустимых 20 МБ"):
        read_document("big.txt", b"a" * (MAX_FILE_BYTES + 1))


def test_corrupt_docx_is_refused():
    data = _docx()
    with pytest.raises(ReadError, match="повреждён"):
        read_document("broken.docx", data[: len(data) // 2])
    with pytest.raises(ReadError, match="повреждён"):
        read_document("fake.docx", b"this is not a word document at all")


def test_corrupt_pdf_is_refused():
    with pytest.raises(ReadError, match="повреждён"):
        read_document("broken.pdf", b"%PDF-1.4\n garbage garbage")


def test_password_protected_pdf_is_refused():
    with pytest.raises(ReadError, match="защищён паролем"):
        read_document("secret.pdf", _pdf(encrypt="secret"))


def test_encrypted_zip_and_legacy_ole_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    data = bytearray(buffer.getvalue())
    # Set the "encrypted" flag bit in the local header and in the central directory.
    data[6] |= 1
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 1
    with pytest.raises(ReadError, match="защищён паролем"):
        read_document("secret.docx", bytes(data))
    # Word encrypts DOCX into an OLE compound file.
    with pytest.raises(ReadError, match="защищён паролем"):
        read_document("secret.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)


def test_zip_bomb_disguised_as_docx_is_refused_from_the_directory():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(150):
                member.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024
    with pytest.raises(ReadError, match="zip-бомбу"):
        read_document("bomb.docx", data)


def test_binary_garbage_is_refused():
    import random

    rng = random.Random(8)
    garbage = bytes(rng.randrange(256) for _ in range(5000))
    with pytest.raises(ReadError, match="двоичные данные"):
        read_document("garbage.txt", garbage)


def test_unsupported_extension_is_refused():
    with pytest.raises(ReadError, match="не поддерживается"):
        read_document("picture.png", b"\x89PNG\r\n\x1a\n" + b"\x01" * 100)
