"""The notifier: for each new message, decide whether its recipient gets an email and, if
so, put one one-time schedule per recipient and thread in front of the sender.

Decisions come from the facts stamped on the message at send time (no extra reads to
decide). Replays are harmless: the decision is recorded once per message, and the schedule
name is deterministic per recipient and thread, so a second message in the same streak (or a
replayed record) coalesces into the pending schedule.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any, Literal

from aws_lambda_powertools.metrics import MetricUnit

from carethread.adapters import scheduler
from carethread.clock import get_clock
from carethread.contracts.notifications import SchedulePayload
from carethread.data.models import Message
from carethread.data.stream_filter import matches
from carethread.domain.notification_policy import (
    MessageFacts,
    NotificationDecision,
    decide_notification,
    windows_from_settings,
)
from carethread.observability import logger, metrics
from carethread.services.notifications import records
from carethread.settings import NotificationSettings, notification_settings

Outcome = Literal["skipped", "suppressed", "scheduled", "coalesced", "replayed"]

# Never ask Scheduler for a time it may treat as past (stream lag, replays).
MIN_LEAD = timedelta(minutes=1)
_DIRECTIONS = {"client_to_provider", "provider_to_client", "provider_to_provider"}


def schedule_name(recipient_id: str, thread_id: str) -> str:
    """One name per recipient and thread; hashed, so the name carries nothing readable."""
    digest = hashlib.sha256(f"{recipient_id}|{thread_id}".encode()).hexdigest()
    return "notify-" + digest[:40]


def message_facts(message: Message) -> MessageFacts | None:
    """The policy's input from a stored message; None for a direction with no policy."""
    direction = f"{message.sender_role}_to_{message.recipient_role}"
    if direction not in _DIRECTIONS:
        return None
    return MessageFacts(
        direction=direction,  # type: ignore[arg-type]  # checked against _DIRECTIONS above
        sent_at=message.sent_at,
        is_first_message=bool(message.is_first_message),
        recipient_last_sent_at=message.recipient_last_sent_at,
        recipient_notified_in_streak=bool(message.recipient_notified_in_streak),
    )


def notify_for_record(
    record: dict[str, Any],
    *,
    settings: NotificationSettings | None = None,
    scheduler_client: Any = None,
    now: datetime | None = None,
) -> Outcome:
    """Handle one DynamoDB stream record (Lambda shape); anything but a message insert is
    skipped, so an unfiltered feed (the local runtime) is safe too."""
    if not matches(record):
        metrics.add_metric(name="NotificationSkipped", unit=MetricUnit.Count, value=1)
        return "skipped"
    try:
        message = Message.from_raw_data(record["dynamodb"]["NewImage"])
    except (ValueError, TypeError, KeyError):
        # Re-raised bare: the batch processor logs the error, and the original could quote
        # attribute values of a message.
        raise ValueError("unreadable message record") from None
    return notify_for_message(
        message, settings=settings, scheduler_client=scheduler_client, now=now
    )


def notify_for_message(
    message: Message,
    *,
    settings: NotificationSettings | None = None,
    scheduler_client: Any = None,
    now: datetime | None = None,
) -> Outcome:
    """Decide for one message: record it suppressed with the policy's reason, or schedule."""
    settings = settings or notification_settings()
    now = now or get_clock().now()
    ids = SchedulePayload(
        recipient_id=message.recipient_id,
        thread_id=message.thread_id,
        message_id=message.message_id,
    )
    facts = message_facts(message)
    decision = (
        decide_notification(facts, windows_from_settings(settings))
        if facts is not None
        else NotificationDecision(False, "no_policy")
    )
    if decision.notify:
        at = max(message.sent_at + settings.delay, now + MIN_LEAD)
        outcome = _schedule(ids, at, decision.reason, settings, scheduler_client, now)
    else:
        recorded = records.record_decision(
            ids, status="suppressed", reason=decision.reason, now=now
        )
        outcome = "suppressed" if recorded else "replayed"
    _observe(ids, outcome, decision.reason)
    return outcome


def _schedule(
    ids: SchedulePayload,
    at: datetime,
    reason: str,
    settings: NotificationSettings,
    client: Any,
    now: datetime,
) -> Outcome:
    name = schedule_name(ids.recipient_id, ids.thread_id)
    # Recorded before the schedule exists, so the sender always finds it; a retry after a
    # crash in between sees "scheduled" and creates the schedule again.
    if not records.record_decision(
        ids, status="scheduled", reason=reason, now=now, schedule_name=name
    ):
        existing = records.get_notification(ids)
        if existing is None or existing.status != "scheduled":
            return "replayed"
    for _attempt in range(2):
        if scheduler.create_one_time_schedule(
            name=name, at=at, target_input=ids.to_input(), settings=settings, client=client
        ):
            return "scheduled"
        pending = scheduler.pending_schedule_input(name=name, settings=settings, client=client)
        if pending is None:
            continue  # it ran and deleted itself in between: schedule anew
        if SchedulePayload.model_validate_json(pending) == ids:
            return "scheduled"  # our own earlier attempt (a replay)
        records.move(
            ids, from_status="scheduled", to_status="suppressed", reason="coalesced", now=now
        )
        return "coalesced"
    raise RuntimeError("notification schedule vanished twice; the record will be retried")


def _observe(ids: SchedulePayload, outcome: Outcome, reason: str) -> None:
    logger.info(
        "notification decided",
        extra={
            "thread_id": ids.thread_id,
            "message_id": ids.message_id,
            "outcome": outcome,
            "reason": reason,
        },
    )
    metrics.add_metric(name=f"Notification{outcome.title()}", unit=MetricUnit.Count, value=1)
