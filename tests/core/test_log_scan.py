"""The suite-wide log scan (tests/conftest.py) sees what production writes and would catch a leak."""

from __future__ import annotations

import logging

from tests import conftest


def test_scan_sees_every_record_masked_like_production():
    scan = conftest._install_log_scan()
    logging.getLogger("edcluster.events").warning(
        "registration by %s, phone %s", "gryazeva@demo.edcluster.local", "+7 (905) 123-45-67"
    )
    line = scan.lines[-1]
    assert "registration by [e-mail], phone [телефон]" in line
    assert conftest.log_leaks([line]) == []


def test_scan_detects_emails_and_phones():
    raw = [
        "user ivanova@example.test signed in",
        "call 8 900 123 45 67",
        "call 9001234567",
        "landline +7 (8442) 12-34-56",
        "task 1234 done in 0.5 s",
    ]
    assert conftest.log_leaks(raw) == raw[:4]
