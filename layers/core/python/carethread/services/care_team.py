"""Care teams: a client's providers, seen by one of those providers or by the client."""

from __future__ import annotations

from datetime import datetime

from carethread.clock import get_clock
from carethread.contracts.roster import CareTeamMember, CareTeamPage, MyCareTeamPage, MyProvider
from carethread.data import keys
from carethread.data.models import Relationship
from carethread.domain.care import CareEvaluation
from carethread.domain.errors import NotFound
from carethread.services import people_views

_Team = list[tuple[Relationship, CareEvaluation, str | None]]


def _team(client_id: str, now: datetime) -> _Team:
    """The client's providers with their status at `now`: current first, then by name."""
    relationships = people_views.client_relationships(client_id)
    names = people_views.display_names(r.provider_id for r in relationships)
    team = [(r, people_views.evaluate(r, now), names.get(r.provider_id)) for r in relationships]
    return sorted(
        team,
        key=lambda m: (
            m[1].status != "current",
            m[2] is None,
            (m[2] or "").casefold(),
            m[0].provider_id,
        ),
    )


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
    team = _team(client_id, now or get_clock().now())
    if not any(r.provider_id == provider_id for r, _, _ in team):
        raise NotFound("You have no client with this id.")
    inbox = people_views.inbox_by_thread(provider_id)

    def build(member: tuple[Relationship, CareEvaluation, str | None]) -> CareTeamMember:
        relationship, evaluation, name = member
        is_me = relationship.provider_id == provider_id
        thread_id = (
            keys.thread_id_for("client", [provider_id, client_id])
            if is_me
            else keys.thread_id_for("provider", [provider_id, relationship.provider_id, client_id])
        )
        entry = inbox.get(thread_id)
        return CareTeamMember(
            provider_id=relationship.provider_id,
            display_name=name,
            status=evaluation.status,
            is_me=is_me,
            thread_id=thread_id if entry is not None else None,
            unread_count=int(entry.unread_count) if entry is not None else 0,
        )

    items, next_cursor = people_views.paged(
        team,
        row_id=lambda m: m[0].provider_id,
        keep=lambda _: True,
        build=build,
        limit=limit,
        cursor=cursor,
    )
    return CareTeamPage(items=items, next_cursor=next_cursor)


def my_care_team(
    client_id: str,
    *,
    limit: int = 50,
    cursor: str | None = None,
    now: datetime | None = None,
) -> MyCareTeamPage:
    """The calling client's providers; `can_send` while the relationship is current."""
    team = _team(client_id, now or get_clock().now())
    inbox = people_views.inbox_by_thread(client_id)

    def build(member: tuple[Relationship, CareEvaluation, str | None]) -> MyProvider:
        relationship, evaluation, name = member
        thread_id = keys.thread_id_for("client", [relationship.provider_id, client_id])
        entry = inbox.get(thread_id)
        return MyProvider(
            provider_id=relationship.provider_id,
            display_name=name,
            status=evaluation.status,
            thread_id=thread_id if entry is not None else None,
            unread_count=int(entry.unread_count) if entry is not None else 0,
            can_send=evaluation.is_current,
        )

    items, next_cursor = people_views.paged(
        team,
        row_id=lambda m: m[0].provider_id,
        keep=lambda _: True,
        build=build,
        limit=limit,
        cursor=cursor,
    )
    return MyCareTeamPage(items=items, next_cursor=next_cursor)
