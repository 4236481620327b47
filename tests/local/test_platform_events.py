"""Platform events through POST /_local/events, and the hourly sweep the clock sets off:
what the deployed EventBridge rules do, in the local runtime."""

from __future__ import annotations

import itertools
import json
from datetime import datetime, timedelta
from typing import Any

from carethread.data import keys

from tests.local.practice import feed_person

_pairs = itertools.count(1)


def _new_pair(client) -> tuple[str, str]:
    number = next(_pairs)
    provider_id, client_id = f"dr-event-{number}", f"client-event-{number}"
    feed_person(client, provider_id, "provider")
    feed_person(client, client_id, "client")
    return provider_id, client_id


def _now(client) -> datetime:
    return datetime.fromisoformat(client.call("GET", "/_local/clock").json["now"])


def _visit_event(provider_id: str, client_id: str, starts_at: datetime) -> dict[str, Any]:
    detail = {
        "appointment_id": f"visit-{provider_id}-{client_id}",
        "provider_id": provider_id,
        "client_id": client_id,
        "starts_at": starts_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "status": "completed",
    }
    return {"detail-type": "AppointmentUpserted", "detail": detail}


def _roster(client, provider_id: str) -> dict[str, str]:
    token = client.token(provider_id, "provider")
    reply = client.call("GET", "/v1/clients?status=all", token=token)
    assert reply.status == 200, reply
    return {item["client_id"]: item["status"] for item in reply.json["items"]}


def _cached_status(runtime, provider_id: str, client_id: str) -> str:
    key = {"pk": {"S": keys.provider_pk(provider_id)}, "sk": {"S": keys.client_sk(client_id)}}
    dynamodb = runtime.session.client("dynamodb")
    item = dynamodb.get_item(TableName=runtime.resources.table_name, Key=key)["Item"]
    return str(item["status"]["S"])


def _dead_letters(runtime) -> list[dict[str, Any]]:
    sqs = runtime.session.client("sqs")
    reply = sqs.receive_message(QueueUrl=runtime.dead_letter_queue_url, MaxNumberOfMessages=10)
    return [json.loads(message["Body"]) for message in reply.get("Messages", [])]


def test_an_appointment_event_makes_the_client_current_for_the_provider(client):
    # given
    provider_id, client_id = _new_pair(client)
    assert client_id not in _roster(client, provider_id)

    # when
    event = _visit_event(provider_id, client_id, _now(client) - timedelta(days=10))
    reply = client.call("POST", "/_local/events", body=event)

    # then
    assert reply.status == 202
    assert reply.json["accepted"] is True
    assert reply.json["status"] == "applied"
    assert _roster(client, provider_id)[client_id] == "current"


def test_an_invalid_event_is_answered_and_lands_in_the_dead_letter_queue(client, runtime):
    # given: an appointment without its provider
    provider_id, client_id = _new_pair(client)
    event = _visit_event(provider_id, client_id, _now(client))
    del event["detail"]["provider_id"]

    # when
    reply = client.call("POST", "/_local/events", body=event)

    # then
    assert reply.status == 202
    assert reply.json["status"] == "rejected"
    assert reply.json["reason"] == "invalid_detail"
    [dead] = [d for d in _dead_letters(runtime) if d["event"]["id"] == reply.json["event_id"]]
    assert dead["reason"] == "invalid_detail"
    assert dead["event"]["source"] == "carethread.platform"


def test_a_body_without_an_object_detail_is_refused(client):
    # when
    reply = client.call("POST", "/_local/events", body={"detail-type": "PersonUpserted"})

    # then
    assert reply.status == 400
    assert reply.headers["content-type"] == "application/problem+json"
    assert reply.json["code"] == "invalid_request"


def test_moving_the_clock_past_ninety_days_after_a_visit_sweeps_on_the_hour(client, runtime):
    # given: a visit 10 days ago, cached as current
    provider_id, client_id = _new_pair(client)
    event = _visit_event(provider_id, client_id, _now(client) - timedelta(days=10))
    assert client.call("POST", "/_local/events", body=event).status == 202
    assert _cached_status(runtime, provider_id, client_id) == "current"

    # when: 81 days and an hour later, so at least one hour boundary is crossed
    client.advance((81 * 24 + 1) * 3600)

    # then: the hourly sweep already ran, so nothing is left for a manual one
    assert _cached_status(runtime, provider_id, client_id) == "past"
    assert client.call("POST", "/_local/sweep").json["examined"] == 0
