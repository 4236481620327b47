"""The local runtime (`make run`): CareThread's real handlers on an embedded moto, behind a
gateway that verifies tokens like the Cognito authorizer. Never deployed."""
