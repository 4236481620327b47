"""The HIPAA audit trail: who read, sent, was refused or changed what, and when.

Records hold ids and codes only — never message text, names or email addresses.
Each record is stored under its subject (a thread or a person) and indexed by actor (GSI1).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ulid import ULID

from carethread.data import keys
from carethread.data.models import AuditRecord
from carethread.timefmt import format_instant


def audit_record(
    *,
    actor_id: str,
    actor_role: str,
    action: str,
    subject_type: str,
    subject_id: str,
    at: datetime,
    outcome: str = "ok",
    detail: dict[str, Any] | None = None,
) -> AuditRecord:
    """Build (not save) an audit record, so callers can put it inside their transaction.

    `subject_type` is `thread` (stored under `AUDIT#THREAD#<id>`) or `person`
    (stored under `AUDIT#PERSON#<id>`).
    """
    subject_pk = (
        keys.audit_thread_pk(subject_id)
        if subject_type == "thread"
        else keys.audit_person_pk(subject_id)
    )
    sort_key = f"{format_instant(at)}#{ULID()}"
    return AuditRecord(
        pk=subject_pk,
        sk=sort_key,
        gsi1pk=keys.audit_actor_pk(actor_id),
        gsi1sk=sort_key,
        actor_id=actor_id,
        actor_role=actor_role,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        at=at,
        outcome=outcome,
        detail=detail,
    )


def record_audit(**fields: Any) -> None:
    """Save one audit record now (outside any transaction)."""
    audit_record(**fields).save()


def audit_for_thread(thread_id: str, *, limit: int = 100) -> list[AuditRecord]:
    return list(
        AuditRecord.query(keys.audit_thread_pk(thread_id), scan_index_forward=False, limit=limit)
    )


def audit_for_person(person_id: str, *, limit: int = 100) -> list[AuditRecord]:
    return list(
        AuditRecord.query(keys.audit_person_pk(person_id), scan_index_forward=False, limit=limit)
    )


def audit_by_actor(actor_id: str, *, limit: int = 100) -> list[AuditRecord]:
    found = AuditRecord.gsi1.query(
        keys.audit_actor_pk(actor_id), scan_index_forward=False, limit=limit
    )
    return [record for record in found if isinstance(record, AuditRecord)]
