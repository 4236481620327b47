"""One synthesized CareThread stack per test session (per xdist worker): tests read the
template it produced. The deps layer is a placeholder folder: these tests assert the
template, not the layer's contents, and must not need the network."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.infra.template_query import TemplateQuery


@dataclass(frozen=True)
class Synthesized:
    app: Any
    stack: Any
    template_path: Path
    template: TemplateQuery


@pytest.fixture(scope="session")
def synthesized(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Synthesized]:
    from infra.app import build_app

    root = tmp_path_factory.mktemp("infra")
    deps = root / "deps-layer"
    (deps / "python").mkdir(parents=True)
    (deps / "python" / "placeholder.txt").write_text("test-only deps layer\n")
    # The nag packs run in test_gates (one report per pack) instead of failing synthesis.
    app, stack = build_app(
        context={"depsLayerDir": str(deps), "stage": "test"},
        outdir=str(root / "cdk.out"),
        nag=False,
    )
    app.synth()
    template_path = root / "cdk.out" / f"{stack.artifact_id}.template.json"
    body = json.loads(template_path.read_text())
    yield Synthesized(app, stack, template_path, TemplateQuery(body))


@pytest.fixture(scope="session")
def template(synthesized: Synthesized) -> TemplateQuery:
    return synthesized.template
