"""`GET /v1/clients`: the calling provider's roster."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.event_handler.router import APIGatewayRouter
from carethread.contracts.roster import SEARCH_MAX_CHARS, RosterPage, RosterStatus
from carethread.services import roster

from api.identity import current_caller, require_role
from api.openapi_responses import documented

router = APIGatewayRouter()

Limit = Annotated[int, Query(ge=1, le=100, description="Page size (1-100).")]
Cursor = Annotated[str | None, Query(description="`next_cursor` of the previous page.")]


@router.get(
    "/v1/clients",
    summary="My clients (provider)",
    tags=["People"],
    responses=documented(
        "The roster page, ordered by name.", 400, 403, s403="`role_not_allowed`: providers only."
    ),
)
def list_clients(
    status: Annotated[
        RosterStatus, Query(description="Care status at the time of the request.")
    ] = "all",
    q: Annotated[
        str | None,
        Query(
            max_length=SEARCH_MAX_CHARS,
            description="Any word prefix of the name; case and accents ignored.",
        ),
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> RosterPage:
    caller = current_caller(router.current_event)
    require_role(caller, "provider")
    return roster.list_roster(caller.person_id, status=status, q=q, limit=limit, cursor=cursor)
