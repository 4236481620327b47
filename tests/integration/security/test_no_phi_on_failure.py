"""When something breaks, the request body, names and addresses stay out of the logs and out of
the exception handed to the Lambda runtime (which prints its message and stack)."""

from __future__ import annotations

import json
import traceback

import boto3
import pytest
from botocore.exceptions import ClientError
from botocore.stub import Stubber
from carethread.contracts.notifications import SchedulePayload
from carethread.services.notifications.sender import send_notification

from tests.integration.notifications.pipeline import Pipeline
from tests.integration.security.output_capture import Emitted, emitted, leaks
from tests.support.api_builders import call, seed_care, seed_person, send, start_thread
from tests.support.events import FakeLambdaContext

__all__ = ["emitted"]  # the fixture, re-exported for pytest

SECRET_TEXT = "the overdose was not an accident"
ADDRESS = "wilhelmina.okafor@patients.example"


def runtime_report(error: BaseException) -> str:
    """What the Lambda runtime logs for an unhandled exception: message and stack."""
    return "".join(traceback.format_exception(error))


def test_a_bug_inside_a_route_logs_neither_the_body_nor_the_error_text(
    table, clock, emitted: Emitted, monkeypatch
):
    # given a service that fails with a message quoting its input (as pydantic errors do)
    import api.routers.messages as messages_router

    def broken(**kwargs):
        raise ValueError(f"cannot store body={kwargs['body']!r}")

    monkeypatch.setattr(messages_router, "send_message", broken)
    seed_care("p1", "c1")
    thread_id = start_thread("p1", "provider", client_id="c1")

    # when
    answer = send(thread_id, "c1", "client", SECRET_TEXT)

    # then
    text = emitted.text()
    assert answer.status == 500
    assert "unhandled error" in text and "ValueError" in text
    assert not leaks(text + json.dumps(answer.json), {SECRET_TEXT, "overdose"})


def test_an_unreadable_message_record_fails_alone_without_quoting_the_image(
    table, clock, emitted: Emitted
):
    # given a message insert whose image does not fit the model (sent_at is not a time)
    from notifier.handler import lambda_handler

    image = {
        "pk": {"S": "THREAD#t_1"},
        "sk": {"S": "MSG#01JZZZZZZZZZZZZZZZZZZZZZZZ"},
        "entity": {"S": "message"},
        "body": {"S": SECRET_TEXT},
        "sent_at": {"S": ADDRESS},
    }
    record = {
        "eventID": "1",
        "eventName": "INSERT",
        "eventSource": "aws:dynamodb",
        "eventSourceARN": "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/x",
        "dynamodb": {"NewImage": image, "SequenceNumber": "1", "StreamViewType": "NEW_IMAGE"},
    }

    # when the whole batch (one record) fails, the processor raises to the runtime
    with pytest.raises(Exception) as failed:
        lambda_handler({"Records": [record]}, FakeLambdaContext())  # type: ignore[arg-type]

    # then
    text = emitted.text() + runtime_report(failed.value)
    assert not leaks(text, {SECRET_TEXT, "overdose", ADDRESS})


def test_an_ses_refusal_quoting_the_recipient_never_reaches_logs_or_the_runtime(
    table, clock, emitted: Emitted
):
    # given a scheduled notification for a client whose address SES will quote back
    seed_person("c1", "client", email=ADDRESS)
    seed_care("p1", "c1")
    pipeline = Pipeline(table, clock)
    thread_id = start_thread("p1", "provider", client_id="c1")
    pipeline.send("p1", thread_id, "see you soon")
    pipeline.deliver()
    schedule = pipeline.schedule("c1", thread_id)
    assert schedule is not None
    payload = SchedulePayload.model_validate_json(schedule["Target"]["Input"])
    # moto cannot produce SES's sandbox refusal, so botocore's own Stubber answers with it
    ses = boto3.client("sesv2", region_name="us-east-1")
    stubber = Stubber(ses)
    stubber.add_client_error(
        "send_email",
        service_error_code="MessageRejected",
        service_message="Email address is not verified. The following identities failed "
        f"the check in region US-EAST-1: {ADDRESS}",
        http_status_code=400,
    )

    # when
    with stubber, pytest.raises(ClientError) as failed:
        send_notification(payload, email_client=ses, now=clock.now())

    # then it is still SES's error (the schedule retries it), minus the address
    assert failed.value.response["Error"]["Code"] == "MessageRejected"
    assert not leaks(emitted.text() + runtime_report(failed.value), {ADDRESS, "wilhelmina"})


def test_a_failed_api_call_for_an_unknown_caller_is_not_logged_with_its_body(
    table, clock, emitted: Emitted
):
    # when someone the platform never sent posts text
    answer = call(
        "POST",
        "/v1/threads/t_x/messages",
        "ghost",
        "client",
        {"body": SECRET_TEXT},
        {"Idempotency-Key": "k"},
    )

    # then
    assert answer.status == 403
    assert not leaks(emitted.text(), {SECRET_TEXT})
