"""The error body every endpoint returns: RFC 9457 problem details with a stable `code`."""

from __future__ import annotations

from pydantic import BaseModel, Field

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://carethread.example/problems/"


class FieldError(BaseModel):
    field: str = Field(description="The failing input: a body field, query parameter or header.")
    message: str


class Problem(BaseModel):
    type: str = Field(description="A URI naming the problem kind; ends with `code`.")
    title: str
    status: int
    detail: str = Field(description="A human sentence: why, what to do.")
    code: str = Field(description="Stable, machine-readable reason, e.g. `relationship_past`.")
    errors: list[FieldError] | None = Field(
        default=None, description="For `invalid_request`: the failing fields."
    )


def problem(
    *, status: int, code: str, title: str, detail: str, errors: list[FieldError] | None
) -> Problem:
    return Problem(
        type=PROBLEM_TYPE_BASE + code,
        title=title,
        status=status,
        detail=detail,
        code=code,
        errors=errors,
    )
