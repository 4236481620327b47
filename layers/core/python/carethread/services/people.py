"""People lookups and the caller's own views (`/v1/me`, `/v1/unread`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from carethread.contracts.people import CounterpartUnread, MeView, ThreadUnread, UnreadView
from carethread.data import keys
from carethread.data.models import Person
from carethread.services.inbox import activity_at, inbox_entries


def people_by_id(person_ids: Iterable[str]) -> dict[str, Person]:
    """Person profiles for `person_ids` (one BatchGet); unknown ids are simply absent."""
    item_keys = [(keys.person_pk(p), keys.PROFILE) for p in set(person_ids)]
    return {person.person_id: person for person in Person.batch_get(item_keys)}


def display_name(people: dict[str, Person], person_id: str) -> str | None:
    person = people.get(person_id)
    return person.display_name if person else None


def me(person_id: str, role: str) -> MeView:
    people = people_by_id([person_id])
    total = sum(int(e.unread_count or 0) for e in inbox_entries(person_id))
    return MeView(
        person_id=person_id,
        role=role,
        display_name=display_name(people, person_id),
        unread_total=total,
    )


def unread(person_id: str) -> UnreadView:
    """Unread per thread, per counterpart (summed over their threads with me) and in total.

    Only threads and counterparts with something unread are listed.
    """
    entries = [e for e in inbox_entries(person_id) if int(e.unread_count or 0) > 0]
    per_counterpart: dict[str, int] = defaultdict(int)
    for entry in entries:
        per_counterpart[entry.counterpart_id] += int(entry.unread_count)
    people = people_by_id(per_counterpart)
    entries.sort(key=activity_at, reverse=True)
    return UnreadView(
        total=sum(per_counterpart.values()),
        by_counterpart=[
            CounterpartUnread(
                person_id=counterpart,
                display_name=display_name(people, counterpart),
                unread_count=count,
            )
            for counterpart, count in sorted(
                per_counterpart.items(), key=lambda kv: (-kv[1], kv[0])
            )
        ],
        by_thread=[
            ThreadUnread(thread_id=e.thread_id, unread_count=int(e.unread_count)) for e in entries
        ],
    )
