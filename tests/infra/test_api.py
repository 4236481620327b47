"""The public edge: Cognito on every /v1 route, logs without PHI, throttling, tracing, WAF."""

from __future__ import annotations

import json

import pytest

from tests.infra.template_query import ref

pytestmark = pytest.mark.infra

PHI_CONTEXT_FIELDS = ("sourceIp", "userAgent", "claims", "$context.path", "caller", "user")


@pytest.fixture(scope="module")
def stage(template):
    return template.one("AWS::ApiGateway::Stage")


def test_every_route_but_the_api_description_requires_a_cognito_token(template):
    # given every method of the REST API
    _, authorizer = template.one("AWS::ApiGateway::Authorizer")
    authorizer_id = template.one("AWS::ApiGateway::Authorizer")[0]
    methods = template.of_type("AWS::ApiGateway::Method")
    resources = template.of_type("AWS::ApiGateway::Resource")
    open_paths = []
    # when we look at how each is authorized
    for props in methods.values():
        if props["AuthorizationType"] != "COGNITO_USER_POOLS":
            path = resources[props["ResourceId"]["Ref"]]["PathPart"]
            open_paths.append((props["HttpMethod"], path))
        else:
            assert props["AuthorizerId"] == ref(authorizer_id)
    # then only GET /openapi.json is open, and the authorizer is the user pool
    assert open_paths == [("GET", "openapi.json")]
    assert authorizer["Type"] == "COGNITO_USER_POOLS"
    (pool_arn,) = authorizer["ProviderARNs"]
    assert pool_arn["Fn::GetAtt"][0] == template.one("AWS::Cognito::UserPool")[0]


def test_proxy_route_requires_the_authorization_header_before_the_lambda(template):
    proxy = [
        m for m in template.of_type("AWS::ApiGateway::Method").values() if m["HttpMethod"] == "ANY"
    ]
    (method,) = proxy
    validator = template.resources[method["RequestValidatorId"]["Ref"]]["Properties"]
    assert method["RequestParameters"] == {"method.request.header.Authorization": True}
    assert validator["ValidateRequestParameters"] is True


def test_lambda_routes_sit_under_v1_so_event_paths_match_the_contract(template):
    # given the proxy method and the resources of the REST API
    resources = template.of_type("AWS::ApiGateway::Resource")
    (method,) = [
        m for m in template.of_type("AWS::ApiGateway::Method").values() if m["HttpMethod"] == "ANY"
    ]
    # when we walk from the proxy resource up to the root
    proxy = resources[method["ResourceId"]["Ref"]]
    parent = resources[proxy["ParentId"]["Ref"]]
    # then it is /v1/{proxy+}: the Lambda sees /v1/... paths and the stage is not also v1
    assert (parent["PathPart"], proxy["PathPart"]) == ("v1", "{proxy+}")


def test_stage_has_tracing_error_logging_no_data_trace_and_throttling(stage):
    _, props = stage
    assert props["StageName"] == "live"
    assert props["TracingEnabled"] is True
    (settings,) = props["MethodSettings"]
    assert settings["LoggingLevel"] in ("ERROR", "INFO")
    assert settings["DataTraceEnabled"] is False
    assert settings["ThrottlingRateLimit"] > 0
    assert settings["ThrottlingBurstLimit"] >= settings["ThrottlingRateLimit"]


def test_access_logs_are_json_without_fields_that_identify_a_person(template, stage):
    # given the stage's access log settings
    _, props = stage
    key_id, _ = template.one("AWS::KMS::Key")
    log_format = props["AccessLogSetting"]["Format"]
    # then the format is JSON of request shape and outcome only
    fields = json.loads(log_format)
    assert {"requestId", "status", "httpMethod"} <= set(fields)
    for marker in PHI_CONTEXT_FIELDS:
        assert marker not in log_format
    # and the log group is encrypted with our key
    log_group_id = props["AccessLogSetting"]["DestinationArn"]["Fn::GetAtt"][0]
    assert template.resources[log_group_id]["Properties"]["KmsKeyId"]["Fn::GetAtt"][0] == key_id


