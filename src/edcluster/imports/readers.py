"""Read the text out of an uploaded document: DOCX, ODT, RTF, PDF with a text layer, TXT.

``read_document(name, data)`` returns plain text or raises :class:`ReadError` with the Russian
reason a person reads next to the file name. Every guard runs before a library parses the file:
size, emptiness, zip directory (a "DOCX" whose parts unpack to gigabytes is refused from the
directory alone), encryption, binary garbage.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from edcluster.core.errors import ValidationError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_ZIP_RATIO = 200
MAX_ZIP_MEMBERS = 2000

EXTENSIONS = (".docx", ".odt", ".rtf", ".pdf", ".txt")


class ReadError(ValidationError):
    """The file cannot be read; ``message`` says why, in Russian."""

    code = "read_error"


def read_file(path: str | Path) -> str:
    """Read a document from disk (the size is checked before the file is loaded)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        raise ReadError(f"Файл «{path.name}» не найден или недоступен.") from None
    _check_size(path.name, size)
    return read_document(path.name, path.read_bytes())


def read_document(name: str, data: bytes) -> str:
    """The text of the document *name* whose bytes are *data*."""
    _check_size(name, len(data))
    if not data.strip():
        raise ReadError(f"Файл «{name}» пуст.")
    kind = _kind(name, data)
    reader = {"docx": _read_docx, "odt": _read_odt, "rtf": _read_rtf, "pdf": _read_pdf, "txt": _read_txt}[kind]
    text = reader(name, data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise ReadError(f"В файле «{name}» нет текста (возможно, это скан без текстового слоя).")
    return text


def _check_size(name: str, size: int) -> None:
    if size == 0:
        raise ReadError(f"Файл «{name}» пуст.")
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise ReadError(f"Файл «{name}» больше допустимых {limit} МБ.")


def _kind(name: str, data: bytes) -> str:
    """Decide the format from the content first, the extension second."""
    ext = Path(name).suffix.lower()
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"PK\x03\x04"):
        if ext == ".odt":
            return "odt"
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError(
            f"Файл «{name}» — документ старого формата Word (.doc) или защищён паролем; "
            "сохраните его как DOCX без пароля."
        )
    if ext in (".docx", ".odt", ".pdf", ".rtf"):
        raise ReadError(f"Файл «{name}» повреждён: его содержимое не похоже на {ext[1:].upper()}.")
    if ext not in ("", ".txt", ".text"):
        raise ReadError(f"Формат файла «{name}» не поддерживается: загрузите DOCX, ODT, RTF, PDF или TXT.")
    return "txt"


def _open_zip(name: str, data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ReadError(f"Файл «{name}» повреждён и не открывается.") from None
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise ReadError(f"Файл «{name}» отклонён: в нём слишком много частей ({len(members)}).")
    unpacked = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    if unpacked > MAX_UNZIPPED_BYTES or (unpacked > 10 * 1024 * 1024 and unpacked / packed > MAX_ZIP_RATIO):
        raise ReadError(
            f"Файл «{name}» отклонён: после распаковки он занял бы {unpacked // (1024 * 1024)} МБ "
            "(похоже на «zip-бомбу»)."
        )
    if any(m.flag_bits & 0x1 for m in members):
        raise ReadError(f"Файл «{name}» защищён паролем; снимите защиту и загрузите снова.")
    return archive


def _read_docx(name: str, data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    archive = _open_zip(name, data)
    if "word/document.xml" not in archive.namelist():
        raise ReadError(f"Файл «{name}» повреждён: в нём нет текста документа Word.")
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, Exception):
        raise ReadError(f"Файл «{name}» повреждён и не открывается.") from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(node.text or "" for node in child.iter() if node.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row.iterchildren():
                        if cell.tag.endswith("}tc"):
                            cells.append(" ".join((t.text or "") for t in cell.iter() if t.tag.endswith("}t")))
                    lines.append("\t".join(cells))
    return "\n".join(lines)


def _read_odt(name: str, data: bytes) -> str:
    from odf import teletype, text
    from odf.opendocument import load

    archive = _open_zip(name, data)
    if "content.xml" not in archive.namelist():
        raise ReadError(f"Файл «{name}» повреждён: в нём нет текста документа ODT.")
    if "META-INF/manifest.xml" in archive.namelist() and b"encryption-data" in archive.read("META-INF/manifest.xml"):
        raise ReadError(f"Файл «{name}» защищён паролем; снимите защиту и загрузите снова.")
    try:
        document = load(io.BytesIO(data))
    except Exception:
        raise ReadError(f"Файл «{name}» повреждён и не открывается.") from None
    lines = []
    for element in document.text.childNodes:
        if element.qname[1] in ("p", "h", "list", "table"):
            if element.qname[1] in ("p", "h"):
                lines.append(teletype.extractText(element))
            else:
                for para in element.getElementsByType(text.P):
                    lines.append(teletype.extractText(para))
    return "\n".join(lines)


def _read_rtf(name: str, data: bytes) -> str:
    from striprtf.striprtf import rtf_to_text

    raw = data.decode("latin-1")
    encoding = "cp1251"
    if "\\ansicpg" in raw:
        page = raw.split("\\ansicpg", 1)[1][:5]
        digits = "".join(ch for ch in page if ch.isdigit())
        if digits:
            encoding = f"cp{digits}"
    try:
        return rtf_to_text(raw, encoding=encoding, errors="replace")
    except Exception:
        raise ReadError(f"Файл «{name}» повреждён и не открывается.") from None


def _read_pdf(name: str, data: bytes) -> str:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError(f"Файл «{name}» защищён паролем; снимите защиту и загрузите снова.") from None
        raise ReadError(f"Файл «{name}» повреждён и не открывается.") from None
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            pages.append(page.get_textpage().get_text_range())
        return "\n".join(pages)
    finally:
        pdf.close()


def _read_txt(name: str, data: bytes) -> str:
    from charset_normalizer import from_bytes

    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None:
        controls = sum(1 for b in data[:4096] if b < 9 or 13 < b < 32)
        if controls > len(data[:4096]) * 0.02:
            raise ReadError(f"Файл «{name}» не похож на текст: это двоичные данные.")
        best = from_bytes(data, cp_isolation=["cp1251", "koi8_r", "cp866", "utf_8", "utf_16"]).best()
        if best is None:
            raise ReadError(f"Файл «{name}» не похож на текст: не удалось определить кодировку.")
        text = str(best)
    letters = sum(ch.isalpha() for ch in text)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text) * 0.02 or letters < len(text.strip()) * 0.3:
        raise ReadError(f"Файл «{name}» не похож на текст: это двоичные данные.")
    return text
