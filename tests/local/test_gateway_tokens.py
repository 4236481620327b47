"""The local gateway verifies tokens like the Cognito authorizer: handlers never see a bad one."""

from __future__ import annotations

import base64
import json

import jwt

from infra.local.authority import Audience, TokenAuthority


def test_a_token_from_the_local_authority_reaches_the_api(client):
    # given
    token = client.token("dr-a", "provider")

    # when
    reply = client.call("GET", "/v1/me", token=token)

    # then: past the gateway, the API itself answers (dr-a has no profile yet)
    assert reply.status != 401


def test_a_request_without_a_token_is_401_problem(client):
    # when
    reply = client.call("GET", "/v1/me")

    # then
    assert reply.status == 401
    assert reply.headers["content-type"] == "application/problem+json"
    assert reply.json["code"] == "unauthenticated"
    assert reply.json["type"].endswith("/unauthenticated")
    assert reply.json["title"] == "Unauthenticated"


def test_a_token_signed_by_another_key_is_401(client, runtime):
    # given: same issuer, audience and claims, but not the pool's key
    impostor = TokenAuthority(runtime.resources.audience)
    forged = impostor.issue("dr-a", "provider")

    # when
    reply = client.call("GET", "/v1/me", token=forged)

    # then
    assert reply.status == 401
    assert reply.json["code"] == "unauthenticated"


def test_a_token_with_a_tampered_role_is_401(client):
    # given: a real token whose payload is edited to claim another role
    token = client.token("jordan", "client")
    header, _, signature = token.split(".")
    claims = jwt.decode(token, options={"verify_signature": False})
    claims["cognito:groups"] = ["system"]
    payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")

    # when
    reply = client.call("GET", "/v1/me", token=f"{header}.{payload}.{signature}")

    # then
    assert reply.status == 401


def test_an_expired_token_is_401(client, runtime):
    # given
    expired = runtime.authority.issue("dr-a", "provider", lifetime_s=-60)

    # when
    reply = client.call("GET", "/v1/me", token=expired)

    # then
    assert reply.status == 401
    assert reply.json["code"] == "unauthenticated"


def test_a_token_for_another_app_client_is_401(client, runtime):
    # given: the pool's issuer, another audience
    other_app = Audience(issuer=runtime.resources.audience.issuer, client_id="another-app")
    authority = TokenAuthority(other_app, key=runtime.authority.key)

    # when
    reply = client.call("GET", "/v1/me", token=authority.issue("dr-a", "provider"))

    # then
    assert reply.status == 401


def test_tokens_carry_the_person_as_sub_and_the_role_as_group(client, runtime):
    # when
    token = client.token("jordan", "client")

    # then
    claims = runtime.authority.verify(token)
    assert claims["sub"] == "jordan"
    assert claims["cognito:groups"] == ["client"]
    assert claims["iss"] == runtime.resources.audience.issuer


def test_a_token_request_with_an_unknown_role_is_400(client):
    # when
    reply = client.call("POST", "/_local/tokens", body={"person_id": "x", "role": "admin"})

    # then
    assert reply.status == 400
    assert reply.json["code"] == "invalid_request"


def test_tokens_verify_against_the_published_key_set(client, runtime):
    # given
    token = client.token("jordan", "client")
    key_set = jwt.PyJWKSet(client.call("GET", "/_local/jwks.json").json["keys"])

    # when
    kid = jwt.get_unverified_header(token)["kid"]
    claims = jwt.decode(
        token,
        next(k for k in key_set.keys if k.key_id == kid),
        algorithms=["RS256"],
        audience=runtime.resources.audience.client_id,
    )

    # then
    assert claims["sub"] == "jordan"
