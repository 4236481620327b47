"""Platform feed contracts (role `system`): people, appointments and rematches.

The same bodies arrive over HTTP (`PUT /v1/people/{id}`, `PUT /v1/appointments/{id}`,
`POST /v1/rematches`) and as EventBridge events whose `detail` is the body plus the id.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, Field, model_validator

from carethread.contracts.common import Contract, InputInstant, Instant, PersonId

FeedRole = Literal["provider", "client"]
AppointmentStatus = Literal["scheduled", "completed", "canceled", "no_show"]
CareStatus = Literal["current", "past"]
# Why the pair has its status (API.md): the first four go with `current`, the rest with `past`.
StatusReason = Literal[
    "upcoming_appointment",
    "recent_visit",
    "initial_canceled_grace",
    "rematched_grace",
    "initial_canceled",
    "rematched",
    "no_recent_visit",
]

# Deliberately simple (no extra dependency): one @, no spaces, a dot in the domain.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError("must be an email address, e.g. name@example.com")
    return value


def _time_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError("must be an IANA time zone name, e.g. America/New_York") from error
    return value


DisplayName = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_not_blank)]
Email = Annotated[str, Field(max_length=254), AfterValidator(_email)]
TimeZoneName = Annotated[str, Field(max_length=64), AfterValidator(_time_zone)]
AppointmentId = Annotated[str, Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.:-]+$")]


class PersonUpsert(Contract):
    role: FeedRole
    display_name: DisplayName
    email: Email | None = None
    timezone: TimeZoneName | None = None


class AppointmentUpsert(Contract):
    provider_id: PersonId
    client_id: PersonId
    starts_at: InputInstant
    status: AppointmentStatus
    is_initial: bool | None = None
    changed_at: InputInstant | None = None


class Rematch(Contract):
    client_id: PersonId
    from_provider_id: PersonId
    to_provider_id: PersonId
    rematched_at: InputInstant | None = None

    @model_validator(mode="after")
    def _providers_differ(self) -> Rematch:
        if self.from_provider_id == self.to_provider_id:
            raise ValueError("from_provider_id and to_provider_id must differ")
        return self


# Platform events: `detail` is the API body plus the id the path would carry.
class PersonUpsertedDetail(PersonUpsert):
    person_id: PersonId


class AppointmentUpsertedDetail(AppointmentUpsert):
    appointment_id: AppointmentId


class ClientRematchedDetail(Rematch):
    pass


class PersonView(BaseModel):
    person_id: str
    role: str
    display_name: str
    email: str | None = None
    timezone: str | None = None


class AppointmentView(BaseModel):
    appointment_id: str
    provider_id: str
    client_id: str
    starts_at: Instant
    status: AppointmentStatus
    is_initial: bool
    changed_at: Instant | None = None


class RelationshipView(BaseModel):
    provider_id: str
    client_id: str
    status: CareStatus
    status_reason: StatusReason
    next_appointment_at: Instant | None = None
    last_visit_at: Instant | None = None
    first_appointment_at: Instant | None = None
    next_transition_at: Instant | None = None


class AppointmentResult(BaseModel):
    appointment: AppointmentView
    relationship: RelationshipView


class RematchResult(BaseModel):
    relationship: RelationshipView
