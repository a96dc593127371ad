"""Clean the text that converters leave: artefacts, letter-spaced words, broken words, odd spaces.

``clean_text`` keeps the line structure (protocols are read line by line) and returns text in
which «ёлочки» are the only quotes, every space is an ordinary one, numbered items start with
"N. " whatever their style was ("1)", "1.", "I.", "а)"), and words broken across lines are whole.
"""

from __future__ import annotations

import re

from edcluster.core.ru import normalize_quotes

_ARTEFACTS = re.compile(
    r"\[(?:bookmark|anchor|image|img|picture|footnote|comment|page\s*break)\s*:?[^\]\n]*\]"
    r"|\{\s*(?:PAGE|HYPERLINK|TOC|MERGEFIELD)[^}\n]*\}"
    r"|</?[a-z][a-z0-9]*(?:\s[^<>\n]*)?>",
    re.IGNORECASE,
)
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
# "П Р О Т О К О Л" or "И Т О Г И": four or more single letters separated by single spaces.
_LETTER_SPACED = re.compile(r"(?<![\w])((?:[А-ЯЁA-Zа-яё] ){3,}[А-ЯЁA-Zа-яё])(?![\w])")
# A word broken at a line end: "образова-\nтельный".
_HYPHEN_BREAK = re.compile(r"([а-яё]{2,})[-\u00ad]\s*\n\s*([а-яё]{2,})")
_MARKDOWN_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_DASHES = re.compile(r"\s[-\u2013]\s")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_NUMBERING = re.compile(
    r"^(?P<indent>\s*)(?:(?P<arabic>\d{1,2})\s*[.)]|(?P<roman>(?:I{1,3}|IV|VI{0,3}|IX|X))\s*[.)]"
    r"|(?P<letter>[а-е])\))(?!\d)\s*(?=\S)",
    re.MULTILINE,
)


def clean_text(text: str) -> str:
    """The text of a document ready for extraction."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = _INVISIBLE.sub("", text)
    text = _ARTEFACTS.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _MARKDOWN_BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    text = _HYPHEN_BREAK.sub(r"\1\2", text)
    text = "\n".join(_clean_line(line) for line in text.split("\n"))
    text = normalize_quotes(text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"


def _clean_line(line: str) -> str:
    line = _LETTER_SPACED.sub(lambda m: m.group(1).replace(" ", ""), line)
    line = _NUMBERING.sub(_numbering, line)
    line = re.sub(r" {2,}", " ", line).strip()
    line = _DASHES.sub(" – ", line)
    return line


def _numbering(match: re.Match[str]) -> str:
    if match.group("arabic"):
        return f"{int(match.group('arabic'))}. "
    if match.group("roman"):
        return f"{_ROMAN[match.group('roman')]}. "
    return f"{match.group('letter')}) "
