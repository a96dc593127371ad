"""Keep personal data out of logs (152-FZ): e-mail addresses and phone numbers are masked in
every record before any handler writes it."""

from __future__ import annotations

import logging
import re

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE_RE = re.compile(r"(?<!\d)(\+7|8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)")


def redact(text: str) -> str:
    return PHONE_RE.sub("[телефон]", EMAIL_RE.sub("[e-mail]", text))


class RedactPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            # A traceback ends with the exception's message, which may quote an address (a
            # Celery task failure, a bad value): the formatter uses ``exc_text`` when set.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
