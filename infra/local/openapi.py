"""The OpenAPI document the API function generates, pointed at this runtime."""

from __future__ import annotations

from typing import Any


def openapi_document(base_url: str) -> dict[str, Any]:
    from api.openapi_export import openapi_document as exported

    document = dict(exported())
    document["servers"] = [{"url": base_url, "description": "local runtime (make run)"}]
    return document
