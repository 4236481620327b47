"""A provider's roster (`GET /v1/clients`): every client they have or had, status at `now`."""

from __future__ import annotations

import re
from datetime import datetime

from carethread.clock import get_clock
from carethread.contracts.roster import RosterClient, RosterPage, RosterStatus
from carethread.data import keys
from carethread.services.people_views import (
    CareRow,
    care_rows,
    fold,
    inbox_of,
    paged,
    provider_relationships,
    thread_link,
)

_APOSTROPHES = re.compile(r"['\u2019\u02bc]")
_WORD_SEPARATORS = re.compile(r"[\W_]+")


def search_words(text: str) -> list[str]:
    """Words of `text`, folded for search: accents stripped (NFKD), case folded.

    Apostrophes join (`O'Brien` is one word, `obrien`); any other non-letter separates.
    """
    joined = _APOSTROPHES.sub("", fold(text))
    return [word for word in _WORD_SEPARATORS.split(joined) if word]


def name_matches(name: str | None, query: str | None) -> bool:
    """True when every word of `query` is the prefix of some word of `name`."""
    terms = search_words(query or "")
    if not terms:
        return True
    words = search_words(name or "")
    return all(any(word.startswith(term) for word in words) for term in terms)


def list_roster(
    provider_id: str,
    *,
    status: RosterStatus = "all",
    q: str | None = None,
    limit: int = 50,
    cursor: str | None = None,
    now: datetime | None = None,
) -> RosterPage:
    """The provider's clients ordered by name, filtered by status at `now` and by name."""
    relationships = provider_relationships(provider_id)
    rows = care_rows(relationships, lambda r: r.client_id, now or get_clock().now())
    rows.sort(key=CareRow.name_key)
    inbox = inbox_of(provider_id)

    def keep(row: CareRow) -> bool:
        wanted = status == "all" or row.evaluation.status == status
        return wanted and name_matches(row.display_name, q)

    def build(row: CareRow) -> RosterClient:
        thread_id, unread = thread_link(
            inbox, keys.thread_id_for("client", [provider_id, row.person_id])
        )
        return RosterClient(
            client_id=row.person_id,
            display_name=row.display_name,
            status=row.evaluation.status,
            status_reason=row.evaluation.reason,  # type: ignore[arg-type]  # a StatusReason
            next_appointment_at=row.evaluation.next_appointment_at,
            last_visit_at=row.evaluation.last_visit_at,
            thread_id=thread_id,
            unread_count=unread,
        )

    items, next_cursor = paged(rows, build=build, keep=keep, limit=limit, cursor=cursor)
    return RosterPage(items=items, next_cursor=next_cursor)