def test_waf_protects_the_stage_with_aws_managed_rules_and_a_rate_limit(template, stage):
    # given the web ACL and its association
    acl_id, acl = template.one("AWS::WAFv2::WebACL")
    _, association = template.one("AWS::WAFv2::WebACLAssociation")
    stage_id, _ = stage
    # then it is attached to the API stage
    assert association["WebACLArn"] == {"Fn::GetAtt": [acl_id, "Arn"]}
    assert stage_id in json.dumps(association["ResourceArn"])
    # and runs the AWS managed rule groups and a per-IP rate rule
    managed = {
        rule["Statement"]["ManagedRuleGroupStatement"]["Name"]
        for rule in acl["Rules"]
        if "ManagedRuleGroupStatement" in rule["Statement"]
    }
    assert {
        "AWSManagedRulesCommonRuleSet",
        "AWSManagedRulesKnownBadInputsRuleSet",
        "AWSManagedRulesAmazonIpReputationList",
    } <= managed
    assert any("RateBasedStatement" in rule["Statement"] for rule in acl["Rules"])


def test_waf_logs_redact_the_token(template):
    _, logging = template.one("AWS::WAFv2::LoggingConfiguration")
    assert {"SingleHeader": {"Name": "authorization"}} in logging["RedactedFields"]


def test_user_pool_requires_mfa_strong_passwords_and_admin_created_accounts(template):
    _, pool = template.one("AWS::Cognito::UserPool")
    password = pool["Policies"]["PasswordPolicy"]
    assert pool["MfaConfiguration"] == "ON"
    assert pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True
    assert password["MinimumLength"] >= 12
    assert all(
        password[k]
        for k in ("RequireLowercase", "RequireUppercase", "RequireNumbers", "RequireSymbols")
    )
    assert pool["UserPoolAddOns"] == {"AdvancedSecurityMode": "ENFORCED"}


def test_user_pool_has_the_three_role_groups(template):
    groups = {g["GroupName"] for g in template.of_type("AWS::Cognito::UserPoolGroup").values()}
    assert groups == {"provider", "client", "system"}


def test_gateway_errors_use_the_problem_json_shape(template):
    responses = template.of_type("AWS::ApiGateway::GatewayResponse").values()
    by_type = {r["ResponseType"]: r for r in responses}
    unauthorized = by_type["UNAUTHORIZED"]
    body = json.loads(unauthorized["ResponseTemplates"]["application/json"])
    assert unauthorized["StatusCode"] == "401"
    assert body["code"] == "unauthenticated"
    assert unauthorized["ResponseParameters"] == {
        "gatewayresponse.header.Content-Type": "'application/problem+json'"
    }


def test_gateway_problems_read_like_the_lambdas_for_the_same_code(template):
    # given the problem the API Lambda writes for an unauthenticated caller
    from api.problems import problem_response
    from carethread.domain.errors import Unauthenticated

    lambda_body = json.loads(problem_response(Unauthenticated("Sign in again.")).body)
    # when API Gateway answers 401 itself
    responses = template.of_type("AWS::ApiGateway::GatewayResponse").values()
    by_type = {r["ResponseType"]: r for r in responses}
    gateway_body = json.loads(by_type["UNAUTHORIZED"]["ResponseTemplates"]["application/json"])
    # then a client sees the same type, title and code either way
    assert gateway_body == lambda_body


def test_local_runtime_builds_events_for_the_same_stage_and_resource_as_the_stack():
    # given the stack's stage and the local gateway's event builder
    from infra.constructs.api import STAGE_NAME
    from infra.local import lambda_events

    # when the local gateway turns a request into an event
    event = lambda_events.api_event(
        "GET", "/v1/threads?kind=client", [("Host", "127.0.0.1")], b"", None
    )
    # then stage, resource and proxy match what API Gateway sends from the stack
    assert lambda_events.STAGE == STAGE_NAME
    assert event["resource"] == "/v1/{proxy+}"
    assert event["pathParameters"] == {"proxy": "threads"}
    assert event["path"] == "/v1/threads"
