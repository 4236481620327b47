"""Notification items and the recipient's streak claim: the pipeline's data access."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pynamodb.exceptions import PutError, TransactWriteError, UpdateError
from pynamodb.expressions.update import Action

from carethread.contracts.notifications import SchedulePayload
from carethread.data import keys
from carethread.data.models import InboxEntry, Notification
from carethread.data.transactions import CONDITION_FAILED, cancellation_codes, transact_write

ClaimRefusal = Literal["duplicate", "already_read", "already_notified"]


def _key(ids: SchedulePayload) -> tuple[str, str]:
    return keys.notification_pk(ids.recipient_id, ids.thread_id), ids.message_id


def get_notification(ids: SchedulePayload) -> Notification | None:
    """The decision recorded for one message and recipient, or None (consistent read)."""
    try:
        return Notification.get(*_key(ids), consistent_read=True)
    except Notification.DoesNotExist:
        return None


def record_decision(
    ids: SchedulePayload,
    *,
    status: str,
    reason: str,
    now: datetime,
    schedule_name: str | None = None,
) -> bool:
    """Record the first decision for a message; False if one exists (a replayed record)."""
    pk, sk = _key(ids)
    item = Notification(
        pk=pk,
        sk=sk,
        recipient_id=ids.recipient_id,
        thread_id=ids.thread_id,
        message_id=ids.message_id,
        status=status,
        reason=reason,
        schedule_name=schedule_name,
        decided_at=now,
        updated_at=now,
    )
    try:
        item.save(condition=Notification.pk.does_not_exist())
    except PutError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def move(
    ids: SchedulePayload, *, from_status: str, to_status: str, now: datetime, reason: str | None
) -> bool:
    """Move a notification between statuses; False if it was not in `from_status`."""
    actions: list[Action] = [
        Notification.status.set(to_status),
        Notification.updated_at.set(now),
    ]
    if reason is not None:
        actions.append(Notification.reason.set(reason))
    try:
        _notification(ids).update(actions=actions, condition=Notification.status == from_status)
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def _inbox_key(ids: SchedulePayload) -> tuple[str, str]:
    return keys.inbox_pk(ids.recipient_id), keys.inbox_sk(ids.thread_id)


def _inbox(ids: SchedulePayload) -> InboxEntry:
    pk, sk = _inbox_key(ids)
    return InboxEntry(pk=pk, sk=sk)


def _notification(ids: SchedulePayload) -> Notification:
    pk, sk = _key(ids)
    return Notification(pk=pk, sk=sk)


def claim(ids: SchedulePayload, *, now: datetime) -> ClaimRefusal | None:
    """Claim the email for the recipient's current unread streak, atomically with the
    notification's scheduled → sending move. Returns None when claimed, else why not.

    The inbox condition is the "one email per streak" guard; the notification condition makes
    a duplicate invocation of the same schedule a no-op.
    """
    not_yet_notified = InboxEntry.notified_since_read.does_not_exist() | (
        InboxEntry.notified_since_read == False  # noqa: E712 - a DynamoDB condition, not a bool
    )
    try:
        with transact_write() as transaction:
            transaction.update(
                _inbox(ids),
                actions=[InboxEntry.notified_since_read.set(True)],
                condition=not_yet_notified & (InboxEntry.unread_count > 0),
            )
            transaction.update(
                _notification(ids),
                actions=[Notification.status.set("sending"), Notification.updated_at.set(now)],
                condition=Notification.status == "scheduled",
            )
    except TransactWriteError as error:
        return _refusal(ids, error)
    return None


def _refusal(ids: SchedulePayload, error: TransactWriteError) -> ClaimRefusal:
    codes = cancellation_codes(error)
    if not codes:
        raise error
    if len(codes) > 1 and codes[1] == CONDITION_FAILED:
        return "duplicate"
    try:
        entry = InboxEntry.get(*_inbox_key(ids), consistent_read=True)
    except InboxEntry.DoesNotExist:
        return "already_read"
    if not entry.unread_count:
        return "already_read"
    return "already_notified"


def release(ids: SchedulePayload, *, now: datetime) -> None:
    """Undo a claim after SES refused, so the retried invocation can claim and send."""
    with transact_write() as transaction:
        transaction.update(
            _inbox(ids),
            actions=[InboxEntry.notified_since_read.set(False)],
            condition=InboxEntry.pk.exists(),
        )
        transaction.update(
            _notification(ids),
            actions=[Notification.status.set("scheduled"), Notification.updated_at.set(now)],
            condition=Notification.status == "sending",
        )
