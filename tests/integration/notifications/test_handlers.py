"""Handler edges: partial batch responses, records that are not message inserts, a recipient
without an address, a payload with no recorded decision."""

from __future__ import annotations

import copy

from carethread.data import keys
from carethread.data.models import Person

from tests.integration.notifications.conftest import CLIENT, PROVIDER
from tests.support.events import FakeLambdaContext


def _damaged(record: dict) -> dict:
    """The same message record with an unreadable timestamp and its own sequence number."""
    bad = copy.deepcopy(record)
    bad["dynamodb"]["NewImage"]["sent_at"] = {"S": "not a time"}
    bad["dynamodb"]["SequenceNumber"] = "1"
    return bad


def test_one_bad_record_is_reported_alone_and_the_others_are_decided(pipeline, client_thread):
    # given a batch of a damaged record followed by a good one
    from notifier.handler import lambda_handler

    pipeline.send(CLIENT.person_id, client_thread, "Hello there")
    [good] = pipeline.stream.next_event()["Records"]
    event = {"Records": [_damaged(good), good]}

    # when
    response = lambda_handler(event, FakeLambdaContext())

    # then
    assert response == {"batchItemFailures": [{"itemIdentifier": "1"}]}
    assert pipeline.schedule(PROVIDER.person_id, client_thread) is not None


def test_records_that_are_not_message_inserts_are_skipped(pipeline, client_thread):
    # given an unfiltered feed (as a local pump might hand over)
    from notifier.handler import lambda_handler

    pipeline.send(CLIENT.person_id, client_thread, "Hello there")
    event = pipeline.stream.next_event(filtered=False)
    non_messages = [
        r for r in event["Records"] if r["dynamodb"]["NewImage"]["entity"]["S"] != "message"
    ]

    # when
    response = lambda_handler({"Records": non_messages}, FakeLambdaContext())

    # then
    assert non_messages
    assert response == {"batchItemFailures": []}
    assert pipeline.schedules() == []


def test_recipient_without_an_email_address_is_recorded_as_no_email(pipeline, client_thread):
    # given
    Person.get(keys.person_pk(PROVIDER.person_id), keys.PROFILE).update(
        actions=[Person.email.remove()]
    )
    pipeline.send(CLIENT.person_id, client_thread, "Hello there")
    pipeline.deliver()

    # when
    outcome = pipeline.fire(PROVIDER.person_id, client_thread)

    # then
    assert outcome == {"status": "suppressed", "reason": "no_email"}
    assert pipeline.emails() == []
    assert pipeline.decisions(PROVIDER.person_id, client_thread) == [("suppressed", "no_email")]


def test_a_payload_without_a_recorded_decision_sends_nothing(pipeline, client_thread):
    # given
    from sender.handler import lambda_handler

    payload = {"recipient_id": PROVIDER.person_id, "thread_id": client_thread, "message_id": "01X"}

    # when
    outcome = lambda_handler(payload, FakeLambdaContext())

    # then
    assert outcome == {"status": "unknown", "reason": None}
    assert pipeline.emails() == []
