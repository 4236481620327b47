"""The email's words come from settings; only the sign-in link is put in (escaped in HTML)."""

from __future__ import annotations

from carethread.services.notifications.content import notification_email
from carethread.settings import NotificationSettings


def test_email_has_the_configured_subject_and_the_sign_in_link_in_both_parts():
    # given
    settings = NotificationSettings(sign_in_url="https://app.example/sign-in")

    # when
    email = notification_email(settings)

    # then
    assert email.subject == "You have a new secure message"
    assert "https://app.example/sign-in" in email.text
    assert 'href="https://app.example/sign-in"' in email.html


def test_sign_in_link_is_escaped_in_html():
    # given
    settings = NotificationSettings(sign_in_url='https://app.example/?a=1&b="2"')

    # when
    email = notification_email(settings)

    # then
    assert "a=1&amp;b=&quot;2&quot;" in email.html
    assert 'a=1&b="2"' in email.text
