from edcluster.core.models import OutboxAttachment
from edcluster.core.privacy import subject_token
from edcluster.core.services import consent_give
from tests.permissions import ADMIN, EVERYONE, SIGNED_IN, Case


def outbox_message(w):
    from edcluster.core.mail import Attachment, mail_queue

    return mail_queue(
        to=["someone@example.test"],
        subject="Тема",
        body="Текст",
        attachments=[Attachment("a.ics", b"BEGIN:VCALENDAR", "text/calendar")],
    )


def consent_token(w):
    return consent_give(purpose="registry", email="a@example.test", ip="127.0.0.1").token


CASES = [
    Case("core:healthz", "GET", lambda w: "/healthz", EVERYONE),
    Case("core:outbox", "GET", lambda w: "/outbox/", ADMIN),
    Case("core:outbox_detail", "GET", lambda w: f"/outbox/{outbox_message(w).pk}/", ADMIN),
    Case(
        "core:outbox_attachment",
        "GET",
        lambda w: f"/outbox/attachment/{OutboxAttachment.objects.filter(message=outbox_message(w)).get().pk}/",
        ADMIN,
    ),
    # Withdrawal needs only the secret link (it is sent to the person's e-mail).
    Case("core:consent_withdraw", "GET", lambda w: f"/consent/{consent_token(w)}/", EVERYONE),
    Case("core:consent_withdraw", "POST", lambda w: f"/consent/{consent_token(w)}/", EVERYONE),
    # Personal data: administrators find, download and erase anyone's; a person reaches their
    # own by the signed link mailed to them (asking for it is open to everyone).
    Case("core:privacy_admin", "GET", lambda w: "/privacy/", ADMIN),
    Case(
        "core:privacy_admin",
        "POST",
        lambda w: "/privacy/",
        ADMIN,
        data=lambda w: {"email": "a@example.test", "action": "show"},
    ),
    Case("core:privacy_request", "GET", lambda w: "/privacy/my/", EVERYONE),
    Case(
        "core:privacy_request", "POST", lambda w: "/privacy/my/", EVERYONE, data=lambda w: {"email": "a@example.test"}
    ),
    Case("core:privacy_subject", "GET", lambda w: f"/privacy/my/{subject_token('a@example.test')}/", EVERYONE),
    # Signing in and resetting a password are for everyone; a reset link with a wrong token
    # shows "Ссылка недействительна", never someone's form.
    Case("login", "GET", lambda w: "/accounts/login/", EVERYONE),
    Case("logout", "POST", lambda w: "/accounts/logout/", EVERYONE),
    Case("password_reset", "GET", lambda w: "/accounts/password_reset/", EVERYONE),
    Case("password_reset_done", "GET", lambda w: "/accounts/password_reset/done/", EVERYONE),
    Case("password_reset_confirm", "GET", lambda w: "/accounts/reset/MQ/wrong-token/", EVERYONE),
    Case("password_reset_complete", "GET", lambda w: "/accounts/reset/done/", EVERYONE),
    Case("web:home", "GET", lambda w: "/", EVERYONE),
    Case("web:about", "GET", lambda w: "/about/", EVERYONE),
    Case("api:tokens", "GET", lambda w: "/profile/tokens/", SIGNED_IN),
    Case("api:tokens", "POST", lambda w: "/profile/tokens/", SIGNED_IN, data=lambda w: {"name": "t", "scope": "read"}),
    Case("api:token_revoke", "POST", lambda w: f"/profile/tokens/{own_token(w)}/revoke/", frozenset({"editor_a"})),
]


def own_token(w):
    from edcluster.api.services import token_create

    return token_create(actor=w.editor_a, name="свой")[0].pk
