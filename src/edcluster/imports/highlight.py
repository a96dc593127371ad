"""The source text with the found spans marked, for the review page.

The extractor gives the people's character offsets; organisations, dates and the document
number are found again in the same cleaned text. Overlaps keep the first (longest) span.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from edcluster.imports.extract.dates import find_dates

LABELS = {
    "person": "человек",
    "organization": "организация",
    "date": "дата",
    "number": "номер",
    "count": "число",
}
_COUNT = re.compile(r"\b\d{1,5}\s+(?:педагог\w*|участник\w*|человек|организаци\w*|учреждени\w*)", re.IGNORECASE)


def spans(text: str, extraction: dict[str, Any]) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for start, end in (extraction.get("spans") or {}).get("people") or []:
        found.append((int(start), int(end), "person"))
    for name in extraction.get("organizations") or []:
        if len(name) < 3:
            continue
        # A name may be broken over lines in the text (a letterhead, lines wrapped as in a PDF).
        for match in re.finditer(r"\s+".join(map(re.escape, name.split())), text):
            found.append((match.start(), match.end(), "organization"))
    for mention in find_dates(text):
        found.append((mention.start, mention.end, "date"))
    number = extraction.get("doc_number")
    if number:
        match = re.search(rf"№\s*{re.escape(str(number))}\b", text)
        if match:
            found.append((match.start(), match.end(), "number"))
    for match in _COUNT.finditer(text):
        found.append((match.start(), match.end(), "count"))
    found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str]] = []
    last_end = 0
    for start, end, kind in found:
        if start < last_end or end <= start or end > len(text):
            continue
        kept.append((start, end, kind))
        last_end = end
    return kept


def highlighted(text: str, extraction: dict[str, Any]) -> SafeString:
    out: list[str] = []
    pos = 0
    for start, end, kind in spans(text, extraction):
        out.append(escape(text[pos:start]))
        out.append(
            f'<mark class="hl hl-{kind}" title="{LABELS[kind]}" data-kind="{kind}">{escape(text[start:end])}</mark>'
        )
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above
