"""Message contracts: the message view, the send body and the read marker."""

from __future__ import annotations

import unicodedata
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from carethread.contracts.common import Contract, Instant
from carethread.settings import messaging_settings

MESSAGE_ID_PATTERN = r"^[0-9A-HJKMNP-TV-Z]{26}$"  # a ULID


class MessageView(BaseModel):
    message_id: str
    thread_id: str
    sender_id: str
    sender_role: Literal["provider", "client"]
    mine: bool
    body: str
    sent_at: Instant


class SendMessageRequest(Contract):
    body: str = Field(description="1 to 10,000 characters, not blank; stored exactly as sent.")

    @field_validator("body")
    @classmethod
    def _body_length(cls, body: str) -> str:
        limit = messaging_settings().body_max_chars
        if _is_blank(body):
            raise ValueError("must not be blank")
        try:
            body.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: not text DynamoDB can store
            raise ValueError("must be valid Unicode text") from None
        if len(body) > limit:
            raise ValueError(f"must be at most {limit} characters")
        return body


def _is_blank(body: str) -> bool:
    """Nothing a reader would see: white space, control or format characters (zero-width)."""
    return all(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in body)


class MarkReadRequest(Contract):
    up_to_message_id: str = Field(pattern=MESSAGE_ID_PATTERN)


class ReadResult(BaseModel):
    unread_count: int
