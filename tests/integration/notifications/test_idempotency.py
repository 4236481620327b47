"""Replays and retries never send twice: replayed stream batches, duplicate schedule
invocations, and an SES failure followed by the retry."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from tests.integration.notifications.conftest import CLIENT, PROVIDER
from tests.integration.notifications.pipeline import Pipeline


def test_replayed_batches_and_repeated_firing_send_one_email(pipeline, client_thread):
    # given
    pipeline.send(CLIENT.person_id, client_thread, "Hello there")

    # when the same batch is delivered three times and the schedule fires three times
    pipeline.deliver()
    pipeline.deliver(pipeline.last_event)
    pipeline.deliver(pipeline.last_event)
    outcomes = [
        pipeline.fire(PROVIDER.person_id, client_thread, delete=False)["status"] for _ in range(3)
    ]

    # then
    assert len(pipeline.schedules()) == 1
    assert outcomes == ["sent", "duplicate", "duplicate"]
    assert len(pipeline.emails()) == 1
    assert pipeline.decisions(PROVIDER.person_id, client_thread) == [("sent", "new_message")]


def test_a_batch_replayed_after_the_email_schedules_nothing_new(pipeline, client_thread):
    # given the email went out and its schedule deleted itself
    pipeline.send(CLIENT.person_id, client_thread, "Hello there")
    pipeline.deliver()
    pipeline.fire(PROVIDER.person_id, client_thread)

    # when the stream hands the same batch over again
    pipeline.deliver(pipeline.last_event)

    # then
    assert pipeline.schedules() == []
    assert len(pipeline.emails()) == 1


def test_ses_failure_then_retry_sends_one_email(table, clock, people, client_thread):
    # given SES refuses (the sender identity is not verified yet)
    pipeline = Pipeline(table, clock, verified=False)
    pipeline.send(CLIENT.person_id, client_thread, "Hello there")
    pipeline.deliver()
    with pytest.raises(ClientError):
        pipeline.fire(PROVIDER.person_id, client_thread, delete=False)
    assert pipeline.decisions(PROVIDER.person_id, client_thread) == [("scheduled", "new_message")]

    # when SES accepts again and Scheduler retries the same invocation
    pipeline.verify_sender()
    pipeline.fire(PROVIDER.person_id, client_thread)

    # then
    assert [e.to for e in pipeline.emails()] == [[PROVIDER.email]]
    assert pipeline.decisions(PROVIDER.person_id, client_thread) == [("sent", "new_message")]
