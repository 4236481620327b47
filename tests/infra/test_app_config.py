"""Deployment settings come from CDK context; a missing deps layer stops synthesis early."""

from __future__ import annotations

import pytest
from aws_cdk import App

from infra.app import ROOT, build_app, config_from_context

pytestmark = pytest.mark.infra


def test_defaults_apply_without_context():
    # given an app with no context
    # when the configuration is read
    config = config_from_context(App())
    # then the defaults are used, with the deps layer under the repository's build folder
    assert config.stage == "dev"
    assert config.deps_layer_dir == ROOT / "build" / "layers" / "deps"
    assert config.log_retention == "ONE_YEAR"


def test_context_overrides_the_defaults():
    # given context values as `cdk -c key=value` passes them (strings)
    app = App(context={"stage": "prod", "apiRatePerSecond": "20", "fromAddress": "a@b.org"})
    # when the configuration is read
    config = config_from_context(app)
    # then they win, converted to the expected types
    assert (config.stage, config.api_rate_per_second, config.from_address) == (
        "prod",
        20,
        "a@b.org",
    )


def test_synthesis_stops_when_the_deps_layer_was_not_built(tmp_path):
    # given a deps layer directory that does not exist
    # when the app is built
    # then it stops with the command that fixes it
    with pytest.raises(SystemExit, match="make layers"):
        build_app(context={"depsLayerDir": str(tmp_path / "missing")}, outdir=str(tmp_path))
