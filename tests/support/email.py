"""What SES (moto) accepted, read back from moto's backend, and sender verification."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import boto3
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends


@dataclass(frozen=True)
class SentEmail:
    source: str
    to: list[str]
    subject: str
    body: str  # moto keeps the HTML part when a message has both


def verify_sender(address: str, *, client: Any = None) -> None:
    """SES only sends from a verified identity (moto enforces it too)."""
    (client or boto3.client("sesv2", region_name="us-east-1")).create_email_identity(
        EmailIdentity=address
    )


def sent_emails(region: str = "us-east-1") -> list[SentEmail]:
    """Every email moto's SES accepted in this mock, oldest first."""
    backend = ses_backends[DEFAULT_ACCOUNT_ID][region]
    return [
        SentEmail(
            source=message.source,
            to=list(message.destinations.get("ToAddresses", [])),
            subject=message.subject,
            body=message.body,
        )
        for message in backend.sent_messages
    ]
