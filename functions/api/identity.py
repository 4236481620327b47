"""Who is calling: only from the claims the gateway's authorizer verified.

Handlers never parse tokens and never trust a role or id from the body or the path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from carethread.domain.errors import Forbidden, Unauthenticated
from carethread.services.access import require_stored_role

ROLES = ("provider", "client", "system")
_PERSON_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# API Gateway hands a Cognito group list over as "a,b", "a b" or "[a b]".
_GROUP_SEPARATORS = re.compile(r"[\s,\[\]]+")


@dataclass(frozen=True)
class Caller:
    person_id: str
    role: str


def current_caller(event: Any) -> Caller:
    """The caller from `requestContext.authorizer.claims`; 401 when absent or unusable."""
    claims = _claims(event)
    person_id = claims.get("sub")
    if not isinstance(person_id, str) or not _PERSON_ID.match(person_id):
        raise Unauthenticated("Sign in to continue.")
    return Caller(person_id=person_id, role=_role(claims))


def require_role(caller: Caller, *roles: str) -> None:
    """403 `role_not_allowed` unless the caller holds one of `roles`, and (for a provider or
    client) the platform's person record holds that same role."""
    if caller.role not in roles:
        raise Forbidden(
            f"This action is for {' or '.join(roles)} accounts only.", code="role_not_allowed"
        )
    # `system` is the platform itself, never a person in the table: its group is the proof.
    if caller.role != "system":
        require_stored_role(caller.person_id, caller.role)


def _claims(event: Any) -> Mapping[str, Any]:
    raw = getattr(event, "raw_event", event)
    context = raw.get("requestContext") or {}
    authorizer = context.get("authorizer") or {}
    claims = authorizer.get("claims") if isinstance(authorizer, Mapping) else None
    if not isinstance(claims, Mapping):
        raise Unauthenticated("Sign in to continue.")
    return claims


def _role(claims: Mapping[str, Any]) -> str:
    groups = claims.get("cognito:groups")
    if isinstance(groups, str):
        groups = _GROUP_SEPARATORS.split(groups)
    held = {g for g in groups or [] if g in ROLES}
    if not held and isinstance(claims.get("custom:role"), str):
        # Never `system` from an attribute: a user pool may let users write their own custom
        # attributes, while groups are set by administrators only.
        held = {claims["custom:role"]} & {"provider", "client"}
    # Exactly one role: an account in two roles is a provisioning error, not a superuser.
    if len(held) != 1:
        raise Unauthenticated("The sign-in token carries no usable role.")
    return held.pop()
