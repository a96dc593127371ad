"""Certificate pages with reportlab, fast enough for thousands at once.

What is the same on every page of a kind — background, logo, signature, signer, title and the
line before the name — is drawn once into a form XObject and reused by reference; each page adds
only the name, the wording, the number and a vector QR code (one path of module runs, not one
rectangle per module). Everything here works on plain data (no database), so the benchmark and
worker processes use it as is.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import segno
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

PAGE = landscape(A4)
FONT_DIRS = [os.environ.get("EDCLUSTER_FONT_DIR", ""), "/usr/share/fonts/truetype/dejavu"]
FONTS = {"Serif": "DejaVuSerif.ttf", "Serif-Bold": "DejaVuSerif-Bold.ttf", "Sans": "DejaVuSans.ttf"}

# Block positions: x, y of the block's centre line (mm from the bottom left), size (pt, or mm for images).
DEFAULT_LAYOUT: dict[str, dict[str, float]] = {
    "title": {"x": 148.5, "y": 160, "size": 40},
    "lead": {"x": 148.5, "y": 140, "size": 16},
    "name": {"x": 148.5, "y": 122, "size": 26},
    "wording": {"x": 148.5, "y": 104, "size": 14},
    "number": {"x": 20, "y": 18, "size": 10},
    "signer": {"x": 200, "y": 38, "size": 12},
    "qr": {"x": 250, "y": 12, "size": 32},
    "logo": {"x": 20, "y": 170, "size": 28},
    "signature": {"x": 150, "y": 32, "size": 30},
}
BLOCKS = list(DEFAULT_LAYOUT)
WORDING_WIDTH = 240 * mm


def register_fonts() -> None:
    """Register the Cyrillic TrueType fonts (Debian ``fonts-dejavu-core``) once per process."""
    if "Serif" in pdfmetrics.getRegisteredFontNames():
        return
    for name, filename in FONTS.items():
        path = next((Path(d) / filename for d in FONT_DIRS if d and (Path(d) / filename).exists()), None)
        if path is None:
            raise RuntimeError(f"Шрифт {filename} не найден: установите пакет fonts-dejavu-core.")
        pdfmetrics.registerFont(TTFont(name, str(path)))


@dataclass(frozen=True)
class KindText:
    """What every certificate of one kind shares."""

    title: str
    lead: str


@dataclass(frozen=True)
class DesignData:
    background: bytes = b""
    logo: bytes = b""
    signature: bytes = b""
    signer: str = ""
    layout: dict[str, dict[str, float]] = field(default_factory=dict)

    def block(self, name: str) -> dict[str, float]:
        return {**DEFAULT_LAYOUT[name], **(self.layout.get(name) or {})}


@dataclass(frozen=True)
class PageData:
    kind: str  # key into the ``kinds`` mapping
    name: str
    wording: str
    number_line: str
    url: str


def layout_merged(layout: dict[str, Any] | None) -> dict[str, dict[str, float]]:
    layout = layout or {}
    return {name: {**DEFAULT_LAYOUT[name], **(layout.get(name) or {})} for name in BLOCKS}


def qr_path(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """Draw a QR code as one filled path of horizontal runs of dark modules, written as PDF
    operators in module units (integers, no float formatting per rectangle). The mask is fixed:
    any mask is valid, and choosing the "best" one costs several times the rest of the page."""
    matrix = segno.make(text, error="m", mask=0).matrix
    n = len(matrix)
    quiet = 2
    module = size / (n + 2 * quiet)
    ops = []
    for r, row in enumerate(matrix):
        line = n - 1 - r
        c = 0
        while c < n:
            if row[c] & 1:
                start = c
                while c < n and row[c] & 1:
                    c += 1
                ops.append(f"{start} {line} {c - start} 1 re")
            else:
                c += 1
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.translate(x + quiet * module, y + quiet * module)
    canvas.scale(module, module)
    canvas.addLiteral("\n".join(ops) + "\nf")
    canvas.restoreState()


def qr_rectangles(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """The naive way (benchmark baseline): one rectangle per dark module."""
    qr = segno.make(text, error="m")
    n = len(qr.matrix)
    module = size / (n + 4)
    for r, row in enumerate(qr.matrix):
        for c, dark in enumerate(row):
            if dark & 1:
                canvas.rect(x + (c + 2) * module, y + size - (r + 3) * module, module, module, stroke=0, fill=1)


def _image(
    canvas: Canvas, data: bytes, x: float, y: float, width: float, height: float, *, keep_ratio: bool = True
) -> None:
    if data:
        reader = ImageReader(io.BytesIO(data))
        canvas.drawImage(reader, x, y, width, height, preserveAspectRatio=keep_ratio, mask="auto", anchor="sw")


def _static(canvas: Canvas, design: DesignData, kind: KindText) -> None:
    """Everything a kind's pages share."""
    width, height = PAGE
    _image(canvas, design.background, 0, 0, width, height, keep_ratio=False)
    logo = design.block("logo")
    _image(canvas, design.logo, logo["x"] * mm, logo["y"] * mm, logo["size"] * mm, logo["size"] * mm)
    sig = design.block("signature")
    _image(canvas, design.signature, sig["x"] * mm, sig["y"] * mm, sig["size"] * mm, sig["size"] * mm / 2)
    for name, text, font in (("title", kind.title, "Serif-Bold"), ("lead", kind.lead, "Serif")):
        block = design.block(name)
        if text:
            canvas.setFont(font, block["size"])
            canvas.drawCentredString(block["x"] * mm, block["y"] * mm, text)
    if design.signer:
        block = design.block("signer")
        canvas.setFont("Serif", block["size"])
        canvas.drawString(block["x"] * mm, block["y"] * mm, design.signer)


