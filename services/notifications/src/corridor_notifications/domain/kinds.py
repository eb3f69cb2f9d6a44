"""The kinds of notification, the item each one is about, and how people hear of it by default.

Why one list: the kind is the template code (in the delivery events), the key of a person's
preferences and of an organisation's webhook subscription, so they must all spell it the same way.
"""

from __future__ import annotations

from enum import StrEnum

from corridor_contracts.events.notifications import Channel


class NotificationKind(StrEnum):
    PROJECT_ACCEPTED = "project-accepted"
    PROJECT_REJECTED = "project-rejected"
    PROJECT_RETURNED = "project-returned"
    PROJECT_COMPLETED = "project-completed"
    ROADMAP_PUBLISHED = "roadmap-published"
    REQUEST_ROUTED = "request-routed"
    REQUEST_REDIRECTED = "request-redirected"
    CLARIFICATION_REQUESTED = "clarification-requested"
    CLARIFICATION_PROVIDED = "clarification-provided"
    REQUEST_ANSWERED = "request-answered"
    REQUEST_WITHDRAWN = "request-withdrawn"
    SLA_WARNING = "sla-warning"
    SLA_BREACHED = "sla-breached"
    SLA_ESCALATED = "sla-escalated"

    @property
    def is_about_a_request(self) -> bool:
        return self not in _PROJECT_KINDS


_PROJECT_KINDS = frozenset({
    NotificationKind.PROJECT_ACCEPTED, NotificationKind.PROJECT_REJECTED, NotificationKind.PROJECT_RETURNED,
    NotificationKind.PROJECT_COMPLETED, NotificationKind.ROADMAP_PUBLISHED,
})

# Channels a person chooses for themselves; webhooks belong to an organisation's subscription instead.
PERSONAL_CHANNELS: tuple[Channel, ...] = (Channel.IN_APP, Channel.EMAIL)

# Everything reaches the feed; e-mail is for what asks someone to act or decides something for them.
# Roadmap versions and completion are informative only, so they stay out of the inbox unless asked for.
_QUIET_BY_EMAIL = frozenset({NotificationKind.ROADMAP_PUBLISHED, NotificationKind.PROJECT_COMPLETED})


def enabled_by_default(kind: NotificationKind, channel: Channel) -> bool:
    if channel is Channel.IN_APP:
        return True
    if channel is Channel.EMAIL:
        return kind not in _QUIET_BY_EMAIL
    return False


def cabinet_path(kind: NotificationKind, *, project_id: object, request_id: object | None) -> str:
    """The path of the item in the cabinet (the cabinet shows it as the signed-in role may see it)."""
    if kind.is_about_a_request and request_id is not None:
        return f"/requests/{request_id}"
    return f"/projects/{project_id}"
