"""The thread as one participant sees it: names, whether they may send, notices, unread."""

from __future__ import annotations

from contextlib import suppress
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from carethread.contracts.threads import (
    CannotSend,
    ClientRef,
    CrisisNotice,
    CrisisResourceView,
    NewClientNotice,
    Notice,
    PersonRef,
    Role,
    ThreadView,
)
from carethread.data.models import InboxEntry, Person, Thread
from carethread.services.access import (
    care_evaluations,
    pairs_for_send,
    participants,
    send_refusal,
)
from carethread.services.inbox import get_entry
from carethread.services.people import display_name, people_by_id
from carethread.settings import messaging_settings


def thread_view(thread: Thread, viewer_id: str, now: datetime) -> ThreadView:
    """Build the view of `thread` for `viewer_id` (a participant) at `now`."""
    members = participants(thread)
    pairs = pairs_for_send(thread.kind, members, thread.client_id, viewer_id)
    cares = care_evaluations(pairs, now)
    refusal = send_refusal(thread.kind, members, thread.client_id, viewer_id, cares)
    people = people_by_id([*members, thread.client_id])
    entry = get_entry(viewer_id, thread.thread_id)
    notices: list[Notice] = []
    if thread.kind == "client":
        notices.append(crisis_notice())
        care = cares.get(pairs[0])
        first = care.first_appointment_at if care else None
        if viewer_id != thread.client_id and first is not None and now < first:
            notices.append(new_client_notice(first, people.get(viewer_id)))
    return ThreadView(
        thread_id=thread.thread_id,
        kind=thread.kind,  # type: ignore[arg-type]
        participants=[person_ref(people, p, thread) for p in members],
        client=ClientRef(
            person_id=thread.client_id, display_name=display_name(people, thread.client_id)
        ),
        can_send=refusal is None,
        cannot_send=CannotSend(code=refusal.code, detail=refusal.detail) if refusal else None,
        notices=notices,
        unread_count=_unread(entry),
        last_read_message_id=entry.last_read_message_id if entry else None,
        last_message_at=thread.last_message_at,
    )


def person_ref(people: dict[str, Person], person_id: str, thread: Thread) -> PersonRef:
    role: Role = "client" if person_id == thread.client_id else "provider"
    return PersonRef(person_id=person_id, display_name=display_name(people, person_id), role=role)


def crisis_notice() -> CrisisNotice:
    settings = messaging_settings()
    return CrisisNotice(
        text=settings.crisis_text,
        resources=[
            CrisisResourceView(name=r.name, contact=r.contact) for r in settings.crisis_resources
        ],
    )


def new_client_notice(first_appointment_at: datetime, provider: Person | None) -> NewClientNotice:
    when = local_time_text(first_appointment_at, provider.timezone if provider else None)
    return NewClientNotice(
        first_appointment_at=first_appointment_at,
        text=messaging_settings().new_client_text.format(date=when),
    )


def local_time_text(at: datetime, timezone: str | None) -> str:
    """`Thursday, December 10, 2026 at 3:00 PM EST` in the reader's zone (UTC if unknown)."""
    zone: tzinfo = UTC
    # An unknown zone name (or no zone database): UTC is still correct, just less local.
    with suppress(ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(timezone) if timezone else UTC
    local = at.astimezone(zone)
    hour = local.hour % 12 or 12
    meridiem = "AM" if local.hour < 12 else "PM"
    return (
        f"{local:%A, %B} {local.day}, {local.year} at {hour}:{local.minute:02d} {meridiem} "
        f"{local.tzname()}"
    )


def _unread(entry: InboxEntry | None) -> int:
    return int(entry.unread_count or 0) if entry else 0
