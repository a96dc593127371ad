"""The genre of a document from how its head and body are written."""

from __future__ import annotations

import re

GENRES = ("protocol", "info_letter", "resolution", "news", "social_partners", "other")

_HEAD_RULES = (
    ("protocol", re.compile(r"\bпротокол\b|\bвыписка из протокола", re.IGNORECASE)),
    ("info_letter", re.compile(
        r"информационное\s+письмо|\bуважаемые\s+коллеги|\bприглашаем\b|\bприглашает\b", re.IGNORECASE
    )),
    ("resolution", re.compile(
        r"\bрезолюци|\bитоги\s+работы|\bрешение\s+(?:секции|совета|конференции|круглого)"
        r"|\bрекомендации\s+(?:секции|конференции|участников)",
        re.IGNORECASE,
    )),
    # A website's publication line under the headline: "21.10.2024 | Пресс-центр", "Новости | 12.12.2024".
    ("news", re.compile(
        r"^[^\n]{0,40}(?:\d{1,2}\.\d{1,2}\.\d{4}\s*[|•·]|[|•·]\s*\d{1,2}\.\d{1,2}\.\d{4})[^\n]{0,60}$"
        r"|^(?:новости|пресс-(?:центр|служба)[^\n]{0,40})$",
        re.IGNORECASE | re.MULTILINE,
    )),
    ("social_partners", re.compile(r"\bпартн[её]р|\bсоциальн\w+\s+партн", re.IGNORECASE)),
)  # fmt: skip
# A heading line that names the genre wherever a letterhead above it ends: "Информационное письмо",
# "Уважаемые коллеги!", an outgoing number "Исх. № 01-09/318".
_TITLE_LINE = (
    ("protocol", re.compile(r"^(?:выписка\s+из\s+)?протокол\b[^\n]{0,60}$", re.IGNORECASE | re.MULTILINE)),
    ("info_letter", re.compile(
        r"^(?:информационное\s+письмо\b[^\n]{0,80}|уважаем\w+\s+[^\n!]{2,60}!|исх\.?\s*№[^\n]{0,40})$",
        re.IGNORECASE | re.MULTILINE,
    )),
)  # fmt: skip
_BODY = {
    "protocol": re.compile(r"\b(?:присутствовали|повестка|слушали|постановили|решили)\b", re.IGNORECASE),
    "info_letter": re.compile(r"\b(?:регистраци\w+|заявк\w+|приглашаются|принять участие|оргкомитет)\b", re.IGNORECASE),
    "resolution": re.compile(r"\b(?:резолюци\w+|рекомендовать|рекомендации|предложения)\b", re.IGNORECASE),
    "news": re.compile(
        r"\b(?:пройд[её]т|прош[её]л|прошла|прошло|прошли|собрал[аио]?|открыл[аи]?|пресс-центр\w*|состоится|состоялс\w+|состоялась|проведут|провели|"
        r"сообщает|прокомментировал\w*|рассказал\w*\s+корреспондент\w*|ИА|пресс-служб\w+|собкор\w*)\b",
        re.IGNORECASE,
    ),
    "social_partners": re.compile(r"\bпартн[её]р\w*|\bсотруднича\w+|\bвзаимодейств\w+", re.IGNORECASE),
}


def detect_genre(text: str) -> str:
    """protocol, info_letter, resolution, news, social_partners or other."""
    lines = [line for line in text.splitlines() if line.strip()]
    head = "\n".join(lines[:4])[:400]
    for genre, regex in _HEAD_RULES:
        if regex.search(head):
            if genre == "social_partners" and len(_BODY["news"].findall(text)) > len(
                _BODY["social_partners"].findall(text)
            ):
                break
            return genre
    top = "\n".join(lines[:16])
    for genre, regex in _TITLE_LINE:
        if regex.search(top):
            return genre
    scores = {genre: len(regex.findall(text)) for genre, regex in _BODY.items()}
    words = max(1, len(text.split()))
    genre, best = max(scores.items(), key=lambda item: item[1])
    if best * 250 < words or best < 2:
        return "other"
    return genre
