"""The API: one REST resolver, one router per resource, one place errors become problems.

Routes carry their full public path (`/v1/...`, exactly as API.md and the OpenAPI document
name them); the gateway passes the resource path through unchanged.
"""

from __future__ import annotations

from aws_lambda_powertools.event_handler import APIGatewayRestResolver

from api.limits import enforce_body_limit, parse_json_body
from api.openapi_export import register_openapi_route
from api.problems import register_problem_handlers
from api.routers import care_team, feed, messages, people, roster, threads

# debug pinned off: POWERTOOLS_DEV would print every event, bodies included (PHI).
app = APIGatewayRestResolver(
    enable_validation=True, json_body_deserializer=parse_json_body, debug=False
)
app.use(middlewares=[enforce_body_limit])
register_problem_handlers(app)

for module in (people, threads, messages, roster, care_team, feed):
    app.include_router(module.router)

register_openapi_route(app)
