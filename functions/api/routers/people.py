"""`/v1/me` and `/v1/unread`: the caller's own summary."""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.router import APIGatewayRouter
from carethread.contracts.people import MeView, UnreadView
from carethread.services.people import me, unread

from api.identity import ROLES, current_caller, require_role
from api.openapi_responses import documented
from api.responses import json_response

router = APIGatewayRouter()


@router.get("/v1/me", summary="Who I am", tags=["People"], responses=documented("Me."))
def get_me() -> Response[MeView]:
    caller = current_caller(router.current_event)
    require_role(caller, *ROLES)
    return json_response(me(caller.person_id, caller.role))


@router.get(
    "/v1/unread",
    summary="My unread counts",
    tags=["People"],
    responses=documented("Unread per thread, per counterpart and in total."),
)
def get_unread() -> Response[UnreadView]:
    caller = current_caller(router.current_event)
    require_role(caller, *ROLES)
    return json_response(unread(caller.person_id))
