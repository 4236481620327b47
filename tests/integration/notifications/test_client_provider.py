"""Client ↔ provider: an email unless the message replies within 5 minutes (both ways)."""

from __future__ import annotations

from tests.integration.notifications.conftest import CLIENT, PROVIDER


def test_client_message_emails_the_provider(pipeline, client_thread):
    # given
    pipeline.send(CLIENT.person_id, client_thread, "I have a question about Tuesday")

    # when
    pipeline.deliver()
    pipeline.fire(PROVIDER.person_id, client_thread)

    # then
    [email] = pipeline.emails()
    assert email.to == [PROVIDER.email]
    assert pipeline.decisions(PROVIDER.person_id, client_thread) == [("sent", "new_message")]


def test_client_reply_within_five_minutes_does_not_email_the_provider(pipeline, client_thread):
    # given the provider wrote, and the client read it
    pipeline.send(PROVIDER.person_id, client_thread, "How are you feeling today?")
    pipeline.deliver()
    pipeline.clock.advance(minutes=1)
    pipeline.read(CLIENT.person_id, client_thread)

    # when the client replies 5 minutes after the provider's message
    pipeline.clock.advance(minutes=4)
    pipeline.send(CLIENT.person_id, client_thread, "Better, thanks")
    pipeline.deliver()

    # then
    assert pipeline.schedule(PROVIDER.person_id, client_thread) is None
    assert pipeline.decisions(PROVIDER.person_id, client_thread) == [("suppressed", "quick_reply")]


def test_client_reply_after_five_minutes_emails_the_provider(pipeline, client_thread):
    # given
    pipeline.send(PROVIDER.person_id, client_thread, "How are you feeling today?")
    pipeline.deliver()
    pipeline.read(CLIENT.person_id, client_thread)

    # when the client replies 5:01 after the provider's message
    pipeline.clock.advance(minutes=5, seconds=1)
    pipeline.send(CLIENT.person_id, client_thread, "Better, thanks")
    pipeline.deliver()
    pipeline.fire(PROVIDER.person_id, client_thread)

    # then
    assert [e.to for e in pipeline.emails()] == [[PROVIDER.email]]
    assert pipeline.decisions(PROVIDER.person_id, client_thread) == [("sent", "new_message")]


def test_provider_message_emails_the_client(pipeline, client_thread):
    # given
    pipeline.send(PROVIDER.person_id, client_thread, "Your homework for this week")

    # when
    pipeline.deliver()
    pipeline.fire(CLIENT.person_id, client_thread)

    # then
    [email] = pipeline.emails()
    assert email.to == [CLIENT.email]
    assert pipeline.decisions(CLIENT.person_id, client_thread) == [("sent", "new_message")]


def test_provider_reply_within_five_minutes_does_not_email_the_client(pipeline, client_thread):
    # given the client wrote, and the provider read it
    pipeline.send(CLIENT.person_id, client_thread, "Can we move Tuesday?")
    pipeline.deliver()
    pipeline.read(PROVIDER.person_id, client_thread)

    # when the provider replies 3 minutes later
    pipeline.clock.advance(minutes=3)
    pipeline.send(PROVIDER.person_id, client_thread, "Yes, Wednesday works")
    pipeline.deliver()

    # then
    assert pipeline.schedule(CLIENT.person_id, client_thread) is None
    assert pipeline.decisions(CLIENT.person_id, client_thread) == [("suppressed", "quick_reply")]


def test_provider_reply_after_five_minutes_emails_the_client(pipeline, client_thread):
    # given
    pipeline.send(CLIENT.person_id, client_thread, "Can we move Tuesday?")
    pipeline.deliver()
    pipeline.read(PROVIDER.person_id, client_thread)

    # when the provider replies 20 minutes later
    pipeline.clock.advance(minutes=20)
    pipeline.send(PROVIDER.person_id, client_thread, "Yes, Wednesday works")
    pipeline.deliver()
    pipeline.fire(CLIENT.person_id, client_thread)

    # then
    assert [e.to for e in pipeline.emails()] == [[CLIENT.email]]
