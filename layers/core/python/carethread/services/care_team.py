"""Care teams: a client's providers, seen by one of those providers or by the client."""

from __future__ import annotations

from datetime import datetime

from carethread.clock import get_clock
from carethread.contracts.roster import CareTeamMember, CareTeamPage, MyCareTeamPage, MyProvider
from carethread.data import keys
from carethread.domain.errors import NotFound
from carethread.services.audit import record_audit
from carethread.services.people_views import (
    CareRow,
    care_rows,
    client_relationships,
    inbox_of,
    paged,
    thread_link,
)


def _team(client_id: str, now: datetime | None) -> list[CareRow]:
    """The client's providers with their status at `now`: current first, then by name."""
    relationships = client_relationships(client_id)
    rows = care_rows(relationships, lambda r: r.provider_id, now or get_clock().now())
    return sorted(rows, key=lambda row: (not row.evaluation.is_current, row.name_key()))


def client_care_team(
    provider_id: str,
    client_id: str,
    *,
    limit: int = 50,
    cursor: str | None = None,
    now: datetime | None = None,
) -> CareTeamPage:
    """The care team of a client the provider has or had (else `NotFound`: no existence leak).

    For each other provider, the thread is the caller's provider thread with them about this
    client; for the caller itself (`is_me`), it is the caller's client thread with the client.
    """
    now = now or get_clock().now()
    team = _team(client_id, now)
    if not any(row.person_id == provider_id for row in team):
        _audit_team_read(provider_id, client_id, now, "refused:not_found")
        raise NotFound("You have no client with this id.")
    _audit_team_read(provider_id, client_id, now, "ok")
    inbox = inbox_of(provider_id)

    def build(row: CareRow) -> CareTeamMember:
        is_me = row.person_id == provider_id
        members = [provider_id, client_id] if is_me else [provider_id, row.person_id, client_id]
        thread_id, unread = thread_link(
            inbox, keys.thread_id_for("client" if is_me else "provider", members)
        )
        return CareTeamMember(
            provider_id=row.person_id,
            display_name=row.display_name,
            status=row.evaluation.status,
            is_me=is_me,
            thread_id=thread_id,
            unread_count=unread,
        )

    items, next_cursor = paged(team, build=build, limit=limit, cursor=cursor)
    return CareTeamPage(items=items, next_cursor=next_cursor)


def _audit_team_read(provider_id: str, client_id: str, now: datetime, outcome: str) -> None:
    # Who the client sees for care is PHI; tries by a provider who never had them matter most.
    record_audit(
        actor_id=provider_id,
        actor_role="provider",
        action="client.care_team.read",
        subject_type="person",
        subject_id=client_id,
        at=now,
        outcome=outcome,
    )


def my_care_team(
    client_id: str,
    *,
    limit: int = 50,
    cursor: str | None = None,
    now: datetime | None = None,
) -> MyCareTeamPage:
    """The calling client's providers; `can_send` while the relationship is current."""
    team = _team(client_id, now)
    inbox = inbox_of(client_id)

    def build(row: CareRow) -> MyProvider:
        thread_id, unread = thread_link(
            inbox, keys.thread_id_for("client", [row.person_id, client_id])
        )
        return MyProvider(
            provider_id=row.person_id,
            display_name=row.display_name,
            status=row.evaluation.status,
            thread_id=thread_id,
            unread_count=unread,
            can_send=row.evaluation.is_current,
        )

    items, next_cursor = paged(team, build=build, limit=limit, cursor=cursor)
    return MyCareTeamPage(items=items, next_cursor=next_cursor)
