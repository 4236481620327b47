"""Role refusals join the audit trail.

The services audit what their rules refuse (`refused:not_found`, `refused:relationship_past`…);
a caller turned away for their role (`role_not_allowed`) never reaches a service, so the
problem handler records it here: the attempt, by whom, on which thread (or, with no thread in
the path, under the caller), when.
"""

from __future__ import annotations

import re
from typing import Any

from carethread.clock import get_clock
from carethread.domain.errors import Unauthenticated
from carethread.services.audit import record_audit

from api.identity import current_caller

_THREAD_PATH = re.compile(r"^/v1/threads/(?P<thread_id>[^/]+)")


def audit_role_refusal(event: Any) -> None:
    """Record that the caller of `event` was refused for their role."""
    try:
        caller = current_caller(event)
    except Unauthenticated:  # cannot happen after a role check; nothing to attribute
        return
    path = str(event.path)
    match = _THREAD_PATH.match(path)
    record_audit(
        actor_id=caller.person_id,
        actor_role=caller.role,
        action=f"{event.http_method} {path}",
        subject_type="thread" if match else "person",
        subject_id=match["thread_id"] if match else caller.person_id,
        at=get_clock().now(),
        outcome="refused:role_not_allowed",
    )
