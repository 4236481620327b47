"""The notification email: the same fixed words for everyone, from settings — never PHI.

It names no person, no client, no practice and quotes no message: only that a secure
message is waiting, and where to sign in.
"""

from __future__ import annotations

import html

from carethread.adapters.email import EmailContent
from carethread.settings import NotificationSettings


def notification_email(settings: NotificationSettings) -> EmailContent:
    """Subject, plain text and HTML of the notification email."""
    return EmailContent(
        subject=settings.email_subject,
        text=settings.email_text.format(sign_in_url=settings.sign_in_url),
        html=settings.email_html.format(sign_in_url=html.escape(settings.sign_in_url)),
    )
