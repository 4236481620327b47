"""Thread contracts: the thread view, inbox summaries and the create request."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from carethread.contracts.common import Contract, Instant, PersonId

ThreadKind = Literal["client", "provider"]
Role = Literal["provider", "client"]


class PersonRef(BaseModel):
    person_id: str
    display_name: str | None = Field(description="Null until the platform has sent the person.")
    role: Role


class ClientRef(BaseModel):
    person_id: str
    display_name: str | None


class CannotSend(BaseModel):
    code: str = Field(description="`relationship_past`, `client_not_current`, `not_on_care_team`…")
    detail: str


class CrisisResourceView(BaseModel):
    name: str
    contact: str


class CrisisNotice(BaseModel):
    kind: Literal["crisis"] = "crisis"
    text: str
    resources: list[CrisisResourceView]


class NewClientNotice(BaseModel):
    kind: Literal["new_client"] = "new_client"
    first_appointment_at: Instant
    text: str


Notice = Annotated[CrisisNotice | NewClientNotice, Field(discriminator="kind")]


class ThreadView(BaseModel):
    thread_id: str
    kind: ThreadKind
    participants: list[PersonRef]
    client: ClientRef
    can_send: bool
    cannot_send: CannotSend | None
    notices: list[Notice]
    unread_count: int
    last_read_message_id: str | None
    last_message_at: Instant | None


class ThreadSummary(BaseModel):
    thread_id: str
    kind: ThreadKind
    counterpart: PersonRef
    client: ClientRef
    can_send: bool
    unread_count: int
    last_message_at: Instant | None


class CreateThreadRequest(Contract):
    """`{client_id}` (provider ↔ client), `{provider_id}` (client ↔ provider) or both
    (provider ↔ provider about the client)."""

    client_id: PersonId | None = None
    provider_id: PersonId | None = None

    @model_validator(mode="after")
    def _names_someone(self) -> CreateThreadRequest:
        if self.client_id is None and self.provider_id is None:
            raise ValueError("give client_id, provider_id or both")
        return self
