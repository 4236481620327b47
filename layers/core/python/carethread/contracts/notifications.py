"""The notification schedule's payload: ids only (no names, no text, no addresses).

The notifier writes it as the one-time schedule's `Input`; the sender receives exactly this
JSON as its event.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

_Id = Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_-]+$")


class SchedulePayload(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    recipient_id: str = _Id
    thread_id: str = _Id
    message_id: str = _Id

    def to_input(self) -> str:
        """The schedule target's `Input` string."""
        return self.model_dump_json()
