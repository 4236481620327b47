"""Small read helpers over a synthesized CloudFormation template (plain dicts)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TemplateQuery:
    body: dict[str, Any]

    @property
    def resources(self) -> dict[str, dict[str, Any]]:
        return self.body["Resources"]

    def of_type(self, resource_type: str) -> dict[str, dict[str, Any]]:
        """Logical id → properties of every resource of this type."""
        return {
            logical_id: resource.get("Properties", {})
            for logical_id, resource in self.resources.items()
            if resource["Type"] == resource_type
        }

    def one(self, resource_type: str) -> tuple[str, dict[str, Any]]:
        found = self.of_type(resource_type)
        assert len(found) == 1, f"expected one {resource_type}, found {sorted(found)}"
        return next(iter(found.items()))

    def function(self, package: str) -> tuple[str, dict[str, Any]]:
        """The Lambda function whose handler lives in functions/<package>."""
        for logical_id, props in self.of_type("AWS::Lambda::Function").items():
            if props["Handler"] == f"{package}.handler.lambda_handler":
                return logical_id, props
        raise AssertionError(f"no function for {package}")

    def policy_statements_of_role(self, role_logical_id: str) -> list[dict[str, Any]]:
        """Every statement of every policy attached to the role (managed or inline)."""
        statements: list[dict[str, Any]] = []
        for props in self.of_type("AWS::IAM::ManagedPolicy").values():
            if {"Ref": role_logical_id} in props.get("Roles", []):
                statements += props["PolicyDocument"]["Statement"]
        for props in self.of_type("AWS::IAM::Policy").values():
            if {"Ref": role_logical_id} in props.get("Roles", []):
                statements += props["PolicyDocument"]["Statement"]
        role = self.resources[role_logical_id]["Properties"]
        assert not role.get("ManagedPolicyArns"), "no AWS managed policies on function roles"
        for policy in role.get("Policies", []):
            statements += policy["PolicyDocument"]["Statement"]
        return statements

    def function_actions(self, package: str) -> set[str]:
        _, props = self.function(package)
        role_id = props["Role"]["Fn::GetAtt"][0]
        return {
            action
            for statement in self.policy_statements_of_role(role_id)
            for action in as_list(statement["Action"])
        }


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def ref(logical_id: str) -> dict[str, str]:
    return {"Ref": logical_id}


def arn_of(logical_id: str) -> dict[str, list[str]]:
    return {"Fn::GetAtt": [logical_id, "Arn"]}
