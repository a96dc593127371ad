import io
import logging
from unittest import mock

import pytest
from django.db import OperationalError
from openpyxl import load_workbook

from edcluster.config.env import email_config
from edcluster.core import services
from edcluster.core.errors import NotFound, ValidationError
from edcluster.core.logging import RedactPersonalDataFilter, redact
from edcluster.core.mail import Attachment, mail_queue
from edcluster.core.models import ConsentText, OutboxMessage
from edcluster.core.xlsx import build_xlsx, safe_cell


def test_healthz_ok(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_healthz_503_when_database_is_down(db, client):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503


def test_pages_answer_503_in_russian_when_database_is_down(db, client):
    with mock.patch("edcluster.web.views.clusters_visible", side_effect=OperationalError("down")):
        response = client.get("/")
    assert response.status_code == 503
    assert "База данных временно недоступна" in response.content.decode()
    assert response["Retry-After"] == "60"


def test_russian_ui_by_default(db, client):
    page = client.get("/accounts/login/").content.decode()
    assert '<html lang="ru">' in page and "Пароль" in page


def test_mail_is_stored_in_outbox_with_attachments_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = mail_queue(
            to=["a@example.test"],
            subject="Подтверждение",
            body="Текст",
            attachments=[Attachment("event.ics", b"BEGIN:VCALENDAR", "text/calendar")],
        )
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.STORED
    assert message.attachments.get().filename == "event.ics"


def test_mail_dedup_key_sends_once(db):
    first = mail_queue(to=["a@example.test"], subject="Напоминание", body="x", dedup_key="reminder:1")
    second = mail_queue(to=["a@example.test"], subject="Напоминание", body="x", dedup_key="reminder:1")
    assert first is not None and second is None
    assert OutboxMessage.objects.filter(dedup_key="reminder:1").count() == 1


def test_smtp_failure_keeps_message_queued(db, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_TRANSPORT = "smtp"
    with (
        mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=ConnectionRefusedError()),
        django_capture_on_commit_callbacks(execute=True),
    ):
        message = mail_queue(to=["a@example.test"], subject="x", body="x")
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED and message.attempts == 1
    with django_capture_on_commit_callbacks(execute=True):
        from edcluster.core.tasks import deliver_outbox_message

        deliver_outbox_message.delay(message.pk)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT


def test_outbox_page_for_admin_only(world, client_for):
    mail_queue(to=["parent@example.test"], subject="Запись на консультацию", body="x")
    assert "Запись на консультацию" in client_for(world.admin).get("/outbox/").content.decode()
    assert client_for(world.coordinator_x).get("/outbox/").status_code == 403


@pytest.mark.parametrize(
    "url,expected",
    [
        ("outbox://", {"EMAIL_TRANSPORT": "outbox"}),
        (
            "smtp://user%40x:p%3Ass@mail.example:587?tls=1",
            {
                "EMAIL_HOST": "mail.example",
                "EMAIL_PORT": 587,
                "EMAIL_HOST_USER": "user@x",
                "EMAIL_HOST_PASSWORD": "p:ss",
                "EMAIL_USE_TLS": True,
            },
        ),
        ("smtps://mail.example", {"EMAIL_PORT": 465, "EMAIL_USE_SSL": True}),
    ],
)
def test_email_url(url, expected):
    config = email_config(url)
    assert {k: config[k] for k in expected} == expected


def test_email_url_unknown_scheme():
    with pytest.raises(ValueError, match="unknown scheme"):
        email_config("carrier-pigeon://")


@pytest.mark.parametrize(
    "value,expected",
    [
        ("=1+1", "'=1+1"),
        ("+7 900", "'+7 900"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Школа № 1", "Школа № 1"),
        (5, 5),
        (None, None),
    ],
)
def test_formula_cells_are_neutralised(value, expected):
    assert safe_cell(value) == expected


def test_xlsx_keeps_text_as_text():
    data = build_xlsx([("Лист", ["Имя"], [["=cmd|' /C calc'!A0"]])])
    cell = load_workbook(io.BytesIO(data)).active["A2"]
    assert cell.data_type == "s" and cell.value.startswith("'=")


@pytest.mark.parametrize(
    "text",
    [
        "registration of ivanova@school.ru failed",
        "phone +7 (912) 345-67-89 given",
        "call 89123456789 now",
    ],
)
def test_personal_data_is_masked_in_logs(text):
    assert "@school.ru" not in redact(text) and "345-67-89" not in redact(text) and "89123456789" not in redact(text)


def test_log_filter_rewrites_the_record(caplog):
    logger = logging.getLogger("edcluster.test")
    logger.addFilter(RedactPersonalDataFilter())
    with caplog.at_level(logging.INFO, logger="edcluster.test"):
        logger.info("mail to %s", "ivanova@school.ru")
    logger.filters.clear()
    assert "ivanova@school.ru" not in caplog.text and "[e-mail]" in caplog.text


def test_consents_are_versioned_and_withdrawable(world, client):
    first = services.consent_give(purpose="registry", email=" A@Example.test ", ip="10.0.0.1")
    services.consent_text_publish(actor=world.admin, purpose="registry", title="Согласие", text="Новая редакция")
    second = services.consent_give(purpose="registry", email="a@example.test", ip="10.0.0.2")
    assert (first.text.version, second.text.version) == (1, 2)
    assert first.email == "a@example.test" and first.ip == "10.0.0.1" and first.given_at
    with pytest.raises(ValidationError, match="устарела"):
        services.consent_give(purpose="registry", email="a@example.test", ip=None, version=99)
    response = client.post(f"/consent/{first.token}/")
    assert "Согласие отозвано" in response.content.decode()
    first.refresh_from_db()
    assert first.withdrawn_at is not None
    assert ConsentText.objects.filter(purpose="registry").count() == 2
    with pytest.raises(NotFound):
        services.consent_withdraw(token="nope")


def test_login_is_rate_limited_with_russian_message_and_retry_after(world, client):
    for _ in range(10):
        assert client.post("/accounts/login/", {"username": "editor_a", "password": "wrong"}).status_code == 200
    response = client.post("/accounts/login/", {"username": "editor_a", "password": "pass-12345"})
    assert response.status_code == 429
    assert "Слишком много попыток" in response.content.decode()
    assert int(response["Retry-After"]) >= 1
