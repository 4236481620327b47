"""The local sign-in authority: RS256 ID tokens, and the checks API Gateway's Cognito
authorizer makes before a handler sees a request.

Tokens name the local Cognito user pool as issuer and its app client as audience, so they
have the deployed shape: `sub` is the person id, the role is in `cognito:groups`.
The key is made at start, so tokens from an earlier run are refused (as a rotated pool key).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROLES = ("provider", "client", "system")
PERSON_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
DEFAULT_LIFETIME_S = 12 * 3600
MAX_LIFETIME_S = 24 * 3600


class TokenRefused(Exception):
    """The token is missing, forged, expired or not for this API (the gateway's 401)."""


@dataclass(frozen=True)
class Audience:
    issuer: str
    client_id: str


class TokenAuthority:
    """Issues and verifies the tokens of one local user pool."""

    def __init__(self, audience: Audience, key: rsa.RSAPrivateKey | None = None) -> None:
        self.audience = audience
        self.key = key or rsa.generate_private_key(public_exponent=65537, key_size=2048)
        public_der = self.key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        self._kid = hashlib.sha256(public_der).hexdigest()[:16]
        public_jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        self._jwks = {"keys": [{**public_jwk, "kid": self._kid, "alg": "RS256", "use": "sig"}]}
        self._verifying_key = jwt.PyJWK(self._jwks["keys"][0])

    @property
    def jwks(self) -> dict[str, Any]:
        return self._jwks

    def issue(self, person_id: str, role: str, *, lifetime_s: int = DEFAULT_LIFETIME_S) -> str:
        """An ID token for `person_id` in `role`; `lifetime_s` may be negative (tests)."""
        if not PERSON_ID.match(person_id):
            raise ValueError("person_id must be 1-64 characters of A-Z a-z 0-9 _ -")
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}")
        # Token lifetimes are wall-clock, as in Cognito: moving the local clock ages data,
        # not sign-ins.
        issued_at = int(time.time())
        claims = {
            "sub": person_id,
            "cognito:groups": [role],
            "cognito:username": person_id,
            "iss": self.audience.issuer,
            "aud": self.audience.client_id,
            "token_use": "id",
            "auth_time": issued_at,
            "iat": issued_at,
            "exp": issued_at + lifetime_s,
            "jti": uuid.uuid4().hex,
        }
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self._kid})

    def verify(self, token: str) -> dict[str, Any]:
        """The token's claims after checking signature, key id, issuer, audience, expiry
        and token use; `TokenRefused` otherwise."""
        try:
            header = jwt.get_unverified_header(token)
            if header.get("kid") != self._kid:
                raise TokenRefused("unknown signing key")
            claims = jwt.decode(
                token,
                self._verifying_key,
                algorithms=["RS256"],
                audience=self.audience.client_id,
                issuer=self.audience.issuer,
                options={"require": ["exp", "iat", "iss", "aud", "sub", "token_use"]},
            )
        except jwt.PyJWTError as error:
            raise TokenRefused(type(error).__name__) from error
        if claims.get("token_use") != "id":
            raise TokenRefused("not an id token")
        return claims


def gateway_claims(claims: dict[str, Any]) -> dict[str, str]:
    """Claims as a REST API Cognito authorizer hands them over: every value a string,
    group lists comma-joined, instants in the authorizer's date format."""
    rendered: dict[str, str] = {}
    for name, value in claims.items():
        if isinstance(value, list):
            rendered[name] = ",".join(str(v) for v in value)
        elif name in ("exp", "iat", "auth_time"):
            instant = datetime.fromtimestamp(int(value), UTC)
            rendered[name] = instant.strftime("%a %b %d %H:%M:%S UTC %Y")
        else:
            rendered[name] = str(value)
    return rendered
