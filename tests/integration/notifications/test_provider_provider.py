"""Provider ↔ provider: email on the initial message, and on a reply unless it comes within
60 minutes of the recipient's latest message in the thread."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import T0
from tests.integration.notifications.conftest import OTHER_PROVIDER, PROVIDER


def test_initial_message_emails_the_other_provider(pipeline, provider_thread):
    # given
    pipeline.send(PROVIDER.person_id, provider_thread, "About our shared client's plan")

    # when
    pipeline.deliver()
    pipeline.fire(OTHER_PROVIDER.person_id, provider_thread)

    # then
    [email] = pipeline.emails()
    assert email.to == [OTHER_PROVIDER.email]
    assert pipeline.decisions(OTHER_PROVIDER.person_id, provider_thread) == [
        ("sent", "initial_message")
    ]


def _initial_exchange(pipeline, provider_thread):
    pipeline.send(PROVIDER.person_id, provider_thread, "About our shared client's plan")
    pipeline.deliver()
    pipeline.fire(OTHER_PROVIDER.person_id, provider_thread)
    pipeline.read(OTHER_PROVIDER.person_id, provider_thread)


def test_reply_within_sixty_minutes_does_not_email(pipeline, provider_thread):
    # given the initial message went out and was read
    _initial_exchange(pipeline, provider_thread)

    # when the other provider replies 60 minutes after it
    pipeline.clock.set(T0 + timedelta(minutes=60))
    pipeline.send(OTHER_PROVIDER.person_id, provider_thread, "Agreed, let's adjust")
    pipeline.deliver()

    # then
    assert pipeline.schedule(PROVIDER.person_id, provider_thread) is None
    assert pipeline.decisions(PROVIDER.person_id, provider_thread) == [
        ("suppressed", "quick_reply")
    ]
    assert len(pipeline.emails()) == 1


def test_reply_after_sixty_minutes_emails(pipeline, provider_thread):
    # given
    _initial_exchange(pipeline, provider_thread)

    # when the other provider replies 61 minutes after the initial message
    pipeline.clock.set(T0 + timedelta(minutes=61))
    pipeline.send(OTHER_PROVIDER.person_id, provider_thread, "Agreed, let's adjust")
    pipeline.deliver()
    pipeline.fire(PROVIDER.person_id, provider_thread)

    # then
    assert [e.to for e in pipeline.emails()] == [[OTHER_PROVIDER.email], [PROVIDER.email]]
    assert pipeline.decisions(PROVIDER.person_id, provider_thread) == [("sent", "new_message")]
