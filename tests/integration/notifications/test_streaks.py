"""At most one email per thread per unread streak; reading starts a new streak; a schedule
that fires after the recipient has read everything sends nothing."""

from __future__ import annotations

from tests.integration.notifications.conftest import CLIENT, PROVIDER


def test_a_second_message_before_the_schedule_fires_coalesces(pipeline, client_thread):
    # given
    pipeline.send(CLIENT.person_id, client_thread, "First thought")
    pipeline.deliver()

    # when a second message arrives while the first one's schedule is pending
    pipeline.clock.advance(minutes=30)
    pipeline.send(CLIENT.person_id, client_thread, "Second thought")
    pipeline.deliver()
    pipeline.fire(PROVIDER.person_id, client_thread)

    # then one schedule, one email, and the second message's record says why
    assert len(pipeline.emails()) == 1
    assert pipeline.decisions(PROVIDER.person_id, client_thread) == [
        ("sent", "new_message"),
        ("suppressed", "coalesced"),
    ]


def test_messages_after_the_email_wait_for_a_read(pipeline, client_thread):
    # given an email went out for the streak
    pipeline.send(CLIENT.person_id, client_thread, "First thought")
    pipeline.deliver()
    pipeline.fire(PROVIDER.person_id, client_thread)

    # when the client writes again before the provider reads
    pipeline.clock.advance(minutes=30)
    pipeline.send(CLIENT.person_id, client_thread, "Second thought")
    pipeline.deliver()

    # then
    assert pipeline.schedule(PROVIDER.person_id, client_thread) is None
    assert len(pipeline.emails()) == 1
    assert pipeline.decisions(PROVIDER.person_id, client_thread)[-1] == (
        "suppressed",
        "already_notified",
    )


def test_reading_starts_a_new_streak(pipeline, client_thread):
    # given an email went out, then the provider read the thread
    pipeline.send(CLIENT.person_id, client_thread, "First thought")
    pipeline.deliver()
    pipeline.fire(PROVIDER.person_id, client_thread)
    pipeline.read(PROVIDER.person_id, client_thread)

    # when the client writes again
    pipeline.clock.advance(minutes=30)
    pipeline.send(CLIENT.person_id, client_thread, "Another thought")
    pipeline.deliver()
    pipeline.fire(PROVIDER.person_id, client_thread)

    # then
    assert [e.to for e in pipeline.emails()] == [[PROVIDER.email], [PROVIDER.email]]


def test_message_read_before_the_schedule_fires_sends_nothing(pipeline, client_thread):
    # given
    pipeline.send(CLIENT.person_id, client_thread, "Quick note")
    pipeline.deliver()

    # when the provider reads it before the delay has passed
    pipeline.clock.advance(minutes=1)
    pipeline.read(PROVIDER.person_id, client_thread)
    pipeline.fire(PROVIDER.person_id, client_thread)

    # then
    assert pipeline.emails() == []
    assert pipeline.decisions(PROVIDER.person_id, client_thread) == [("suppressed", "already_read")]


def test_a_schedule_for_a_read_message_still_emails_for_newer_unread_ones(pipeline, client_thread):
    # given the first message was read, and a second one coalesced into its schedule
    pipeline.send(CLIENT.person_id, client_thread, "First thought")
    pipeline.deliver()
    pipeline.read(PROVIDER.person_id, client_thread)
    pipeline.clock.advance(seconds=30)
    pipeline.send(CLIENT.person_id, client_thread, "Second thought")
    pipeline.deliver()

    # when the schedule (carrying the first message's id) fires
    pipeline.fire(PROVIDER.person_id, client_thread)

    # then the unread second message is what the email is about
    assert [e.to for e in pipeline.emails()] == [[PROVIDER.email]]
    assert pipeline.decisions(PROVIDER.person_id, client_thread) == [
        ("sent", "new_message"),
        ("suppressed", "coalesced"),
    ]


def test_a_record_that_arrives_after_the_email_cannot_send_a_second_one(pipeline, client_thread):
    # given a second message was sent before the email, but its record arrives after it
    pipeline.send(CLIENT.person_id, client_thread, "First thought")
    pipeline.deliver()
    pipeline.send(CLIENT.person_id, client_thread, "Second thought")
    pipeline.fire(PROVIDER.person_id, client_thread)

    # when the late record schedules anew and that schedule fires
    pipeline.deliver()
    outcome = pipeline.fire(PROVIDER.person_id, client_thread)

    # then the sender's claim refuses: one email for the streak
    assert outcome == {"status": "suppressed", "reason": "already_notified"}
    assert len(pipeline.emails()) == 1
    assert pipeline.decisions(PROVIDER.person_id, client_thread) == [
        ("sent", "new_message"),
        ("suppressed", "already_notified"),
    ]
