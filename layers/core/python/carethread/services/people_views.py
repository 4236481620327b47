"""What the roster and care-team views share: care rows, thread links, name folding, paging.

Every view is a handful of requests however long the list is: one Query for the
relationships, one BatchGet for the names, one Query of the caller's inbox.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from carethread.contracts.common import decode_cursor, encode_cursor
from carethread.data import keys
from carethread.data.models import Gsi1, InboxEntry, Relationship
from carethread.data.relationships import care_facts
from carethread.domain.care import CareEvaluation, evaluate_care
from carethread.domain.errors import InvalidRequest
from carethread.services.inbox import inbox_entries
from carethread.services.people import people_by_id

T = TypeVar("T")
Inbox = dict[str, InboxEntry]


@dataclass(frozen=True)
class CareRow:
    """One relationship as a view shows it: the other person, named, with the status at now."""

    relationship: Relationship
    evaluation: CareEvaluation
    person_id: str  # the counterpart: the client on a roster, the provider on a care team
    display_name: str | None

    def name_key(self) -> tuple[bool, str, str]:
        # By name as a person reads it; unnamed people last; the id breaks ties.
        return (self.display_name is None, fold(self.display_name or ""), self.person_id)


def fold(text: str) -> str:
    """`text` for comparing: case folded, accents stripped (NFKD without combining marks)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", stripped)


def care_rows(
    relationships: list[Relationship], counterpart: Callable[[Relationship], str], now: datetime
) -> list[CareRow]:
    """Each relationship evaluated from its stored facts at `now` (the cached status may be
    stale), with the counterpart's display name (one BatchGet)."""
    people = people_by_id(counterpart(r) for r in relationships)
    rows = []
    for relationship in relationships:
        person_id = counterpart(relationship)
        person = people.get(person_id)
        rows.append(
            CareRow(
                relationship=relationship,
                evaluation=evaluate_care(care_facts(relationship), now),
                person_id=person_id,
                display_name=person.display_name if person is not None else None,
            )
        )
    return rows


def provider_relationships(provider_id: str) -> list[Relationship]:
    """Every relationship of a provider, current or past (Query `PROVIDER#<p>`)."""
    return list(
        Relationship.query(
            keys.provider_pk(provider_id), Relationship.sk.startswith(keys.client_sk(""))
        )
    )


def client_relationships(client_id: str) -> list[Relationship]:
    """Every relationship of a client: the care team, current or past (GSI1 `CLIENT#<c>`)."""
    items = Relationship.gsi1.query(
        keys.client_gsi_pk(client_id), Gsi1.gsi1sk.startswith(keys.provider_gsi_sk(""))
    )
    return [item for item in items if isinstance(item, Relationship)]


def inbox_of(owner_id: str) -> Inbox:
    """The caller's inbox entries by thread id (one Query of `INBOX#<owner>`).

    Creating a thread writes an inbox entry for each participant in the same transaction, so
    an entry also tells that the thread exists without reading the thread items.
    """
    return {entry.thread_id: entry for entry in inbox_entries(owner_id)}


def thread_link(inbox: Inbox, thread_id: str) -> tuple[str | None, int]:
    """(`thread_id` if the caller has that thread, else None; the caller's unread count there)."""
    entry = inbox.get(thread_id)
    if entry is None:
        return None, 0
    return thread_id, int(entry.unread_count or 0)


def paged(
    ordered: Sequence[CareRow],
    *,
    build: Callable[[CareRow], T],
    limit: int,
    cursor: str | None,
    keep: Callable[[CareRow], bool] = lambda _: True,
) -> tuple[list[T], str | None]:
    """One page (items, next cursor) of the rows `keep` selects, after the cursor's row.

    The cursor holds the person id of the last row served, and its position is looked up in
    the full order (not the filtered one), so a row whose status changed between pages moves
    no other row, and no name travels in a URL.
    """
    start = 0
    if cursor is not None:
        after = decode_cursor(cursor).get("after")
        positions = [i for i, row in enumerate(ordered) if row.person_id == after]
        if not positions:
            raise InvalidRequest("cursor is not valid", fields=[{"field": "cursor"}])
        start = positions[0] + 1
    selected = [row for row in ordered[start:] if keep(row)]
    page = selected[:limit]
    more = len(selected) > limit
    next_cursor = encode_cursor({"after": page[-1].person_id}) if more else None
    return [build(row) for row in page], next_cursor
