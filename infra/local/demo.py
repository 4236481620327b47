"""A small, realistic practice loaded at start through the real platform feed (the API with
a `system` token), so every path it takes is the deployed one.

Three providers, seven clients: current clients, a new client before the first appointment,
a client past by 90 days, a canceled initial appointment inside its 14-day grace, a rematch,
and two providers who share clients (with a provider thread about one of them).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from carethread.timefmt import format_instant

from infra.local.gateway import HttpRequest, HttpResponse

Dispatch = Callable[[HttpRequest], HttpResponse]
Token = Callable[[str, str], str]
FEED_ID = "scheduling-platform"


@dataclass(frozen=True)
class DemoPerson:
    person_id: str
    role: str
    display_name: str
    story: str


PEOPLE = (
    DemoPerson("dr-rivera", "provider", "Dr. Ana Rivera", "therapist; shares 2 clients"),
    DemoPerson("dr-chen", "provider", "Dr. Marcus Chen", "psychiatrist; shares 2 clients"),
    DemoPerson("dr-okafor", "provider", "Dr. Grace Okafor", "therapist"),
    DemoPerson("jordan", "client", "Jordan Lee", "current with Rivera and Chen"),
    DemoPerson("sam", "client", "Sam Patel", "current with Rivera and Chen"),
    DemoPerson("maya", "client", "Maya Brooks", "new: first appointment with Okafor in 3 days"),
    DemoPerson("alex", "client", "Alex Kim", "past with Rivera: last visit 100 days ago"),
    DemoPerson("riley", "client", "Riley Garcia", "canceled initial with Okafor 5 days ago"),
    DemoPerson("casey", "client", "Casey Nguyen", "rematched from Chen to Okafor 3 days ago"),
    DemoPerson("noah", "client", "Noé Martín", "current with Okafor"),
)

# (id, provider, client, days from now, status, days ago the change happened)
APPOINTMENTS: tuple[tuple[str, str, str, int, str, int | None], ...] = (
    ("demo-1", "dr-rivera", "jordan", -35, "completed", None),
    ("demo-2", "dr-rivera", "jordan", -7, "completed", None),
    ("demo-3", "dr-rivera", "jordan", 7, "scheduled", None),
    ("demo-4", "dr-chen", "jordan", -20, "completed", None),
    ("demo-5", "dr-rivera", "sam", -30, "completed", None),
    ("demo-6", "dr-chen", "sam", 6, "scheduled", None),
    ("demo-7", "dr-okafor", "maya", 3, "scheduled", None),
    ("demo-8", "dr-rivera", "alex", -200, "completed", None),
    ("demo-9", "dr-rivera", "alex", -100, "completed", None),
    ("demo-10", "dr-okafor", "riley", 2, "canceled", 5),
    ("demo-11", "dr-chen", "casey", -40, "completed", None),
    ("demo-12", "dr-okafor", "casey", 4, "scheduled", None),
    ("demo-13", "dr-okafor", "noah", -14, "completed", None),
    ("demo-14", "dr-okafor", "noah", 14, "scheduled", None),
)

# (sender, role, thread-opening body, message)
MESSAGES = (
    ("dr-rivera", "provider", {"client_id": "jordan"}, "Hi Jordan, see you next week."),
    ("jordan", "client", {"provider_id": "dr-chen"}, "Quick question about my refill."),
    (
        "dr-rivera",
        "provider",
        {"provider_id": "dr-chen", "client_id": "jordan"},
        "Coordinating on Jordan's plan; can we talk Thursday?",
    ),
)


class DemoError(RuntimeError):
    """The feed refused demo data: the runtime is not usable as deployed."""


def load_demo(dispatch: Dispatch, token: Token, now: datetime) -> None:
    """Feed the practice in through the API, relative to `now` (on the hour)."""
    base = now.replace(minute=0, second=0, microsecond=0)
    feed = token(FEED_ID, "system")
    for person in PEOPLE:
        body: dict[str, Any] = {
            "role": person.role,
            "display_name": person.display_name,
            "email": f"{person.person_id}@example.com",
            "timezone": "America/New_York",
        }
        _call(dispatch, "PUT", f"/v1/people/{person.person_id}", feed, body)
    for appointment_id, provider, client, days, status, changed_days_ago in APPOINTMENTS:
        body = {
            "provider_id": provider,
            "client_id": client,
            "starts_at": format_instant(base + timedelta(days=days)),
            "status": status,
        }
        if changed_days_ago is not None:
            body["changed_at"] = format_instant(base - timedelta(days=changed_days_ago))
        _call(dispatch, "PUT", f"/v1/appointments/{appointment_id}", feed, body)
    rematch = {
        "client_id": "casey",
        "from_provider_id": "dr-chen",
        "to_provider_id": "dr-okafor",
        "rematched_at": format_instant(base - timedelta(days=3)),
    }
    _call(dispatch, "POST", "/v1/rematches", feed, rematch)
    for index, (sender, role, opening, text) in enumerate(MESSAGES):
        thread = _call(dispatch, "POST", "/v1/threads", token(sender, role), opening)
        path = f"/v1/threads/{thread['thread_id']}/messages"
        key = {"Idempotency-Key": f"demo-message-{index}"}
        _call(dispatch, "POST", path, token(sender, role), {"body": text}, key)


def _call(
    dispatch: Dispatch,
    method: str,
    path: str,
    token: str,
    body: dict[str, Any],
    extra_headers: dict[str, str] | None = None,
) -> Any:
    headers = [
        ("Authorization", f"Bearer {token}"),
        ("Content-Type", "application/json"),
        *(extra_headers or {}).items(),
    ]
    response = dispatch(HttpRequest(method, path, headers, json.dumps(body).encode()))
    if response.status >= 300:
        detail = response.body.decode(errors="replace")[:300]
        raise DemoError(f"{method} {path} answered {response.status}: {detail}")
    return json.loads(response.body) if response.body else None
