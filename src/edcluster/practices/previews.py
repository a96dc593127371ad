"""Previews of materials: the first page of a PDF rendered by poppler's ``pdftoppm`` and a
thumbnail of an image made by Pillow, both as PNG no wider than ``PREVIEW_WIDTH`` pixels.

Both run in a Celery task after the upload (``tasks.material_preview``); the result is stored
with the material, so a page shows a cached PNG and never renders on request."""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)

PREVIEW_WIDTH = 480
PDF_TIMEOUT_SECONDS = 60
PREVIEWABLE = frozenset({"application/pdf", "image/png", "image/jpeg", "image/gif"})


def _pdf_first_page(data: bytes) -> bytes | None:
    exe = shutil.which("pdftoppm")
    if exe is None:
        logger.warning("pdftoppm is not installed: PDF previews are not made")
        return None
    with tempfile.TemporaryDirectory(prefix="edc-preview-") as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(data)
        out = Path(tmp) / "page"
        try:
            subprocess.run(  # noqa: S603 - fixed arguments, no shell; the PDF is only a file path
                [exe, "-png", "-f", "1", "-l", "1", "-singlefile", "-scale-to", str(PREVIEW_WIDTH), str(src), str(out)],
                check=True,
                capture_output=True,
                timeout=PDF_TIMEOUT_SECONDS,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            logger.info("pdftoppm could not render a PDF preview")
            return None
        png = out.with_suffix(".png")
        return png.read_bytes() if png.exists() else None


def _image_thumbnail(data: bytes) -> bytes | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            img.thumbnail((PREVIEW_WIDTH, PREVIEW_WIDTH))
            if img.mode not in ("RGB", "RGBA", "L", "LA"):
                img = img.convert("RGBA")
            buf = io.BytesIO()
            img.save(buf, format="PNG")
            return buf.getvalue()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return None


def render_preview(data: bytes, content_type: str) -> bytes | None:
    """A PNG preview of a checked upload, or ``None`` when there is none to make."""
    if content_type == "application/pdf":
        return _pdf_first_page(data)
    if content_type in PREVIEWABLE:
        return _image_thumbnail(data)
    return None
