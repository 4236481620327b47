"""The platform feed over HTTP (role `system`): people, appointments, rematches.

The same service handles the EventBridge events (care-events Lambda), so both paths agree.
"""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.openapi.params import Body, Path
from aws_lambda_powertools.event_handler.router import APIGatewayRouter
from carethread.clock import get_clock
from carethread.contracts.common import PersonId
from carethread.contracts.feed import (
    AppointmentId,
    AppointmentResult,
    AppointmentUpsert,
    PersonUpsert,
    PersonView,
    Rematch,
    RematchResult,
)
from carethread.services import feed

from api.identity import current_caller, require_role
from api.openapi_responses import documented

router = APIGatewayRouter()

_SYSTEM_ONLY = "`role_not_allowed`: the scheduling platform (`system`) only."
_BUSY = "`conflict`: the relationship kept changing under concurrent updates; retry."


def _system_caller() -> str:
    caller = current_caller(router.current_event)
    require_role(caller, "system")
    return caller.person_id


@router.put(
    "/v1/people/<person_id>",
    summary="Create or update a person (platform feed)",
    tags=["Platform feed"],
    responses=documented("The person as stored.", 400, 403, s403=_SYSTEM_ONLY),
)
def put_person(
    person_id: Annotated[PersonId, Path()], body: Annotated[PersonUpsert, Body()]
) -> PersonView:
    actor_id = _system_caller()
    return feed.upsert_person(person_id, body, actor_id=actor_id, now=get_clock().now())


@router.put(
    "/v1/appointments/<appointment_id>",
    summary="Create or update an appointment (platform feed; idempotent)",
    tags=["Platform feed"],
    responses=documented(
        "The appointment and the pair's relationship.", 400, 403, 409, s403=_SYSTEM_ONLY, s409=_BUSY
    ),
)
def put_appointment(
    appointment_id: Annotated[AppointmentId, Path()], body: Annotated[AppointmentUpsert, Body()]
) -> AppointmentResult:
    actor_id = _system_caller()
    return feed.upsert_appointment(appointment_id, body, actor_id=actor_id, now=get_clock().now())


@router.post(
    "/v1/rematches",
    summary="A client moves to another provider (platform feed)",
    tags=["Platform feed"],
    responses=documented(
        "The relationship the client left.",
        400,
        403,
        404,
        409,
        s403=_SYSTEM_ONLY,
        s404="`not_found`: the client has no relationship with `from_provider_id`.",
        s409=_BUSY,
    ),
)
def post_rematch(body: Annotated[Rematch, Body()]) -> RematchResult:
    actor_id = _system_caller()
    return feed.rematch(body, actor_id=actor_id, now=get_clock().now())
