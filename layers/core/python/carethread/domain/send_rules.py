"""Who may start or send in a thread: pure functions of care evaluations made at `now`.

Callers evaluate the care rule from the stored appointment facts (never the cached status)
and pass the evaluations in; `None` means the pair has no relationship at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from carethread.domain.care import CareEvaluation


@dataclass(frozen=True)
class Refusal:
    code: str
    detail: str


NO_RELATIONSHIP = Refusal(
    "no_relationship",
    "You have no care relationship with this person, so you cannot message them here.",
)
RELATIONSHIP_PAST = Refusal(
    "relationship_past",
    "This care relationship is no longer current, so the conversation is read-only. "
    "Book an appointment to message again.",
)
CLIENT_NOT_CURRENT = Refusal(
    "client_not_current",
    "You can message other providers about this client only while they are your current client.",
)
NOT_ON_CARE_TEAM = Refusal(
    "not_on_care_team",
    "That provider is not on this client's care team.",
)


def client_thread_refusal(care: CareEvaluation | None) -> Refusal | None:
    """Either side of a client thread may send only while the relationship is current."""
    if care is None:
        return NO_RELATIONSHIP
    if not care.is_current:
        return RELATIONSHIP_PAST
    return None


def provider_thread_refusal(
    sender_care: CareEvaluation | None, recipient_care: CareEvaluation | None
) -> Refusal | None:
    """The sender must have the client as a current client; the recipient must be on the
    client's care team (any relationship, current or past)."""
    if sender_care is None:
        return NO_RELATIONSHIP
    if not sender_care.is_current:
        return CLIENT_NOT_CURRENT
    if recipient_care is None:
        return NOT_ON_CARE_TEAM
    return None
