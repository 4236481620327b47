"""Swagger UI at /docs, served offline from the copy Powertools ships (a runtime
dependency already), reading the API's own OpenAPI document from /openapi.json."""

from __future__ import annotations

from importlib import resources

from infra.local.gateway import HttpResponse, problem_response

_ASSET_PACKAGE = "aws_lambda_powertools.event_handler.openapi.swagger_ui"
_ASSETS = {
    "swagger-ui-bundle.min.js": "application/javascript; charset=utf-8",
    "swagger-ui.min.css": "text/css; charset=utf-8",
}

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>CareThread API (local)</title>
  <link rel="stylesheet" href="/docs/swagger-ui.min.css">
</head>
<body>
  <div id="swagger-ui">Loading…</div>
  <script src="/docs/swagger-ui-bundle.min.js"></script>
  <script>
    // Tokens: POST /_local/tokens, then "Authorize" with the token.
    window.ui = SwaggerUIBundle({
      url: "/openapi.json",
      dom_id: "#swagger-ui",
      deepLinking: true,
      persistAuthorization: true,
      presets: [SwaggerUIBundle.presets.apis],
      layout: "BaseLayout"
    });
  </script>
</body>
</html>
"""


def page() -> HttpResponse:
    return HttpResponse(200, [("Content-Type", "text/html; charset=utf-8")], _PAGE.encode())


def asset(name: str) -> HttpResponse:
    if name not in _ASSETS:
        return problem_response(404, "not_found", "Not found", "There is nothing here.")
    body = resources.files(_ASSET_PACKAGE).joinpath(name).read_bytes()
    headers = [("Content-Type", _ASSETS[name]), ("Cache-Control", "max-age=3600")]
    return HttpResponse(200, headers, body)
