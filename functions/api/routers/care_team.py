"""Care teams: `GET /v1/clients/{client_id}/care-team` (provider), `GET /v1/care-team` (client)."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from aws_lambda_powertools.event_handler.router import APIGatewayRouter
from carethread.contracts.common import PersonId
from carethread.contracts.roster import CareTeamPage, MyCareTeamPage
from carethread.services import care_team

from api.identity import current_caller, require_role
from api.openapi_responses import documented

router = APIGatewayRouter()

Limit = Annotated[int, Query(ge=1, le=100, description="Page size (1-100).")]
Cursor = Annotated[str | None, Query(description="`next_cursor` of the previous page.")]


@router.get(
    "/v1/clients/<client_id>/care-team",
    summary="A client's care team (provider who has or had the client)",
    tags=["People"],
    responses=documented(
        "The client's providers, current first.",
        400,
        403,
        404,
        s403="`role_not_allowed`: providers only.",
        s404="`not_found`: the caller never had this client.",
    ),
)
def client_care_team(
    client_id: Annotated[PersonId, Path()],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> CareTeamPage:
    caller = current_caller(router.current_event)
    require_role(caller, "provider")
    return care_team.client_care_team(caller.person_id, client_id, limit=limit, cursor=cursor)


@router.get(
    "/v1/care-team",
    summary="My care team (client)",
    tags=["People"],
    responses=documented(
        "The caller's providers, current first.", 400, 403, s403="`role_not_allowed`: clients only."
    ),
)
def my_care_team(limit: Limit = 50, cursor: Cursor = None) -> MyCareTeamPage:
    caller = current_caller(router.current_event)
    require_role(caller, "client")
    return care_team.my_care_team(caller.person_id, limit=limit, cursor=cursor)
