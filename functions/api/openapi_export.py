"""The OpenAPI document, generated from the routes and their pydantic models.

Served by the API at `GET /openapi.json` (public: it holds no data), committed at the repo root
as `openapi.json` (`make openapi`, i.e. `python -m api.openapi_export > openapi.json`), and
checked against the code by `tests/integration/api/test_openapi.py`.
"""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response

TITLE = "CareThread API"
VERSION = "1.0.0"
OPENAPI_PATH = "/openapi.json"
BEARER_SCHEME = "bearerAuth"
DESCRIPTION = (
    "Secure messaging between providers and clients of a mental-health care platform. "
    "Every operation needs `Authorization: Bearer <JWT>`; the gateway verifies the token and "
    "the API reads the person id (`sub`) and the one role (`cognito:groups` or `custom:role`: "
    "`provider`, `client` or `system`) from its claims. Errors are `application/problem+json` "
    "with a stable `code`."
)
_SCHEMA_REF = "#/components/schemas/"


def openapi_document(resolver: APIGatewayRestResolver | None = None) -> dict[str, Any]:
    """The OpenAPI document of `resolver` (default: the API's app) as a JSON-ready dict."""
    # Late: building Powertools' OpenAPI pydantic models costs ~40-80 ms, and only a request
    # for the document needs them, never the API's cold start (docs/decisions.md, Cold start).
    from aws_lambda_powertools.event_handler.openapi.models import HTTPBearer, Server

    if resolver is None:
        from api.app import app  # late: `api.app` registers the route below

        resolver = app
    schema = resolver.get_openapi_schema(
        title=TITLE,
        version=VERSION,
        description=DESCRIPTION,
        servers=[Server(url="/", description="The API's base URL")],
        security_schemes={
            BEARER_SCHEME: HTTPBearer(
                bearerFormat="JWT",
                description="A Cognito token; the gateway verifies it before the API runs.",
            )
        },
        security=[{BEARER_SCHEME: []}],
    )
    document = json.loads(schema.model_dump_json(by_alias=True, exclude_none=True))
    # Powertools documents a 422 for request validation (and its schemas); this API answers
    # invalid input with a 400 problem, which every route documents itself.
    _drop_validation_422(document)
    return document


def openapi_json(resolver: APIGatewayRestResolver | None = None) -> str:
    """The document as the committed file holds it: 2-space indented, newline-terminated."""
    return json.dumps(openapi_document(resolver), indent=2, ensure_ascii=False) + "\n"


def register_openapi_route(resolver: APIGatewayRestResolver) -> None:
    """Serve the document at `GET /openapi.json` without authentication (it holds no data)."""
    cached: list[str] = []

    @resolver.get(OPENAPI_PATH, include_in_schema=False)
    def openapi():  # type: ignore[no-untyped-def]  # no return model: excluded from the schema
        if not cached:
            cached.append(openapi_json(resolver))
        return Response(status_code=200, content_type="application/json", body=cached[0])


def _drop_validation_422(document: dict[str, Any]) -> None:
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            operation.get("responses", {}).pop("422", None)
    schemas = document.get("components", {}).get("schemas", {})
    used = _referenced(document.get("paths", {}), schemas)
    for name in [n for n in schemas if n not in used]:
        del schemas[name]


def _referenced(node: Any, schemas: dict[str, Any], found: set[str] | None = None) -> set[str]:
    """Names of the component schemas `node` refers to, directly or through other schemas."""
    found = set() if found is None else found
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_SCHEMA_REF):
            name = ref.removeprefix(_SCHEMA_REF)
            if name not in found:
                found.add(name)
                _referenced(schemas.get(name), schemas, found)
        for value in node.values():
            _referenced(value, schemas, found)
    elif isinstance(node, list):
        for value in node:
            _referenced(value, schemas, found)
    return found


def main() -> None:
    print(openapi_json(), end="")


if __name__ == "__main__":
    main()