def _variable(canvas: Canvas, design: DesignData, page: PageData, *, naive: bool = False) -> None:
    block = design.block("name")
    canvas.setFont("Serif-Bold", block["size"])
    canvas.drawCentredString(block["x"] * mm, block["y"] * mm, page.name)
    block = design.block("wording")
    size = block["size"]
    canvas.setFont("Serif", size)
    y = block["y"] * mm
    for paragraph in page.wording.splitlines():
        for line in simpleSplit(paragraph, "Serif", size, WORDING_WIDTH) or [""]:
            canvas.drawCentredString(block["x"] * mm, y, line)
            y -= size * 1.3
    block = design.block("number")
    canvas.setFont("Sans", block["size"])
    canvas.drawString(block["x"] * mm, block["y"] * mm, page.number_line)
    qr = design.block("qr")
    draw = qr_rectangles if naive else qr_path
    draw(canvas, page.url, qr["x"] * mm, qr["y"] * mm, qr["size"] * mm)


def render(pages: Iterable[PageData], design: DesignData, kinds: dict[str, KindText]) -> bytes:
    """One PDF with a page per certificate; the shared part of each kind is a form XObject."""
    register_fonts()
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=PAGE, pageCompression=0)
    canvas.setTitle("Сертификаты")
    forms: set[str] = set()
    count = 0
    for page in pages:
        form = f"kind-{page.kind}"
        if form not in forms:
            canvas.beginForm(form)
            _static(canvas, design, kinds[page.kind])
            canvas.endForm()
            forms.add(form)
        canvas.doForm(form)
        _variable(canvas, design, page)
        canvas.showPage()
        count += 1
    if not count:
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


def render_naive(pages: Sequence[PageData], design: DesignData, kinds: dict[str, KindText]) -> bytes:
    """The straightforward way, for the benchmark's baseline: every page drawn from scratch."""
    register_fonts()
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=PAGE)
    for page in pages:
        _static(canvas, design, kinds[page.kind])
        _variable(canvas, design, page, naive=True)
        canvas.showPage()
    canvas.save()
    return buf.getvalue()


