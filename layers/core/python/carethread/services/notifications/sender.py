"""The sender: when a notification schedule fires, email the recipient at most once per
unread streak, and only while something in the thread is still unread.

The claim (inbox `notified_since_read` false → true while `unread_count > 0`, together with
the notification's scheduled → sending) happens before SES is called, so a duplicate or
retried invocation can never send twice; an SES error releases the claim and re-raises so
the schedule's retry sends it. The decision reads the inbox, not only the payload's message:
a coalesced schedule fired for an older, already-read message still emails for newer unread
ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from botocore.exceptions import ClientError

from carethread.adapters import email
from carethread.clock import get_clock
from carethread.contracts.notifications import SchedulePayload
from carethread.data import keys
from carethread.data.models import Person
from carethread.observability import logger, metrics
from carethread.services.notifications import records
from carethread.services.notifications.content import notification_email
from carethread.settings import NotificationSettings, notification_settings


@dataclass(frozen=True)
class SendOutcome:
    status: str  # sent | suppressed | duplicate | unknown
    reason: str | None = None


def send_notification(
    ids: SchedulePayload,
    *,
    settings: NotificationSettings | None = None,
    email_client: Any = None,
    now: datetime | None = None,
) -> SendOutcome:
    """Claim, re-check, send, record. Raises on an SES error (after releasing the claim)."""
    settings = settings or notification_settings()
    now = now or get_clock().now()
    notification = records.get_notification(ids)
    if notification is None or notification.status != "scheduled":
        # Unknown, or another invocation of this schedule already took it.
        status = "unknown" if notification is None else "duplicate"
        return _observe(ids, SendOutcome(status))
    address = _email_address(ids.recipient_id)
    if address is None:
        return _settle(ids, "scheduled", SendOutcome("suppressed", "no_email"), now)
    refusal = records.claim(ids, now=now)
    if refusal == "duplicate":
        return _observe(ids, SendOutcome("duplicate"))
    if refusal is not None:
        return _settle(ids, "scheduled", SendOutcome("suppressed", refusal), now)
    try:
        email.send_email(
            to=address, content=notification_email(settings), settings=settings, client=email_client
        )
    except Exception as error:
        records.release(ids, now=now)
        code = _error_code(error)
        logger.warning(
            "notification email failed; claim released", extra={**_ids(ids), "error": code}
        )
        metrics.add_metric(name="NotificationSendFailed", unit=MetricUnit.Count, value=1)
        # SES messages quote the addresses they refuse; the runtime logs what is raised.
        raise _without_message(error, code) from None
    return _settle(ids, "sending", SendOutcome("sent", notification.reason), now)


def _error_code(error: Exception) -> str:
    if isinstance(error, ClientError):
        return str(error.response.get("Error", {}).get("Code") or "Unknown")
    return type(error).__name__


def _without_message(error: Exception, code: str) -> Exception:
    """The same failure with SES's message (which may hold the address) left out."""
    if isinstance(error, ClientError):
        withheld = {"Error": {"Code": code, "Message": "withheld (may quote an address)"}}
        return ClientError(withheld, error.operation_name)  # type: ignore[arg-type]
    return RuntimeError(f"notification email failed: {code}")


def _email_address(person_id: str) -> str | None:
    try:
        person = Person.get(keys.person_pk(person_id), keys.PROFILE)
    except Person.DoesNotExist:
        return None
    return person.email or None


def _settle(
    ids: SchedulePayload, from_status: str, outcome: SendOutcome, now: datetime
) -> SendOutcome:
    records.move(
        ids, from_status=from_status, to_status=outcome.status, reason=outcome.reason, now=now
    )
    return _observe(ids, outcome)


def _ids(ids: SchedulePayload) -> dict[str, str]:
    return {"thread_id": ids.thread_id, "message_id": ids.message_id}


def _observe(ids: SchedulePayload, outcome: SendOutcome) -> SendOutcome:
    logger.info(
        "notification settled",
        extra={**_ids(ids), "status": outcome.status, "reason": outcome.reason},
    )
    name = "NotificationSent" if outcome.status == "sent" else "NotificationNotSent"
    metrics.add_metric(name=name, unit=MetricUnit.Count, value=1)
    return outcome
