"""The CDK app: `python -m infra.app` (make synth) or `cdk synth` (cdk.json points here).

Synthesizes offline: no AWS credentials, no Docker. The account and region come from the CDK
CLI's environment when it has one; otherwise the stack is environment-agnostic.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# The stack imports the key schema and the stream filter from the core package itself.
_CORE = str(ROOT / "layers" / "core" / "python")
if _CORE not in sys.path:
    sys.path.insert(0, _CORE)
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

from aws_cdk import App, Environment, Validations  # noqa: E402
from cdk_nag import AwsSolutionsChecks, HIPAASecurityChecks, ServerlessChecks  # noqa: E402

from infra.stack import CareThreadStack, StackConfig  # noqa: E402

DEFAULTS: dict[str, Any] = {
    "stage": "dev",
    "depsLayerDir": "build/layers/deps",
    "logRetention": "ONE_YEAR",
    "fromAddress": "no-reply@carethread.example",
    "signInUrl": "https://app.carethread.example/sign-in",
    "platformEventSource": "carethread.platform",
    "apiRatePerSecond": 50,
    "apiBurst": 100,
}


def config_from_context(app: App) -> StackConfig:
    """Deployment settings from `-c key=value` / cdk.json context, with the defaults above."""

    def value(name: str) -> Any:
        found = app.node.try_get_context(name)
        return DEFAULTS[name] if found is None else found

    deps = Path(str(value("depsLayerDir")))
    return StackConfig(
        stage=str(value("stage")),
        deps_layer_dir=deps if deps.is_absolute() else ROOT / deps,
        log_retention=str(value("logRetention")),
        from_address=str(value("fromAddress")),
        sign_in_url=str(value("signInUrl")),
        platform_event_source=str(value("platformEventSource")),
        api_rate_per_second=int(value("apiRatePerSecond")),
        api_burst=int(value("apiBurst")),
    )


NAG_PACKS = (AwsSolutionsChecks, HIPAASecurityChecks, ServerlessChecks)


def build_app(
    context: dict[str, Any] | None = None, outdir: str | None = None, *, nag: bool = True
) -> tuple[App, CareThreadStack]:
    """The app with its one stack; with `nag`, the cdk-nag packs run as synthesis validations
    and any unacknowledged finding fails synthesis."""
    # The CDK CLI passes CDK_OUTDIR; `python -m infra.app` writes where the CLI would.
    outdir = outdir or os.environ.get("CDK_OUTDIR") or str(ROOT / "cdk.out")
    app = App(context=context, outdir=outdir)
    config = config_from_context(app)
    if not (config.deps_layer_dir / "python").is_dir():
        raise SystemExit(f"no deps layer at {config.deps_layer_dir}: run `make layers` first")
    account = os.environ.get("CDK_DEFAULT_ACCOUNT")
    region = os.environ.get("CDK_DEFAULT_REGION")
    env = Environment(account=account, region=region) if account and region else None
    stack = CareThreadStack(app, f"CareThread-{config.stage}", config=config, env=env)
    if nag:
        Validations.of(app).add_plugins(*(pack(app) for pack in NAG_PACKS))
    return app, stack


def main() -> None:
    app, _ = build_app()
    app.synth()


if __name__ == "__main__":
    main()
