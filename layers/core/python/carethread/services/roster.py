"""A provider's roster (`GET /v1/clients`): every client they have or had, status at `now`."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from carethread.clock import get_clock
from carethread.contracts.roster import RosterClient, RosterPage, RosterStatus
from carethread.data import keys
from carethread.data.models import Relationship
from carethread.domain.care import CareEvaluation
from carethread.services import people_views

_APOSTROPHES = re.compile(r"['\u2019\u02bc]")
_WORD_SEPARATORS = re.compile(r"[\W_]+")


def search_words(text: str) -> list[str]:
    """Words of `text`, folded for search: accents stripped (NFKD), case folded.

    Apostrophes join (`O'Brien` is one word, `obrien`); any other non-letter separates.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    joined = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", stripped))
    return [word for word in _WORD_SEPARATORS.split(joined) if word]


def name_matches(name: str | None, query: str | None) -> bool:
    """True when every word of `query` is the prefix of some word of `name`."""
    terms = search_words(query or "")
    if not terms:
        return True
    words = search_words(name or "")
    return all(any(word.startswith(term) for word in words) for term in terms)


@dataclass(frozen=True)
class _Row:
    relationship: Relationship
    evaluation: CareEvaluation
    display_name: str | None

    @property
    def client_id(self) -> str:
        return self.relationship.client_id

    def sort_key(self) -> tuple[bool, str, str]:
        # By name as a person reads it; unnamed people last; the id breaks ties.
        name = self.display_name
        return (name is None, " ".join(search_words(name or "")), self.client_id)


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
    at = now or get_clock().now()
    relationships = people_views.provider_relationships(provider_id)
    names = people_views.display_names(r.client_id for r in relationships)
    rows = sorted(
        (_Row(r, people_views.evaluate(r, at), names.get(r.client_id)) for r in relationships),
        key=_Row.sort_key,
    )
    inbox = people_views.inbox_by_thread(provider_id)

    def keep(row: _Row) -> bool:
        wanted = status == "all" or row.evaluation.status == status
        return wanted and name_matches(row.display_name, q)

    def build(row: _Row) -> RosterClient:
        thread_id = keys.thread_id_for("client", [provider_id, row.client_id])
        entry = inbox.get(thread_id)
        return RosterClient(
            client_id=row.client_id,
            display_name=row.display_name,
            status=row.evaluation.status,
            status_reason=row.evaluation.reason,
            next_appointment_at=row.evaluation.next_appointment_at,
            last_visit_at=row.evaluation.last_visit_at,
            thread_id=thread_id if entry is not None else None,
            unread_count=int(entry.unread_count) if entry is not None else 0,
        )

    items, next_cursor = people_views.paged(
        rows, row_id=lambda row: row.client_id, keep=keep, build=build, limit=limit, cursor=cursor
    )
    return RosterPage(items=items, next_cursor=next_cursor)
