"""Starting, opening and listing threads."""

from __future__ import annotations

from datetime import datetime

from pynamodb.exceptions import TransactWriteError

from carethread.contracts.threads import ThreadView
from carethread.data import keys
from carethread.data.models import Thread
from carethread.data.transactions import cancellation_codes, transact_write
from carethread.domain.errors import Forbidden, InvalidRequest, RateLimited
from carethread.services.access import (
    get_thread,
    member_thread,
    participants,
    thread_send_refusal,
)
from carethread.services.audit import audit_record, record_audit
from carethread.services.inbox import new_entry
from carethread.services.thread_views import thread_view

CREATE_ATTEMPTS = 5


def thread_members(
    person_id: str, role: str, client_id: str | None, provider_id: str | None
) -> tuple[str, list[str]]:
    """(kind, members in `keys.thread_id_for` order) for a create request by this caller.

    A body variant meant for the other role is refused with `role_not_allowed`.
    """
    if role == "provider" and client_id and provider_id:
        if provider_id == person_id:
            raise InvalidRequest(
                "A provider thread is with another provider.",
                fields=[{"field": "provider_id", "message": "must not be yourself"}],
            )
        return "provider", [person_id, provider_id, client_id]
    if role == "provider" and client_id:
        return "client", [person_id, client_id]
    if role == "client" and provider_id and not client_id:
        return "client", [provider_id, person_id]
    raise Forbidden(
        "Providers start threads with {client_id} or {provider_id, client_id}; "
        "clients with {provider_id}.",
        code="role_not_allowed",
    )


def open_or_create_thread(
    *,
    person_id: str,
    role: str,
    client_id: str | None,
    provider_id: str | None,
    now: datetime,
) -> tuple[ThreadView, bool]:
    """The caller's thread with the named people: (view, created?).

    An existing thread is returned as it is (either participant may always open it); a new
    one is created only when the caller could send in it now. Concurrent creates coalesce.
    """
    kind, members = thread_members(person_id, role, client_id, provider_id)
    thread_id = keys.thread_id_for(kind, members)
    for _ in range(CREATE_ATTEMPTS):
        existing = get_thread(thread_id)
        if existing is not None:
            _audit(person_id, role, "thread.open", thread_id, now)
            return thread_view(existing, person_id, now), False
        thread = _new_thread(thread_id, kind, members, person_id, now)
        _refuse_unless_allowed(thread, person_id, role, now)
        if _create(thread, person_id, role, now):
            return thread_view(thread, person_id, now), True
    raise RateLimited("The thread is being created by someone else; try again.")


def open_thread(*, person_id: str, role: str, thread_id: str, now: datetime) -> ThreadView:
    """The thread as `person_id` sees it; 404 unless they take part in it."""
    thread = member_thread(thread_id, person_id, role, "thread.open", now)
    _audit(person_id, role, "thread.open", thread_id, now)
    return thread_view(thread, person_id, now)


def _new_thread(
    thread_id: str, kind: str, members: list[str], creator_id: str, now: datetime
) -> Thread:
    client_id = members[-1]
    participants = members if kind == "client" else sorted(members[:2])
    return Thread(
        pk=keys.thread_pk(thread_id),
        sk=keys.META,
        thread_id=thread_id,
        kind=kind,
        participant_ids=participants,
        client_id=client_id,
        created_by=creator_id,
        created_at=now,
        message_count=0,
        last_sent_at={},
    )


def _refuse_unless_allowed(thread: Thread, person_id: str, role: str, now: datetime) -> None:
    refusal = thread_send_refusal(thread, person_id, now)
    if refusal is not None:
        _audit(person_id, role, "thread.create", thread.thread_id, now, f"refused:{refusal.code}")
        raise Forbidden(refusal.detail, code=refusal.code)


def _create(thread: Thread, person_id: str, role: str, now: datetime) -> bool:
    """Write the thread and both inbox entries at once; False when it lost a race."""
    first, second = participants(thread)
    try:
        with transact_write() as transaction:
            transaction.save(thread, condition=Thread.pk.does_not_exist())
            transaction.save(new_entry(thread, first, second, now))
            transaction.save(new_entry(thread, second, first, now))
            transaction.save(
                audit_record(
                    actor_id=person_id,
                    actor_role=role,
                    action="thread.create",
                    subject_type="thread",
                    subject_id=thread.thread_id,
                    at=now,
                )
            )
    except TransactWriteError as error:
        codes = cancellation_codes(error)
        if not codes:
            raise
        return False  # the thread exists now, or another create is in flight: look again
    return True


def _audit(
    person_id: str, role: str, action: str, thread_id: str, now: datetime, outcome: str = "ok"
) -> None:
    record_audit(
        actor_id=person_id,
        actor_role=role,
        action=action,
        subject_type="thread",
        subject_id=thread_id,
        at=now,
        outcome=outcome,
    )
