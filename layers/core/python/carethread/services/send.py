"""Sending a message: one DynamoDB transaction, idempotent per sender and key.

The transaction writes the idempotency record, the message (with the facts the notifier
decides on), the thread metadata and both inbox entries, plus the audit record. It is
conditional on the thread facts it stamped (`is_first_message`, `recipient_last_sent_at`)
still holding and on its id being the thread's newest, so stamps are exact and message ids
grow in commit order (the read marker relies on that).
"""

from __future__ import annotations

import hashlib
import random
import secrets
import time
from dataclasses import dataclass
from datetime import datetime

from aws_lambda_powertools.metrics import MetricUnit
from ulid import ULID

from carethread.contracts.messages import MessageView
from carethread.data import keys
from carethread.data.models import IdempotencyRecord, Message, Thread
from carethread.domain.errors import Forbidden, IdempotencyKeyReused, RateLimited
from carethread.observability import logger, metrics
from carethread.services.access import (
    counterpart_of,
    get_thread,
    member_thread,
    participants,
    thread_send_refusal,
)
from carethread.services.audit import record_audit
from carethread.services.inbox import get_entry
from carethread.services.messages import get_message, message_view
from carethread.services.send_transaction import commit_send
from carethread.timefmt import parse_instant

SEND_ATTEMPTS = 40


@dataclass(frozen=True)
class SendResult:
    message: MessageView
    replayed: bool


def send_message(
    *,
    sender_id: str,
    sender_role: str,
    thread_id: str,
    body: str,
    idempotency_key: str,
    now: datetime,
) -> SendResult:
    """Send `body` to the other participant, or replay the message this key already sent."""
    thread = member_thread(thread_id, sender_id, sender_role, "message.send", now)
    request_hash = hashlib.sha256(body.encode("utf-8", errors="surrogatepass")).hexdigest()
    replay = _replay(sender_id, sender_role, idempotency_key, thread_id, request_hash, now)
    if replay is not None:
        return replay
    _refuse_unless_allowed(thread, sender_id, sender_role, now)
    for attempt in range(SEND_ATTEMPTS):
        message = _new_message(thread, sender_id, sender_role, body, now)
        outcome = commit_send(thread, message, idempotency_key, request_hash, now)
        if outcome == "committed":
            logger.info("message sent", thread_id=thread_id, message_id=message.message_id)
            metrics.add_metric(name="MessagesSent", unit=MetricUnit.Count, value=1)
            return SendResult(message_view(message, sender_id), replayed=False)
        if outcome == "key_taken":
            replay = _replay(sender_id, sender_role, idempotency_key, thread_id, request_hash, now)
            if replay is not None:
                return replay
        _back_off(attempt)
        thread = get_thread(thread_id) or thread
    raise RateLimited("The thread is very busy right now; try again.")


def _replay(
    sender_id: str, sender_role: str, key: str, thread_id: str, request_hash: str, now: datetime
) -> SendResult | None:
    record = _live_record(sender_id, key, now)
    if record is None:
        return None
    if record.thread_id != thread_id or record.request_hash != request_hash:
        _audit_refusal(sender_id, sender_role, thread_id, "idempotency_key_reused", now)
        raise IdempotencyKeyReused(
            "This Idempotency-Key was already used for a different message; use a new key."
        )
    original = get_message(thread_id, record.message_id)
    if original is None:  # cannot happen: both are written in one transaction
        raise RateLimited("The original message is not readable yet; try again.")
    return SendResult(message_view(original, sender_id), replayed=True)


def _live_record(sender_id: str, key: str, now: datetime) -> IdempotencyRecord | None:
    try:
        record = IdempotencyRecord.get(
            keys.idempotency_pk(sender_id, key), "IDEMP", consistent_read=True
        )
    except IdempotencyRecord.DoesNotExist:
        return None
    # TTL deletion lags; an expired record no longer binds the key.
    return record if record.expires_at > now else None


def _refuse_unless_allowed(thread: Thread, sender_id: str, role: str, now: datetime) -> None:
    refusal = thread_send_refusal(thread, sender_id, now)
    if refusal is None:
        return
    _audit_refusal(sender_id, role, thread.thread_id, refusal.code, now)
    metrics.add_metric(name="SendsRefused", unit=MetricUnit.Count, value=1)
    raise Forbidden(refusal.detail, code=refusal.code)


def _audit_refusal(sender_id: str, role: str, thread_id: str, code: str, now: datetime) -> None:
    record_audit(
        actor_id=sender_id,
        actor_role=role,
        action="message.send",
        subject_type="thread",
        subject_id=thread_id,
        at=now,
        outcome=f"refused:{code}",
    )


def _new_message(
    thread: Thread, sender_id: str, sender_role: str, body: str, now: datetime
) -> Message:
    recipient_id = counterpart_of(participants(thread), sender_id)
    recipient_entry = get_entry(recipient_id, thread.thread_id)
    last_sent = (thread.last_sent_at.as_dict() if thread.last_sent_at else {}).get(recipient_id)
    message_id = next_message_id(now, thread.last_message_id)
    return Message(
        pk=keys.thread_pk(thread.thread_id),
        sk=keys.message_sk(message_id),
        message_id=message_id,
        thread_id=thread.thread_id,
        thread_kind=thread.kind,
        sender_id=sender_id,
        sender_role=sender_role,
        recipient_id=recipient_id,
        recipient_role="client" if recipient_id == thread.client_id else "provider",
        body=body,
        sent_at=now,
        is_first_message=int(thread.message_count or 0) == 0,
        recipient_last_sent_at=parse_optional(last_sent),
        recipient_notified_in_streak=bool(recipient_entry and recipient_entry.notified_since_read),
    )


def next_message_id(now: datetime, last_message_id: str | None) -> str:
    """A ULID for `now`, strictly greater than the thread's latest message id."""
    candidate = ULID.from_datetime(now)
    if last_message_id is not None and str(candidate) <= last_message_id:
        # Same millisecond (or a clock behind the thread): step past the latest id.
        candidate = ULID.from_int(
            int(ULID.from_str(last_message_id)) + 1 + secrets.randbelow(2**16)
        )
    return str(candidate)


def parse_optional(text: str | None) -> datetime | None:
    return parse_instant(text) if text else None


def _back_off(attempt: int) -> None:
    # Jitter spreads racing senders of one thread apart; the transaction is the arbiter.
    time.sleep(random.uniform(0, min(0.002 * (attempt + 1), 0.05)))  # noqa: S311
