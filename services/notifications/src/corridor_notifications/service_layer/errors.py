"""The problems this service's API answers with (RFC 9457; the slugs are part of the API, see README)."""

from __future__ import annotations

from corridor_chassis.errors import Conflict, Forbidden, NotFound, Problem


class NotificationNotFound(NotFound):
    slug, title = "notification-not-found", "No such notification"


class WebhookNotFound(NotFound):
    slug, title = "webhook-not-found", "No such webhook"


class NotDeadLettered(Conflict):
    slug, title = "not-dead-lettered", "Only a dead-lettered notification can be replayed"


class NotYourOrganization(Forbidden):
    slug, title = "not-your-organization", "Only the organisation's own people may do this"


class InvalidWebhookUrl(Problem):
    slug, status, title = "invalid-webhook-url", 422, "The webhook URL is not acceptable"


class OrganizationRequired(Problem):
    slug, status, title = "organization-required", 422, "Name the organisation (organization_id)"
