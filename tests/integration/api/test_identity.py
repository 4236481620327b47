import pytest
from api.identity import Caller, current_caller, require_role
from carethread.domain.errors import Forbidden, Unauthenticated

from tests.support.api_builders import call
from tests.support.events import api_event


def event_with_claims(claims):
    event = api_event("GET", "/v1/me")
    event["requestContext"]["authorizer"] = {"claims": claims}
    return event


@pytest.mark.parametrize(
    "groups", ["provider", "provider,staff", "[staff provider]", ["staff", "provider"]]
)
def test_role_comes_from_cognito_groups_in_any_gateway_shape(groups):
    # when
    caller = current_caller(event_with_claims({"sub": "p1", "cognito:groups": groups}))

    # then
    assert caller == Caller(person_id="p1", role="provider")


def test_role_falls_back_to_custom_role():
    # when
    caller = current_caller(event_with_claims({"sub": "c1", "custom:role": "client"}))

    # then
    assert caller.role == "client"


@pytest.mark.parametrize(
    "claims",
    [
        {"sub": "p1"},
        {"sub": "p1", "cognito:groups": "admin"},
        {"sub": "p1", "cognito:groups": "provider,client"},
        {"sub": "bad id!", "cognito:groups": "provider"},
        {"cognito:groups": "provider"},
    ],
)
def test_claims_without_one_usable_role_or_id_are_unauthenticated(claims):
    # when / then
    with pytest.raises(Unauthenticated):
        current_caller(event_with_claims(claims))


def test_require_role_refuses_other_roles_with_role_not_allowed():
    # when / then
    with pytest.raises(Forbidden) as refused:
        require_role(Caller("s1", "system"), "provider", "client")
    assert refused.value.code == "role_not_allowed"


def test_a_request_without_claims_is_401(table, clock):
    # when
    status, body, headers = call("GET", "/v1/me")

    # then
    assert (status, body["code"]) == (401, "unauthenticated")
    assert headers["content-type"] == "application/problem+json"


def test_a_request_without_claims_is_401_even_when_its_body_is_invalid(table, clock):
    # when
    status, body, _ = call("POST", "/v1/threads", body={"nonsense": 1})

    # then
    assert (status, body["code"]) == (401, "unauthenticated")


def test_the_system_role_cannot_use_thread_endpoints(table, clock):
    # when
    status, body, _ = call("GET", "/v1/threads", "platform", "system")

    # then
    assert (status, body["code"]) == (403, "role_not_allowed")
