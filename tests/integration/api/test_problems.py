from tests.support.api_builders import call


def test_no_claims_is_401_problem(table, clock):
    # given no authorizer claims
    # when
    status, body, headers = call("GET", "/v1/me")

    # then
    assert status == 401
    assert body["code"] == "unauthenticated"
    assert headers["content-type"] == "application/problem+json"


def test_unknown_route_is_404_problem(table, clock):
    # when
    status, body, _ = call("GET", "/v1/nowhere", "p1", "provider")

    # then
    assert status == 404
    assert body["code"] == "not_found"
