"""Bar charts as PNG for the DOCX report, drawn with Pillow (already a dependency of the
platform; matplotlib would be a heavy addition for a few bars). Cyrillic labels need a TrueType
font: DejaVu Sans from the system package ``fonts-dejavu-core`` (scripts/sysdeps.sh), or the
font named by ``settings.EDCLUSTER_CHART_FONT``."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)
PALETTE = ("#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#dc3545", "#20c997", "#6c757d", "#ffc107")


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    configured = getattr(settings, "EDCLUSTER_CHART_FONT", "")
    for candidate in (configured, *FONT_CANDIDATES):
        if candidate and Path(candidate).is_file():
            return ImageFont.truetype(candidate, size)
    return ImageFont.load_default(size=size)


def _fit(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def bar_chart_png(title: str, labels: list[str], series: list[tuple[str, list[float]]], width: int = 1400) -> bytes:
    """Horizontal grouped bars: one group per label, one bar per series, values written at the
    end of each bar; a legend when there is more than one series."""
    font, small, bold = _font(26), _font(22), _font(30)
    bar_h, gap = 26, 18
    group_h = bar_h * len(series) + gap
    legend_h = 44 if len(series) > 1 else 0
    top = 70 + legend_h
    height = top + group_h * max(1, len(labels)) + 30
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((20, 18), _fit(draw, title, bold, width - 40), fill="#212529", font=bold)
    if legend_h:
        x = 20
        for i, (name, _values) in enumerate(series):
            draw.rectangle([x, 72, x + 22, 94], fill=PALETTE[i % len(PALETTE)])
            draw.text((x + 30, 70), name, fill="#212529", font=small)
            x += 60 + int(draw.textlength(name, font=small))
    label_w = int(width * 0.36)
    plot_w = width - label_w - 120
    biggest = max([v for _n, values in series for v in values] + [1])
    for row, label in enumerate(labels):
        y = top + row * group_h
        draw.text((20, y + (group_h - gap) // 2 - 14), _fit(draw, label, font, label_w - 30), fill="#212529", font=font)
        for i, (_name, values) in enumerate(series):
            value = values[row] if row < len(values) else 0
            length = int(plot_w * value / biggest)
            y0 = y + i * bar_h
            draw.rectangle([label_w, y0, label_w + max(length, 1), y0 + bar_h - 4], fill=PALETTE[i % len(PALETTE)])
            text = f"{value:g}" if isinstance(value, float) else str(value)
            draw.text((label_w + length + 8, y0 - 1), text, fill="#212529", font=small)
    draw.line([label_w, top - 6, label_w, height - 24], fill="#adb5bd", width=2)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
