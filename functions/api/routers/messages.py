"""`/v1/threads/{id}/messages` and `/read`: read, send, mark read."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body, Header, Path, Query
from aws_lambda_powertools.event_handler.router import APIGatewayRouter
from carethread.clock import get_clock
from carethread.contracts.common import Page
from carethread.contracts.messages import (
    MarkReadRequest,
    MessageView,
    ReadResult,
    SendMessageRequest,
)
from carethread.services.inbox import mark_read
from carethread.services.messages import list_messages
from carethread.services.send import send_message

from api.identity import current_caller, require_role
from api.openapi_responses import documented
from api.responses import json_response

router = APIGatewayRouter()
ThreadId = Annotated[str, Path(min_length=1, max_length=64)]
IdempotencyKey = Annotated[
    str,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=128,
        pattern=r"^[\x21-\x7E]+$",
        description="Unique per message you send (e.g. a UUID); reuse it only to retry.",
    ),
]


@router.get(
    "/v1/threads/<thread_id>/messages",
    summary="Messages of a thread, newest first",
    tags=["Messages"],
    responses=documented(
        "A page of messages.", 400, 404, s403="`role_not_allowed`: providers and clients."
    ),
)
def get_messages(
    thread_id: ThreadId,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
) -> Response[Page[MessageView]]:
    caller = current_caller(router.current_event)
    require_role(caller, "provider", "client")
    page = list_messages(
        person_id=caller.person_id,
        role=caller.role,
        thread_id=thread_id,
        limit=limit,
        cursor=cursor,
        now=get_clock().now(),
    )
    return json_response(page)


@router.post(
    "/v1/threads/<thread_id>/messages",
    status_code=201,
    summary="Send a message (idempotent per Idempotency-Key)",
    tags=["Messages"],
    responses=documented(
        "Sent: the new message.",
        400,
        404,
        409,
        ok_status=201,
        extra={
            200: {
                "description": "A replay of this key: the original message.",
                "headers": {
                    "Idempotent-Replayed": {
                        "description": "`true` on a replay.",
                        "schema": {"type": "string", "enum": ["true"]},
                    }
                },
            }
        },
        s403="A rule refused: `relationship_past`, `client_not_current`, `not_on_care_team`, "
        "`no_relationship` or `role_not_allowed`.",
    ),
)
def post_message(
    thread_id: ThreadId,
    request: Annotated[SendMessageRequest, Body()],
    idempotency_key: IdempotencyKey,
) -> Response[MessageView]:
    caller = current_caller(router.current_event)
    require_role(caller, "provider", "client")
    result = send_message(
        sender_id=caller.person_id,
        sender_role=caller.role,
        thread_id=thread_id,
        body=request.body,
        idempotency_key=idempotency_key,
        now=get_clock().now(),
    )
    if result.replayed:
        return json_response(result.message, 200, {"Idempotent-Replayed": "true"})
    return json_response(result.message, 201)


@router.post(
    "/v1/threads/<thread_id>/read",
    summary="Move my read marker forward",
    tags=["Messages"],
    responses=documented(
        "My unread count in this thread.",
        400,
        404,
        s403="`role_not_allowed`: providers and clients.",
    ),
)
def post_read(
    thread_id: ThreadId, request: Annotated[MarkReadRequest, Body()]
) -> Response[ReadResult]:
    caller = current_caller(router.current_event)
    require_role(caller, "provider", "client")
    result = mark_read(
        person_id=caller.person_id,
        role=caller.role,
        thread_id=thread_id,
        up_to_message_id=request.up_to_message_id,
        now=get_clock().now(),
    )
    return json_response(result)
