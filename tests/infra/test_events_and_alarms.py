"""Platform events, the hourly sweep, and the alarms that call a person."""

from __future__ import annotations

import pytest

from tests.infra.template_query import arn_of, as_list, ref

pytestmark = pytest.mark.infra


def _rule_targeting(template, package):
    function_id, _ = template.function(package)
    for props in template.of_type("AWS::Events::Rule").values():
        for target in props["Targets"]:
            if target["Arn"] == arn_of(function_id):
                return props, target
    raise AssertionError(f"no rule targets {package}")


def test_platform_events_reach_care_events_with_a_dead_letter_queue(template):
    rule, target = _rule_targeting(template, "care_events")
    assert sorted(rule["EventPattern"]["detail-type"]) == [
        "AppointmentUpserted",
        "ClientRematched",
        "PersonUpserted",
    ]
    assert rule["EventPattern"]["source"]
    assert target["DeadLetterConfig"]["Arn"]["Fn::GetAtt"][0] in template.of_type("AWS::SQS::Queue")
    assert target["RetryPolicy"]["MaximumRetryAttempts"] > 0


def test_care_events_knows_its_dead_letter_queue(template):
    _, target = _rule_targeting(template, "care_events")
    _, function = template.function("care_events")
    dlq_id = target["DeadLetterConfig"]["Arn"]["Fn::GetAtt"][0]
    assert function["Environment"]["Variables"]["CARETHREAD_DEAD_LETTER_QUEUE_URL"] == ref(dlq_id)


def test_sweep_runs_hourly_with_a_dead_letter_queue(template):
    rule, target = _rule_targeting(template, "sweep")
    assert rule["ScheduleExpression"] == "rate(1 hour)"
    assert "DeadLetterConfig" in target


def test_queues_are_kms_encrypted_and_tls_only(template):
    key_id, _ = template.one("AWS::KMS::Key")
    queues = template.of_type("AWS::SQS::Queue")
    policies = template.of_type("AWS::SQS::QueuePolicy").values()
    for queue_id, props in queues.items():
        assert props["KmsMasterKeyId"] == arn_of(key_id)
        denies = [
            s
            for p in policies
            if ref(queue_id) in p["Queues"]
            for s in p["PolicyDocument"]["Statement"]
            if s["Effect"] == "Deny"
        ]
        assert any(s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}} for s in denies)


def test_every_dead_letter_queue_alarms_on_its_first_message(template):
    queues = set(template.of_type("AWS::SQS::Queue"))
    alarmed = {
        dimension["Value"]["Fn::GetAtt"][0]
        for alarm in template.of_type("AWS::CloudWatch::Alarm").values()
        if alarm["MetricName"] == "ApproximateNumberOfMessagesVisible" and alarm["Threshold"] == 0
        for dimension in alarm["Dimensions"]
    }
    assert alarmed == queues


@pytest.mark.parametrize("metric", ["Errors", "Throttles"])
def test_every_function_alarms_on_errors_and_throttles(template, metric):
    functions = set(template.of_type("AWS::Lambda::Function"))
    alarmed = {
        dimension["Value"]["Ref"]
        for alarm in template.of_type("AWS::CloudWatch::Alarm").values()
        if alarm["MetricName"] == metric and alarm["Namespace"] == "AWS/Lambda"
        for dimension in alarm["Dimensions"]
    }
    assert alarmed == functions


def test_api_5xx_alarms(template):
    names = {a["MetricName"] for a in template.of_type("AWS::CloudWatch::Alarm").values()}
    assert "5XXError" in names


def test_alarms_notify_an_encrypted_topic(template):
    topic_id, topic = template.one("AWS::SNS::Topic")
    key_id, _ = template.one("AWS::KMS::Key")
    assert topic["KmsMasterKeyId"] == arn_of(key_id)
    for alarm in template.of_type("AWS::CloudWatch::Alarm").values():
        assert as_list(alarm["AlarmActions"]) == [ref(topic_id)]
