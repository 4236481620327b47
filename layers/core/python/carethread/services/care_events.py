"""Platform events (EventBridge → care-events Lambda, one event per invocation) applied
through the same feed service as the HTTP endpoints.

An event that cannot be applied — a broken envelope, an unknown `detail-type`, an invalid
`detail`, or a domain refusal such as an unknown person — is not raised (EventBridge's async
invocation would retry it to no end): it is logged with its reason and ids only, and sent with
the reason to the dead-letter queue, where it can be inspected and redriven. Infrastructure
errors do raise, so the invocation is retried; every operation is idempotent, so a replay or
retry is harmless.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import EventBridgeModel
from pydantic import BaseModel, ValidationError

from carethread.clock import get_clock
from carethread.contracts.feed import (
    AppointmentUpsert,
    AppointmentUpsertedDetail,
    ClientRematchedDetail,
    PersonUpsert,
    PersonUpsertedDetail,
)
from carethread.domain.errors import DomainError, InvalidRequest
from carethread.observability import logger, metrics
from carethread.services import feed
from carethread.settings import CareEventsSettings, care_events_settings, core_settings

Apply = Callable[[Any, str, datetime], object]


def _person(detail: PersonUpsertedDetail, actor_id: str, now: datetime) -> object:
    body = PersonUpsert.model_validate(detail.model_dump(exclude={"person_id"}))
    return feed.upsert_person(detail.person_id, body, actor_id=actor_id, now=now)


def _appointment(detail: AppointmentUpsertedDetail, actor_id: str, now: datetime) -> object:
    body = AppointmentUpsert.model_validate(detail.model_dump(exclude={"appointment_id"}))
    return feed.upsert_appointment(detail.appointment_id, body, actor_id=actor_id, now=now)


def _rematch(detail: ClientRematchedDetail, actor_id: str, now: datetime) -> object:
    return feed.rematch(detail, actor_id=actor_id, now=now)


HANDLERS: dict[str, tuple[type[BaseModel], Apply]] = {
    "PersonUpserted": (PersonUpsertedDetail, _person),
    "AppointmentUpserted": (AppointmentUpsertedDetail, _appointment),
    "ClientRematched": (ClientRematchedDetail, _rematch),
}


class Rejected(Exception):
    def __init__(self, reason: str, fields: list[dict[str, str]] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.fields = fields or []


def handle_care_event(
    event: dict[str, Any],
    *,
    sqs_client: Any = None,
    settings: CareEventsSettings | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Apply one platform event; `{"status": "applied"|"rejected", ...}`, never raises for bad
    input. `sqs_client` defaults to a boto3 SQS client (tests pass a moto-backed one)."""
    event_id = event.get("id") if isinstance(event, dict) else None
    try:
        detail_type = _apply(event, now or get_clock().now())
    except Rejected as rejection:
        metrics.add_metric(name="CareEventsRejected", unit=MetricUnit.Count, value=1)
        _dead_letter(event, rejection, sqs_client, settings or care_events_settings())
        return {"status": "rejected", "event_id": event_id, "reason": rejection.reason}
    metrics.add_metric(name="CareEventsApplied", unit=MetricUnit.Count, value=1)
    logger.info("care event applied", event_id=event_id, detail_type=detail_type)
    return {"status": "applied", "event_id": event_id}


def _apply(event: dict[str, Any], now: datetime) -> str:
    try:
        envelope = parse(event=event, model=EventBridgeModel)
    except ValidationError as error:
        raise Rejected("invalid_envelope", _field_errors(error)) from error
    if envelope.detail_type not in HANDLERS:
        raise Rejected("unknown_detail_type")
    model, apply = HANDLERS[envelope.detail_type]
    try:
        detail = model.model_validate(envelope.detail)
    except ValidationError as error:
        raise Rejected("invalid_detail", _field_errors(error)) from error
    try:
        apply(detail, envelope.source, now)
    except DomainError as error:
        fields = error.fields if isinstance(error, InvalidRequest) else []
        raise Rejected(error.code, fields) from error
    return envelope.detail_type


def _field_errors(error: ValidationError) -> list[dict[str, str]]:
    # pydantic's messages name the rule, not the input, so they carry no PHI.
    return [
        {"field": ".".join(str(part) for part in e["loc"]) or "detail", "message": e["msg"]}
        for e in error.errors(include_input=False, include_url=False)
    ]


def _dead_letter(
    event: Any, rejection: Rejected, sqs_client: Any, settings: CareEventsSettings
) -> None:
    event_id = event.get("id") if isinstance(event, dict) else None
    detail_type = event.get("detail-type") if isinstance(event, dict) else None
    logger.warning(
        "care event rejected",
        event_id=event_id,
        detail_type=detail_type if detail_type in HANDLERS else None,
        reason=rejection.reason,
        fields=[f["field"] for f in rejection.fields],
    )
    if settings.dead_letter_queue_url is None:
        logger.error("care event dropped: no dead-letter queue configured", event_id=event_id)
        return
    client = sqs_client or _default_sqs_client()
    message = {"reason": rejection.reason, "fields": rejection.fields, "event": event}
    client.send_message(
        QueueUrl=settings.dead_letter_queue_url, MessageBody=json.dumps(message, default=str)
    )


def _default_sqs_client() -> Any:
    import boto3  # late: only a rejected event needs SQS, so boto3 stays off the cold start

    return boto3.client("sqs", region_name=core_settings().region)
