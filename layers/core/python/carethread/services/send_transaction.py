"""The send transaction itself: every write a message causes, all or nothing."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pynamodb.exceptions import TransactWriteError
from pynamodb.expressions.condition import Condition
from pynamodb.expressions.update import Action

from carethread.data import keys
from carethread.data.models import AuditRecord, IdempotencyRecord, InboxEntry, Message, Thread
from carethread.data.transactions import CONDITION_FAILED, cancellation_codes, transact_write
from carethread.services.audit import audit_record
from carethread.settings import messaging_settings
from carethread.timefmt import format_instant

SendOutcome = Literal["committed", "key_taken", "thread_changed"]


def commit_send(
    thread: Thread, message: Message, idempotency_key: str, request_hash: str, now: datetime
) -> SendOutcome:
    """Write the message and its consequences in one transaction.

    `key_taken`: the idempotency key is bound (replay it); `thread_changed`: another message
    landed since `thread` was read, or the transaction conflicted (re-read and retry).
    """
    try:
        with transact_write() as transaction:
            transaction.save(
                _idempotency_record(message, idempotency_key, request_hash, now),
                condition=IdempotencyRecord.pk.does_not_exist()
                | (IdempotencyRecord.expires_at < now),
            )
            transaction.save(message, condition=Message.pk.does_not_exist())
            transaction.update(
                thread, actions=_thread_actions(message), condition=_unchanged(message)
            )
            transaction.update(
                _entry_key(message.recipient_id, message.thread_id),
                actions=[
                    InboxEntry.unread_count.add(1),
                    InboxEntry.last_message_id.set(message.message_id),
                    InboxEntry.last_message_at.set(message.sent_at),
                ],
            )
            # Sending marks the thread read for the sender.
            transaction.update(
                _entry_key(message.sender_id, message.thread_id),
                actions=[
                    InboxEntry.unread_count.set(0),
                    InboxEntry.last_read_message_id.set(message.message_id),
                    InboxEntry.last_message_id.set(message.message_id),
                    InboxEntry.last_message_at.set(message.sent_at),
                    InboxEntry.notified_since_read.set(False),
                ],
            )
            transaction.save(_audit(message, now))
    except TransactWriteError as error:
        codes = cancellation_codes(error)
        if not codes:
            raise
        return "key_taken" if codes[0] == CONDITION_FAILED else "thread_changed"
    return "committed"


def _idempotency_record(
    message: Message, key: str, request_hash: str, now: datetime
) -> IdempotencyRecord:
    return IdempotencyRecord(
        pk=keys.idempotency_pk(message.sender_id, key),
        sk="IDEMP",
        sender_id=message.sender_id,
        request_hash=request_hash,
        thread_id=message.thread_id,
        message_id=message.message_id,
        created_at=now,
        expires_at=now + messaging_settings().idempotency_ttl,
    )


def _thread_actions(message: Message) -> list[Action]:
    return [
        Thread.message_count.add(1),
        Thread.last_message_id.set(message.message_id),
        Thread.last_message_at.set(message.sent_at),
        Thread.last_sent_at[message.sender_id].set(format_instant(message.sent_at)),
    ]


def _unchanged(message: Message) -> Condition:
    """What the stamped facts and the id order rely on: no message after ours has landed,
    the thread is still empty if we stamped it first, and the recipient has not written since
    we read when they last did. Other senders' races only retry when they would reorder ids."""
    order: Condition
    if message.is_first_message:
        order = Thread.last_message_id.does_not_exist()
    else:
        order = Thread.last_message_id < message.message_id
    recipient_sent = Thread.last_sent_at[message.recipient_id]
    if message.recipient_last_sent_at is None:
        return order & recipient_sent.does_not_exist()
    return order & (recipient_sent == format_instant(message.recipient_last_sent_at))


def _entry_key(owner_id: str, thread_id: str) -> InboxEntry:
    # An update needs only the key; the entry was created with the thread.
    return InboxEntry(pk=keys.inbox_pk(owner_id), sk=keys.inbox_sk(thread_id))


def _audit(message: Message, now: datetime) -> AuditRecord:
    return audit_record(
        actor_id=message.sender_id,
        actor_role=message.sender_role,
        action="message.send",
        subject_type="thread",
        subject_id=message.thread_id,
        at=now,
        detail={"message_id": message.message_id},
    )
