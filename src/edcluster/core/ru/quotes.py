"""Russian quotation marks: «ёлочки» outside, „лапки“ inside.

Imported text brings every kind of quote — straight "…", English “…”,
German „…“, doubled apostrophes ''…'' — and often nests them with the same
character. Whether a straight or English mark opens or closes is decided by
what stands around it; the nesting depth then picks the Russian glyph.
"""

from __future__ import annotations

import re

_OPENING = "«„"
_CLOSING = "»"
# Glyphs whose role depends on context. "“" is ambiguous too: it opens an
# English quotation but closes a German (and a nested Russian) one.
_AMBIGUOUS = {'"', "“", "”", "''"}
# normalize_quotes writes only these, so in its output each glyph has one role.
_NORMALISED_OPENING = "«„"
_NORMALISED_CLOSING = "»“"
_QUOTE_RE = re.compile(r"''|[\"«»„“”]")
# A quote right after one of these opens ("(«", "—«"); before one of these it closes ("».", "»)").
_OPEN_AFTER = set("([{<-\u2013\u2014/")
_CLOSE_BEFORE = set(".,;:!?)]}>…\u2013\u2014")


def normalize_quotes(text: str) -> str:
    """Turn every quotation mark in *text* into «…», with „…“ for quotes inside quotes.

    ``normalize_quotes('ДДТ "Школа "Ровесник""')`` gives
    "ДДТ «Школа „Ровесник“»". Apostrophes inside words (О'Нил) are left
    alone; a closing mark with nothing to close becomes "»", an opening mark
    that is never closed keeps its level's glyph. The result is a fixed
    point: normalising it again changes nothing.
    """
    marks = list(_QUOTE_RE.finditer(text))
    if not marks:
        return text
    out: list[str] = []
    depth = 0
    previous_end = 0
    previous_role: str | None = None
    for mark in marks:
        role = _role(text, mark, depth, previous_role if mark.start() == previous_end else None)
        if role == "open":
            glyph = "«" if depth == 0 else "„"
            depth += 1
        else:
            glyph = "»" if depth <= 1 else "“"
            depth = max(depth - 1, 0)
        out.append(text[previous_end : mark.start()])
        out.append(glyph)
        previous_end, previous_role = mark.end(), role
    out.append(text[previous_end:])
    return "".join(out)


def quote(text: str) -> str:
    """Put *text* in «», turning quotes already inside it into „“.

    ``quote('Школа "Ровесник"') == "«Школа „Ровесник“»"``. Text that is
    already one quotation ("«Ровесник»") is returned as it is, so quoting
    twice never doubles the marks; "«А» и «Б»" is two quotations and
    becomes "«„А“ и „Б“»". A quotation left open inside the text is closed
    at its end.
    """
    text = _balance(normalize_quotes(text.strip()))
    if not text or _is_one_quotation(text):
        return text
    return normalize_quotes(f"«{text}»")


def _balance(text: str) -> str:
    """Add the marks that normalised *text* lacks: openers for stray closers, closers for open quotes."""
    depth = missing_openers = 0
    for char in text:
        if char in _NORMALISED_OPENING:
            depth += 1
        elif char in _NORMALISED_CLOSING:
            if depth:
                depth -= 1
            else:
                missing_openers += 1
    if not (depth or missing_openers):
        return text
    return normalize_quotes("«" * missing_openers + text + "»" * depth)


def _is_one_quotation(text: str) -> bool:
    """True when the « at the start of normalised *text* is closed by the » at its very end."""
    if not (text.startswith("«") and text.endswith("»")):
        return False
    depth = 0
    for index, char in enumerate(text):
        if char in _NORMALISED_OPENING:
            depth += 1
        elif char in _NORMALISED_CLOSING:
            depth -= 1
            if depth == 0:
                return index == len(text) - 1
    return False


def _role(text: str, mark: re.Match[str], depth: int, adjacent_role: str | None) -> str:
    """Whether the quotation *mark* opens or closes, given the open *depth*.

    *adjacent_role* is the role of a quotation mark that stands right before
    this one, if any: after an opening mark a mark opens too, after a closing
    one it closes.
    """
    glyph = mark.group()
    if glyph in _OPENING:
        return "open"
    if glyph in _CLOSING:
        return "close"
    if glyph == "“" and depth >= 2:
        # Inside a nested quotation "“" is the Russian inner closing mark;
        # reading it so keeps normalize_quotes idempotent.
        return "close"
    before = text[mark.start() - 1] if mark.start() > 0 else None
    after = text[mark.end()] if mark.end() < len(text) else None
    if adjacent_role is not None:
        return adjacent_role
    opens = before is None or before.isspace() or before in _OPEN_AFTER
    closes = after is None or after.isspace() or after in _CLOSE_BEFORE or bool(_QUOTE_RE.match(text, mark.end()))
    if opens != closes:
        return "open" if opens else "close"
    # Both or neither side is a word boundary ("a"b", " " "): close what is open.
    return "close" if depth > 0 else "open"
