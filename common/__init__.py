"""The ground floor: helpers any app may use. Nothing here imports a project app
(accounts, disclosure, review, ... or portal); see docs/architecture.md."""
