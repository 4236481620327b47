"""The review gates: cdk-nag packs with zero unacknowledged findings, cfn-lint with zero
errors, and every acknowledgment placed on one resource with a reason."""

from __future__ import annotations

import pytest
from aws_cdk import Validations
from cfnlint.api import lint_file

from infra.app import NAG_PACKS

pytestmark = pytest.mark.infra


def _acknowledgments(construct) -> list[dict]:
    key = Validations.ACKNOWLEDGED_RULES_METADATA_KEY
    return [entry.data for entry in construct.node.metadata if entry.type == key]


@pytest.mark.parametrize("pack", NAG_PACKS, ids=lambda pack: pack.__name__)
def test_nag_pack_has_no_unacknowledged_findings(synthesized, pack):
    # given the synthesized stack
    # when the rule pack validates it
    report = pack().validate_scope(synthesized.stack)
    # then nothing is left unacknowledged
    findings = [
        f"{violation.rule_name} at {resource.construct_path}"
        for violation in report.violations
        for resource in violation.violating_resources
    ]
    assert findings == []


def test_template_has_no_cfn_lint_errors(synthesized):
    # given the synthesized template file
    # when cfn-lint checks it
    matches = lint_file(synthesized.template_path)
    # then no rule of the error class (E…) fires
    errors = [f"{m.rule.id} {m.message} ({m.path})" for m in matches if m.rule.id.startswith("E")]
    assert errors == []


def test_no_acknowledgment_is_stack_wide(synthesized):
    # given the app and its stack
    # when we look for acknowledgments on the app or stack themselves
    blanket = _acknowledgments(synthesized.app) + _acknowledgments(synthesized.stack)
    # then there are none: each acknowledgment sits on the one resource it concerns
    assert blanket == []


def test_every_acknowledgment_gives_a_reason(synthesized):
    # given every construct below the stack
    constructs = synthesized.stack.node.find_all()
    # when we collect their acknowledgments
    acknowledged = [ack for c in constructs for ack in _acknowledgments(c)]
    # then each one names a rule and explains itself in more than a few words
    assert acknowledged, "expected the documented acknowledgments"
    for data in acknowledged:
        for rule, reason in data.items():
            assert len(str(reason).split()) >= 12, rule
