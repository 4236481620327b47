"""Writing a relationship: apply a change, re-evaluate the care rule, keep the due index and
the audit trail in step, under optimistic locking. Shared by the feed and the sweep.

The relationship item is the one place that holds a pair's status: the roster, care-team and
inbox views read it at request time, so refreshing it here refreshes every view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pynamodb.exceptions import PutError, TransactWriteError

from carethread.contracts.feed import RelationshipView
from carethread.data import keys
from carethread.data.models import AuditRecord, Relationship
from carethread.data.relationships import care_facts, get_relationship
from carethread.data.transactions import CONDITION_FAILED, cancellation_codes, transact_write
from carethread.domain.care import CareEvaluation, evaluate_care
from carethread.domain.errors import DomainError, NotFound
from carethread.observability import logger
from carethread.services.audit import audit_record
from carethread.settings import sweep_settings

SAVE_ATTEMPTS = 5


class RelationshipBusy(DomainError):
    """Optimistic locking lost every attempt: someone else keeps changing the pair."""

    status = 409
    code = "conflict"
    title = "Concurrent update"


@dataclass(frozen=True)
class FactChange:
    """An audited change a mutation made to the relationship's facts (ids and codes only)."""

    action: str
    detail: dict[str, Any]


Mutation = Callable[[Relationship], list[FactChange]]


def due_at_key(instant: datetime) -> str:
    """The due index sort key: fixed width (microseconds always), so text order is time order."""
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def new_relationship(provider_id: str, client_id: str) -> Relationship:
    return Relationship(
        pk=keys.provider_pk(provider_id),
        sk=keys.client_sk(client_id),
        gsi1pk=keys.client_gsi_pk(client_id),
        gsi1sk=keys.provider_gsi_sk(provider_id),
        provider_id=provider_id,
        client_id=client_id,
        appointments=[],
    )


def relationship_view(relationship: Relationship, evaluation: CareEvaluation) -> RelationshipView:
    return RelationshipView(
        provider_id=relationship.provider_id,
        client_id=relationship.client_id,
        status=evaluation.status,
        status_reason=evaluation.reason,  # type: ignore[arg-type]  # a StatusReason
        next_appointment_at=evaluation.next_appointment_at,
        last_visit_at=evaluation.last_visit_at,
        first_appointment_at=evaluation.first_appointment_at,
        next_transition_at=evaluation.next_transition_at,
    )


def update_relationship(
    provider_id: str,
    client_id: str,
    mutate: Mutation,
    *,
    actor_id: str,
    now: datetime,
    create: bool = True,
    loaded: Relationship | None = None,
    atomic: bool = True,
) -> tuple[Relationship, CareEvaluation, bool]:
    """Apply `mutate`, re-evaluate at `now` and save; retried on a version conflict.

    Returns the saved relationship, its evaluation and whether the status changed. Nothing is
    written when neither the facts nor the cached evaluation changed (replays are free).
    `loaded` saves the first read (the sweep already holds the item from the due index).
    `atomic` writes the item and its audit records in one transaction; the sweep passes False
    (the audit put, then the versioned put) because a transaction per due item doubles its
    write cost for a change that is derived from already-audited facts.
    """
    for _ in range(SAVE_ATTEMPTS):
        relationship = loaded or get_relationship(provider_id, client_id)
        loaded = None
        if relationship is None:
            if not create:
                raise NotFound("There is no care relationship between these people.")
            relationship = new_relationship(provider_id, client_id)
        before = _cached(relationship)
        changes = mutate(relationship)
        evaluation = apply_evaluation(relationship, now)
        status_changed = before[0] != relationship.status
        if relationship.version is not None and not changes and before == _cached(relationship):
            return relationship, evaluation, False
        audits = [_audit(relationship, c, actor_id=actor_id, now=now) for c in changes]
        if relationship.version is None or status_changed:
            audits.append(_status_audit(relationship, before[0], actor_id=actor_id, now=now))
        if (_save_atomically if atomic else _save_in_turn)(relationship, audits):
            return relationship, evaluation, status_changed
    logger.warning("relationship update conflicted", provider_id=provider_id, client_id=client_id)
    raise RelationshipBusy("The relationship is being changed by someone else; try again.")


def _cached(relationship: Relationship) -> tuple[Any, ...]:
    return (
        relationship.status,
        relationship.status_reason,
        relationship.next_transition_at,
        relationship.due_at,
    )


def apply_evaluation(relationship: Relationship, now: datetime) -> CareEvaluation:
    """Evaluate the rule at `now` and cache the answer and the due index keys on the item."""
    evaluation = evaluate_care(care_facts(relationship), now)
    relationship.status = evaluation.status
    relationship.status_reason = evaluation.reason
    relationship.next_transition_at = evaluation.next_transition_at
    relationship.evaluated_at = now
    due = evaluation.next_transition_at
    # Sparse index: an item without due_shard/due_at is simply not in it.
    relationship.due_shard = (
        None
        if due is None
        else keys.due_shard(
            relationship.provider_id, relationship.client_id, sweep_settings().due_shards
        )
    )
    relationship.due_at = None if due is None else due_at_key(due)
    return evaluation


def _audit(
    relationship: Relationship, change: FactChange, *, actor_id: str, now: datetime
) -> AuditRecord:
    return audit_record(
        actor_id=actor_id,
        actor_role="system",
        action=change.action,
        subject_type="person",
        subject_id=relationship.client_id,
        at=now,
        detail={"provider_id": relationship.provider_id, **change.detail},
    )


def _status_audit(
    relationship: Relationship, previous: str | None, *, actor_id: str, now: datetime
) -> AuditRecord:
    change = FactChange(
        "care.status_changed",
        {
            "from_status": previous if relationship.version is not None else None,
            "to_status": relationship.status,
            "reason": relationship.status_reason,
        },
    )
    return _audit(relationship, change, actor_id=actor_id, now=now)


def _save_atomically(relationship: Relationship, audits: list[AuditRecord]) -> bool:
    """One transaction: the versioned relationship and its audit records. False on conflict."""
    try:
        with transact_write() as transaction:
            transaction.save(relationship)
            for record in audits:
                transaction.save(record)
    except TransactWriteError as error:
        if cancellation_codes(error)[:1] == [CONDITION_FAILED]:
            return False
        raise
    return True


def _save_in_turn(relationship: Relationship, audits: list[AuditRecord]) -> bool:
    """The audit records, then the versioned relationship. False on a version conflict.

    Audit first: a crash between the two writes leaves an audit record the next sweep run
    repeats, never a status change without one (the trail may over-report, never under-report).
    """
    for record in audits:
        record.save()
    try:
        relationship.save()
    except PutError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True
