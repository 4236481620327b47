"""Reads the roster and care-team views share: names, the caller's inbox, care status, paging.

Every view is a handful of requests however long the list is: one Query for the
relationships, one BatchGet for the names, one Query of the caller's inbox.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
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
Row = TypeVar("Row")


def display_names(person_ids: Iterable[str]) -> dict[str, str]:
    """Display names by person id (one BatchGet); people the platform never sent are absent."""
    return {pid: person.display_name for pid, person in people_by_id(person_ids).items()}


def inbox_by_thread(owner_id: str) -> dict[str, InboxEntry]:
    """The caller's inbox entries by thread id (one Query of `INBOX#<owner>`).

    Creating a thread writes an inbox entry for each participant in the same transaction, so
    an entry also tells that the thread exists without reading the thread items.
    """
    return {entry.thread_id: entry for entry in inbox_entries(owner_id)}


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


def evaluate(relationship: Relationship, now: datetime) -> CareEvaluation:
    """The care status from the stored facts at `now` (the cached status may be stale)."""
    return evaluate_care(care_facts(relationship), now)


def paged(
    ordered: Sequence[Row],
    *,
    row_id: Callable[[Row], str],
    keep: Callable[[Row], bool],
    build: Callable[[Row], T],
    limit: int,
    cursor: str | None,
) -> tuple[list[T], str | None]:
    """One page (items, next cursor) of the rows `keep` selects, after the cursor's row.

    The cursor holds the id of the last row served, and its position is looked up in the full
    order (not the filtered one), so a row whose status changed between pages moves no other
    row and the cursor carries no name.
    """
    start = 0
    if cursor is not None:
        after = decode_cursor(cursor).get("after")
        positions = [i for i, row in enumerate(ordered) if row_id(row) == after]
        if not positions:
            raise InvalidRequest("cursor is not valid", fields=[{"field": "cursor"}])
        start = positions[0] + 1
    selected = [row for row in ordered[start:] if keep(row)]
    page = selected[:limit]
    more = len(selected) > limit
    next_cursor = encode_cursor({"after": row_id(page[-1])}) if more else None
    return [build(row) for row in page], next_cursor
