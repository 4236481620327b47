"""Messaging actions for the notification scenarios.

Until the API serves send/read, these write what the API's send transaction writes (message
with its stamped notifier facts, thread metadata, inbox counters) straight through the models.
"""

from __future__ import annotations

from carethread.clock import get_clock
from carethread.data import keys
from carethread.data.models import InboxEntry, Message, Person, Thread
from carethread.data.relationships import get_relationship
from carethread.timefmt import format_instant, parse_instant
from ulid import ULID

from tests.support.api_builders import seed_care, seed_person


def client_thread(provider_id: str, client_id: str) -> str:
    _current_care(provider_id, client_id)
    return _open_thread("client", [provider_id, client_id], client_id)


def provider_thread(sender_id: str, recipient_id: str, client_id: str) -> str:
    _current_care(sender_id, client_id)
    _current_care(recipient_id, client_id)
    return _open_thread("provider", [sender_id, recipient_id, client_id], client_id)


def _current_care(provider_id: str, client_id: str) -> None:
    if get_relationship(provider_id, client_id) is None:
        seed_care(provider_id, client_id)


def person(person_id: str, role: str, *, email: str | None = None, display_name: str) -> None:
    seed_person(person_id, role, email=email, display_name=display_name)


def _open_thread(kind: str, members: list[str], client_id: str) -> str:
    thread_id = keys.thread_id_for(kind, members)
    participants = members if kind == "client" else members[:2]
    now = get_clock().now()
    Thread(
        pk=keys.thread_pk(thread_id),
        sk=keys.META,
        thread_id=thread_id,
        kind=kind,
        participant_ids=participants,
        client_id=client_id,
        created_by=members[0],
        created_at=now,
    ).save()
    for owner in participants:
        counterpart = next(p for p in participants if p != owner)
        InboxEntry(
            pk=keys.inbox_pk(owner),
            sk=keys.inbox_sk(thread_id),
            owner_id=owner,
            thread_id=thread_id,
            kind=kind,
            counterpart_id=counterpart,
            client_id=client_id,
            created_at=now,
        ).save()
    return thread_id


def send(sender_id: str, thread_id: str, body: str) -> str:
    now = get_clock().now()
    thread = Thread.get(keys.thread_pk(thread_id), keys.META)
    recipient_id = str(next(p for p in thread.participant_ids if p != sender_id))
    inbox = InboxEntry.get(keys.inbox_pk(recipient_id), keys.inbox_sk(thread_id))
    last_sent = (thread.last_sent_at.as_dict() if thread.last_sent_at else {}).get(recipient_id)
    message_id = str(ULID())
    Message(
        pk=keys.thread_pk(thread_id),
        sk=keys.message_sk(message_id),
        message_id=message_id,
        thread_id=thread_id,
        thread_kind=thread.kind,
        sender_id=sender_id,
        sender_role=_role(sender_id),
        recipient_id=recipient_id,
        recipient_role=_role(recipient_id),
        body=body,
        sent_at=now,
        is_first_message=not thread.message_count,
        recipient_last_sent_at=parse_instant(last_sent) if last_sent else None,
        recipient_notified_in_streak=bool(inbox.notified_since_read),
    ).save()
    sent_map = dict(thread.last_sent_at.as_dict() if thread.last_sent_at else {})
    sent_map[sender_id] = format_instant(now)
    thread.message_count = (thread.message_count or 0) + 1
    thread.last_sent_at = sent_map
    thread.save()
    inbox.update(
        actions=[InboxEntry.unread_count.add(1), InboxEntry.last_message_id.set(message_id)]
    )
    return message_id


def read(reader_id: str, thread_id: str) -> None:
    inbox = InboxEntry.get(keys.inbox_pk(reader_id), keys.inbox_sk(thread_id))
    inbox.update(
        actions=[
            InboxEntry.unread_count.set(0),
            InboxEntry.notified_since_read.set(False),
            InboxEntry.last_read_message_id.set(inbox.last_message_id),
        ]
    )


def _role(person_id: str) -> str:
    return Person.get(keys.person_pk(person_id), keys.PROFILE).role
