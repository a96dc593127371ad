"""The Russian language of edcluster: agreement with numbers, cases, dates, quotes, names.

Every user-facing Russian phrase that combines words with numbers, dates or
names is produced here, never by string concatenation elsewhere::

    from edcluster.core import ru

    f"{ru.count_phrase(15, 'педагог')} из {ru.count_phrase(11, 'образовательная организация', 'gent')}"
    # "15 педагогов из 11 образовательных организаций"

The dictionaries (pymorphy3, pytrovich) are loaded on first use, once per process.
"""

from edcluster.core.ru._morph import CASES
from edcluster.core.ru.dates import (
    MONTHS_GENT,
    MONTHS_NOMN,
    MONTHS_PREP,
    format_date,
    format_date_range,
    format_time_range,
)
from edcluster.core.ru.gender import Gender, gender_from_patronymic, guess_gender
from edcluster.core.ru.names import FullName, decline_name, parse_name
from edcluster.core.ru.nominative import name_to_nominative
from edcluster.core.ru.numbers import count_phrase, count_word, inflect_phrase, plural_form
from edcluster.core.ru.quotes import normalize_quotes, quote
from edcluster.core.ru.typography import typograph

__all__ = [
    "CASES",
    "MONTHS_GENT",
    "MONTHS_NOMN",
    "MONTHS_PREP",
    "FullName",
    "Gender",
    "count_phrase",
    "count_word",
    "decline_name",
    "format_date",
    "format_date_range",
    "format_time_range",
    "gender_from_patronymic",
    "guess_gender",
    "inflect_phrase",
    "name_to_nominative",
    "normalize_quotes",
    "parse_name",
    "plural_form",
    "quote",
    "typograph",
]
