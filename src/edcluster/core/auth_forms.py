"""Password reset through the outbox (so that the link is never lost when SMTP is down)."""

from __future__ import annotations

from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from edcluster.core.mail import mail_queue


class OutboxPasswordResetForm(PasswordResetForm):
    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        mail_queue(to=[to_email], subject=subject, body=body, topic="password_reset")
