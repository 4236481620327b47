"""`/v1/threads`: start or open a thread, list mine, view one."""

from __future__ import annotations

from typing import Annotated, Literal

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body, Path, Query
from aws_lambda_powertools.event_handler.router import APIGatewayRouter
from carethread.clock import get_clock
from carethread.contracts.common import Page
from carethread.contracts.threads import CreateThreadRequest, ThreadSummary, ThreadView
from carethread.services.thread_list import list_threads
from carethread.services.threads import open_or_create_thread, open_thread

from api.identity import current_caller, require_role
from api.openapi_responses import documented
from api.responses import json_response

router = APIGatewayRouter()
ThreadId = Annotated[str, Path(min_length=1, max_length=64)]


@router.post(
    "/v1/threads",
    status_code=201,
    summary="Start a thread, or open the existing one",
    tags=["Threads"],
    responses=documented(
        "Created: the new thread.",
        400,
        ok_status=201,
        extra={200: {"description": "The thread already existed: the thread."}},
        s403="A rule refused: `relationship_past`, `client_not_current`, `not_on_care_team`, "
        "`no_relationship` or `role_not_allowed`.",
    ),
)
def create_thread(request: Annotated[CreateThreadRequest, Body()]) -> Response[ThreadView]:
    caller = current_caller(router.current_event)
    require_role(caller, "provider", "client")
    view, created = open_or_create_thread(
        person_id=caller.person_id,
        role=caller.role,
        client_id=request.client_id,
        provider_id=request.provider_id,
        now=get_clock().now(),
    )
    return json_response(view, 201 if created else 200)


@router.get(
    "/v1/threads",
    summary="My threads, most recent activity first",
    tags=["Threads"],
    responses=documented(
        "A page of thread summaries.", 400, s403="`role_not_allowed`: providers and clients."
    ),
)
def get_threads(
    kind: Annotated[Literal["client", "provider"] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
) -> Response[Page[ThreadSummary]]:
    caller = current_caller(router.current_event)
    require_role(caller, "provider", "client")
    page = list_threads(
        person_id=caller.person_id, kind=kind, limit=limit, cursor=cursor, now=get_clock().now()
    )
    return json_response(page)


@router.get(
    "/v1/threads/<thread_id>",
    summary="One thread as I see it",
    tags=["Threads"],
    responses=documented(
        "The thread.", 400, 404, s403="`role_not_allowed`: providers and clients."
    ),
)
def get_thread(thread_id: ThreadId) -> Response[ThreadView]:
    caller = current_caller(router.current_event)
    require_role(caller, "provider", "client")
    view = open_thread(
        person_id=caller.person_id, role=caller.role, thread_id=thread_id, now=get_clock().now()
    )
    return json_response(view)
