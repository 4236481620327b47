"""The OpenAPI document: generated from the code, committed, served, and complete."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from api.openapi_export import BEARER_SCHEME, openapi_document, openapi_json

from tests.support.api_builders import call

COMMITTED = Path(__file__).resolve().parents[3] / "openapi.json"
ALWAYS = {"401", "403", "413", "429", "500"}
# The operations API.md defines (its local-runtime-only table aside).
CONTRACT = {
    ("PUT", "/v1/people/{person_id}"),
    ("PUT", "/v1/appointments/{appointment_id}"),
    ("POST", "/v1/rematches"),
    ("GET", "/v1/me"),
    ("GET", "/v1/unread"),
    ("GET", "/v1/clients"),
    ("GET", "/v1/clients/{client_id}/care-team"),
    ("GET", "/v1/care-team"),
    ("POST", "/v1/threads"),
    ("GET", "/v1/threads"),
    ("GET", "/v1/threads/{thread_id}"),
    ("GET", "/v1/threads/{thread_id}/messages"),
    ("POST", "/v1/threads/{thread_id}/messages"),
    ("POST", "/v1/threads/{thread_id}/read"),
}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return openapi_document()


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    ]


def test_the_committed_document_matches_the_code():
    # when
    generated = openapi_json()

    # then
    assert COMMITTED.read_text(encoding="utf-8") == generated, (
        "openapi.json is out of date: run `make openapi` and commit it"
    )


def test_the_document_describes_exactly_the_contracts_operations(document):
    # then
    assert {(method, path) for method, path, _ in operations(document)} == CONTRACT


def test_the_api_serves_the_document_without_a_token(table, clock, document):
    # when
    status, body, headers = call("GET", "/openapi.json")

    # then
    assert (status, headers["content-type"]) == (200, "application/json")
    assert body == document


def test_every_operation_requires_a_bearer_jwt(document):
    # then
    scheme = document["components"]["securitySchemes"][BEARER_SCHEME]
    assert (scheme["type"], scheme["scheme"], scheme["bearerFormat"]) == ("http", "bearer", "JWT")
    assert document["security"] == [{BEARER_SCHEME: []}]


def test_every_operation_documents_its_success_and_the_common_problems(document):
    # then
    for method, path, operation in operations(document):
        statuses = set(operation["responses"])
        assert any(s.startswith("2") for s in statuses), (method, path)
        assert statuses >= ALWAYS, (method, path, ALWAYS - statuses)


def test_no_operation_documents_the_unused_422(document):
    # then: invalid input is a 400 problem in this API
    assert all("422" not in op["responses"] for _, _, op in operations(document))


def test_every_error_response_is_a_problem(document):
    # then
    for method, path, operation in operations(document):
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                content = response["content"]
                assert list(content) == ["application/problem+json"], (method, path, status)
                schema = content["application/problem+json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Problem"}


def test_every_reference_resolves(document):
    # given
    text = json.dumps(document)
    schemas = document["components"]["schemas"]

    # then
    refs = {part.split('"')[0] for part in text.split('"$ref": "#/components/schemas/')[1:]}
    assert refs <= set(schemas)
