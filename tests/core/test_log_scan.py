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


def test_a_traceback_is_masked_too():
    scan = conftest._install_log_scan()
    try:
        raise ValueError("no person with address ivanova@example.test, phone +7 905 123-45-67")
    except ValueError:
        logging.getLogger("edcluster.events").exception("lookup failed")
    line = scan.lines[-1]
    assert "Traceback" in line
    assert "no person with address [e-mail], phone [телефон]" in line
    assert conftest.log_leaks([line]) == []


def test_a_real_workers_output_is_scanned(tmp_path):
    """tests/celery_worker.py hands the worker's output to the scan when the worker stops."""
    from tests.celery_worker import Worker, _scan_output

    log = tmp_path / "worker.log"
    line = "[2026-11-23 10:00:00,000: INFO/MainProcess] sent to petrov@example.test"
    log.write_text(line + "\n")
    scan = conftest._install_log_scan()
    _scan_output(Worker(process=None, queue="q", log=log))  # type: ignore[arg-type]
    assert conftest.log_leaks(scan.lines) == [
        "[worker] [2026-11-23 10:00:00,000: INFO/MainProcess] sent to petrov@example.test"
    ]
    scan.lines.clear()  # the scan of this very test must not fail on the line planted above
