"""Contracts of the people views: a provider's roster and care teams."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from carethread.contracts.common import Instant, Page, PersonId
from carethread.contracts.feed import StatusReason

RosterStatus = Literal["current", "past", "all"]
CareStatus = Literal["current", "past"]

SEARCH_MAX_CHARS = 100


class RosterClient(BaseModel):
    """One client on a provider's roster, as evaluated at the time of the request."""

    client_id: PersonId
    display_name: str | None = Field(description="Null when the platform has not sent the person.")
    status: CareStatus
    status_reason: StatusReason
    next_appointment_at: Instant | None
    last_visit_at: Instant | None
    thread_id: str | None = Field(description="The client thread, once it exists.")
    unread_count: int = Field(ge=0)


class CareTeamMember(BaseModel):
    """A provider on a client's care team, seen by another provider of that client."""

    provider_id: PersonId
    display_name: str | None
    status: CareStatus
    is_me: bool
    thread_id: str | None = Field(
        description=(
            "For another provider: the caller's provider thread with them about this client. "
            "For the caller (`is_me`): the caller's client thread with the client."
        )
    )
    unread_count: int = Field(ge=0)


class MyProvider(BaseModel):
    """A provider on the calling client's care team."""

    provider_id: PersonId
    display_name: str | None
    status: CareStatus
    thread_id: str | None = Field(
        description="The caller's thread with this provider, once it exists."
    )
    unread_count: int = Field(ge=0)
    can_send: bool = Field(description="True while the relationship is current.")


# Named pages, so the OpenAPI document (and generated clients) carry readable type names.
class RosterPage(Page[RosterClient]):
    pass


class CareTeamPage(Page[CareTeamMember]):
    pass


class MyCareTeamPage(Page[MyProvider]):
    pass
