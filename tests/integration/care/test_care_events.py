import json

import boto3
import pytest
from care_events.handler import lambda_handler
from carethread.data.models import Person
from carethread.services.care_events import handle_care_event
from carethread.settings import CareEventsSettings

from tests.integration.care.helpers import status_of, stored
from tests.support.events import FakeLambdaContext
from tests.support.feed_builders import (
    appointment_body,
    appointment_upserted_event,
    at,
    client_rematched_event,
    eventbridge_event,
    person_body,
    person_upserted_event,
    rematch_body,
)


@pytest.fixture
def sqs(aws):
    return boto3.client("sqs", region_name="us-east-1")


class DeadLetterQueue:
    def __init__(self, sqs) -> None:
        self.sqs = sqs
        self.url = sqs.create_queue(QueueName="care-events-dlq")["QueueUrl"]

    def __call__(self) -> list[dict]:
        """The messages that landed in the queue."""
        received = self.sqs.receive_message(QueueUrl=self.url, MaxNumberOfMessages=10)
        return [json.loads(m["Body"]) for m in received.get("Messages", [])]


@pytest.fixture
def dead_letters(sqs) -> DeadLetterQueue:
    return DeadLetterQueue(sqs)


def deliver(event, sqs, dead_letters):
    settings = CareEventsSettings(dead_letter_queue_url=dead_letters.url)
    return handle_care_event(event, sqs_client=sqs, settings=settings)


def test_a_person_event_goes_through_the_feed(table, clock, sqs, dead_letters):
    # when
    outcome = deliver(person_upserted_event("prov-1", person_body("provider")), sqs, dead_letters)

    # then
    assert outcome["status"] == "applied"
    assert Person.get("PERSON#prov-1", "PROFILE").role == "provider"


def test_appointment_and_rematch_events_go_through_the_feed(people, sqs, dead_letters):
    # given
    visit = appointment_body(starts_at=at(-10), status="completed")
    deliver(appointment_upserted_event("a1", visit), sqs, dead_letters)

    # when
    outcome = deliver(client_rematched_event(rematch_body()), sqs, dead_letters)

    # then
    assert outcome["status"] == "applied"
    assert status_of("prov-1") == ("current", "rematched_grace")
    assert dead_letters() == []


def test_a_replayed_event_is_harmless(people, sqs, dead_letters):
    # given
    event = appointment_upserted_event("a1", appointment_body(starts_at=at(7)))
    deliver(event, sqs, dead_letters)
    version = stored().version

    # when
    outcome = deliver(event, sqs, dead_letters)

    # then
    assert outcome["status"] == "applied"
    assert (len(stored().appointments), stored().version) == (1, version)


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        ({"detail": {"person_id": "p"}}, "invalid_envelope"),
        (eventbridge_event("PersonDeleted", {"person_id": "prov-1"}), "unknown_detail_type"),
        (
            appointment_upserted_event("a1", {**appointment_body(), "starts_at": "tomorrow"}),
            "invalid_detail",
        ),
        (appointment_upserted_event("a1", appointment_body("prov-404")), "invalid_request"),
        (
            client_rematched_event(
                rematch_body(from_provider_id="prov-2", to_provider_id="prov-1")
            ),
            "not_found",
        ),
    ],
    ids=["envelope", "detail-type", "detail", "unknown-person", "no-relationship"],
)
def test_an_event_that_cannot_be_applied_goes_to_the_dead_letter_queue(
    people, sqs, dead_letters, event, reason
):
    # when
    outcome = deliver(event, sqs, dead_letters)

    # then
    assert (outcome["status"], outcome["reason"]) == ("rejected", reason)
    (letter,) = dead_letters()
    assert (letter["reason"], letter["event"]) == (reason, event)


def test_a_dead_letter_names_the_failing_field(people, sqs, dead_letters):
    # given
    event = appointment_upserted_event("a1", {**appointment_body(), "status": "maybe"})

    # when
    deliver(event, sqs, dead_letters)

    # then
    (letter,) = dead_letters()
    assert [f["field"] for f in letter["fields"]] == ["status"]


def test_a_rejected_event_is_logged_without_phi(table, clock, sqs, dead_letters, caplog):
    # given: a person event with a name and an email but a bad time zone
    body = person_body(display_name="Jordan Quill", email="jq@example.com", timezone="Nowhere/X")

    # when
    deliver(person_upserted_event("client-7", body), sqs, dead_letters)

    # then
    logged = " ".join(str(vars(record)) for record in caplog.records)
    assert "care event rejected" in logged
    assert "invalid_detail" in logged  # the structured fields are part of what is checked
    assert "Jordan" not in logged
    assert "jq@example.com" not in logged


def test_without_a_dead_letter_queue_a_rejected_event_is_dropped_not_raised(table, clock):
    # when
    outcome = handle_care_event({"id": "e1"}, settings=CareEventsSettings())

    # then
    assert outcome["status"] == "rejected"


def test_the_handler_applies_one_event_per_invocation(table, clock):
    # when
    response = lambda_handler(
        person_upserted_event("client-5", person_body("client")), FakeLambdaContext()
    )

    # then
    assert response["status"] == "applied"
    assert Person.get("PERSON#client-5", "PROFILE").role == "client"
