"""Membership and the messaging rules, read from the table on every request.

The send/open rules are evaluated at `now` from the stored appointment facts
(`evaluate_care(care_facts(...))`), never from the cached relationship status.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from carethread.data import keys
from carethread.data.models import Person, Relationship, Thread
from carethread.data.relationships import care_facts
from carethread.domain.care import CareEvaluation, evaluate_care
from carethread.domain.errors import Forbidden, NotFound
from carethread.domain.send_rules import (
    Refusal,
    client_thread_refusal,
    provider_thread_refusal,
)
from carethread.services.audit import record_audit

Pair = tuple[str, str]  # (provider_id, client_id)
Cares = dict[Pair, CareEvaluation | None]


def require_stored_role(person_id: str, role: str) -> None:
    """403 `role_not_allowed` unless the platform stored `person_id` with exactly `role`.

    The token's group is an account setting; the platform's person record is the fact. A
    mismatch (a client account put in the provider group) or a token for someone the platform
    never sent acts as nobody, rather than stamping a role the record contradicts on messages.
    """
    try:
        person = Person.get(keys.person_pk(person_id), keys.PROFILE)
    except Person.DoesNotExist:
        person = None
    if person is None or person.role != role:
        raise Forbidden(
            f"This account is not registered as a {role} on the platform.",
            code="role_not_allowed",
        )


def get_thread(thread_id: str) -> Thread | None:
    """The thread's metadata item (strongly consistent), or None."""
    try:
        return Thread.get(keys.thread_pk(thread_id), keys.META, consistent_read=True)
    except Thread.DoesNotExist:
        return None


def member_thread(thread_id: str, person_id: str, role: str, action: str, now: datetime) -> Thread:
    """The thread when `person_id` takes part in it; 404 otherwise (no existence leaks)."""
    thread = get_thread(thread_id)
    if thread is None or person_id not in participants(thread):
        record_audit(
            actor_id=person_id,
            actor_role=role,
            action=action,
            subject_type="thread",
            subject_id=thread_id,
            at=now,
            outcome="refused:not_found",
        )
        raise NotFound("There is no such thread.")
    return thread


def care_evaluations(pairs: Iterable[Pair], now: datetime) -> Cares:
    """Evaluate the care rule for each (provider, client) pair at `now` (one BatchGet)."""
    wanted = set(pairs)
    found: Cares = dict.fromkeys(wanted)
    item_keys = [(keys.provider_pk(p), keys.client_sk(c)) for p, c in wanted]
    for relationship in Relationship.batch_get(item_keys):
        pair = (relationship.provider_id, relationship.client_id)
        found[pair] = evaluate_care(care_facts(relationship), now)
    return found


def pairs_for_send(
    kind: str, participant_ids: list[str], client_id: str, sender_id: str
) -> list[Pair]:
    """The relationships the send rule needs: sender's (or the thread's) and the recipient's."""
    other = counterpart_of(participant_ids, sender_id)
    if kind == "client":
        provider = other if sender_id == client_id else sender_id
        return [(provider, client_id)]
    return [(sender_id, client_id), (other, client_id)]


def send_refusal(
    kind: str, participant_ids: list[str], client_id: str, sender_id: str, cares: Cares
) -> Refusal | None:
    """Why `sender_id` may not send in this thread now, or None when they may."""
    pairs = pairs_for_send(kind, participant_ids, client_id, sender_id)
    if kind == "client":
        return client_thread_refusal(cares.get(pairs[0]))
    return provider_thread_refusal(cares.get(pairs[0]), cares.get(pairs[1]))


def thread_send_refusal(thread: Thread, sender_id: str, now: datetime) -> Refusal | None:
    """`send_refusal` for a stored thread, reading the relationships it needs."""
    members = participants(thread)
    cares = care_evaluations(pairs_for_send(thread.kind, members, thread.client_id, sender_id), now)
    return send_refusal(thread.kind, members, thread.client_id, sender_id, cares)


def participants(thread: Thread) -> list[str]:
    """The thread's participant ids (typed: the list attribute holds plain strings)."""
    return [str(p) for p in thread.participant_ids]


def counterpart_of(participant_ids: list[str], person_id: str) -> str:
    others = [p for p in participant_ids if p != person_id]
    return others[0] if others else person_id
