"""What SES accepted, read from moto's SES backend in this process and stamped with the
runtime's clock when first seen (moto keeps no send time)."""

from __future__ import annotations

import email
import threading
from datetime import datetime
from typing import Any

from carethread.timefmt import format_instant
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends


class EmailLog:
    def __init__(self, region: str, account_id: str = DEFAULT_ACCOUNT_ID) -> None:
        self._region = region
        self._account_id = account_id
        self._seen: set[str] = set()
        self._emails: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def collect(self, now: datetime) -> int:
        """Record the messages SES accepted since the last call; how many were new."""
        backend = ses_backends[self._account_id][self._region]
        new = 0
        with self._lock:
            for message in list(backend.sent_messages):
                if message.id in self._seen:
                    continue
                self._seen.add(message.id)
                self._emails.append({**_content(message), "sent_at": format_instant(now)})
                new += 1
        return new

    def all(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._emails)


def _content(message: Any) -> dict[str, Any]:
    if hasattr(message, "raw_data"):
        parsed = email.message_from_string(message.raw_data)
        part = next((p for p in parsed.walk() if p.get_content_type() == "text/plain"), parsed)
        payload = part.get_payload(decode=True)
        text = payload.decode() if isinstance(payload, bytes) else str(part.get_payload())
        return {"to": ", ".join(message.destinations), "subject": parsed["Subject"], "body": text}
    destinations = message.destinations or {}
    to = destinations.get("ToAddresses", []) if isinstance(destinations, dict) else destinations
    subject = getattr(message, "subject", None)
    body = getattr(message, "body", None)
    return {"to": ", ".join(to), "subject": subject, "body": body}