_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_REF = re.compile(rb"(\d+) 0 R")
_OBJ_HEAD = re.compile(rb"^\s*(\d+) 0 obj\s*")


def _objects(document: bytes) -> tuple[dict[int, bytes], bytes]:
    """The objects of a (reportlab-written, uncompressed xref) PDF by number, and its trailer."""
    start = int(document[document.rindex(b"startxref") + 9 :].split()[0])
    header = document[start:].split(b"\n", 2)
    count = int(header[1].split()[1])
    entries = _XREF_ENTRY.findall(document, start)[:count]
    located = sorted((int(offset), num) for num, (offset, _g, kind) in enumerate(entries) if kind == b"n")
    objects = {}
    for i, (offset, num) in enumerate(located):
        end = located[i + 1][0] if i + 1 < len(located) else start
        body = document[offset:end]
        body = _OBJ_HEAD.sub(b"", body, count=1)
        objects[num] = body[: body.rindex(b"endobj")]
    return objects, document[document.rindex(b"trailer") :]


def merge(documents: Iterable[bytes]) -> bytes:
    """Concatenate PDFs written by :func:`render` into one (see :func:`merge_into`)."""
    out = io.BytesIO()
    merge_into(out, documents)
    return out.getvalue()


def merge_into(stream: BinaryIO, documents: Iterable[bytes]) -> int:
    """Concatenate PDFs written by :func:`render` into one, without re-parsing page content.

    Objects are copied as they are, renumbered in their dictionaries (never inside stream data);
    each document's catalogue, page tree and info are replaced by one page tree. Used by the batch
    download and the benchmark, where a general-purpose merger costs more than the rendering.
    Documents are read one at a time and written to ``stream``; returns the number of pages."""
    position = 0

    def write(data: bytes) -> None:
        nonlocal position
        stream.write(data)
        position += len(data)

    write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = [0, 0]  # objects 1 (pages) and 2 (catalogue) are written last
    kids: list[int] = []
    next_num = 3
    for document in documents:
        objects, trailer = _objects(document)
        root = int(re.search(rb"/Root (\d+) 0 R", trailer)[1])  # type: ignore[index]
        info = re.search(rb"/Info (\d+) 0 R", trailer)
        pages = int(re.search(rb"/Pages (\d+) 0 R", objects[root])[1])  # type: ignore[index]
        outlines = re.search(rb"/Outlines (\d+) 0 R", objects[root])
        skip = {root, pages} | {int(m[1]) for m in (info, outlines) if m}
        mapping = {pages: 1}
        for num in sorted(objects):
            if num not in skip:
                mapping[num] = next_num
                next_num += 1

        def renumber(match: re.Match[bytes], mapping: dict[int, int] = mapping) -> bytes:
            return b"%d 0 R" % mapping[int(match[1])]

        for num in sorted(objects):
            if num in skip:
                continue
            head, sep, data = objects[num].partition(b"stream\n")
            offsets.append(position)
            write(b"%d 0 obj\n" % mapping[num] + _REF.sub(renumber, head) + sep + data + b"endobj\n")
        kids_text = re.search(rb"/Kids \[(.*?)\]", objects[pages], re.S)[1]  # type: ignore[index]
        kids.extend(mapping[int(n)] for n in _REF.findall(kids_text))
    offsets[0] = position
    refs = b" ".join(b"%d 0 R" % k for k in kids)
    write(b"1 0 obj\n<< /Type /Pages /Count %d /Kids [ %s ] >>\nendobj\n" % (len(kids), refs))
    offsets[1] = position
    write(b"2 0 obj\n<< /Type /Catalog /Pages 1 0 R >>\nendobj\n")
    xref = position
    write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
    write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    write(b"trailer\n<< /Root 2 0 R /Size %d >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref))
    return len(kids)
