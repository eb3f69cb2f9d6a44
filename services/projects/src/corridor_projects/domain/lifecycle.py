"""The life of a project, from the investor's draft to the end of support, as one table of moves.

draft ─submit→ submitted ─accept→ accepted ─complete→ completed
                 │  ├─reject→ rejected (final)
                 │  └─return→ returned ─submit→ submitted (the passport version grows)
The investor edits the passport only while it is theirs (draft, returned); the agency decides only on
a submitted passport; a roadmap is planned only for an accepted project.
"""

from __future__ import annotations

from enum import StrEnum

from .errors import IllegalTransition


class ProjectStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    COMPLETED = "completed"


class Action(StrEnum):
    """What can be done to a project; also the `action` of its timeline entries."""

    CREATE = "create"
    EDIT_PASSPORT = "edit_passport"
    SUBMIT = "submit"
    ACCEPT = "accept"
    REJECT = "reject"
    RETURN = "return"
    COMPLETE = "complete"
    PUBLISH_ROADMAP = "publish_roadmap"
    CHANGE_TASK = "change_task"


_ALLOWED_FROM: dict[Action, frozenset[ProjectStatus]] = {
    Action.EDIT_PASSPORT: frozenset({ProjectStatus.DRAFT, ProjectStatus.RETURNED}),
    Action.SUBMIT: frozenset({ProjectStatus.DRAFT, ProjectStatus.RETURNED}),
    Action.ACCEPT: frozenset({ProjectStatus.SUBMITTED}),
    Action.REJECT: frozenset({ProjectStatus.SUBMITTED}),
    Action.RETURN: frozenset({ProjectStatus.SUBMITTED}),
    Action.COMPLETE: frozenset({ProjectStatus.ACCEPTED}),
    Action.PUBLISH_ROADMAP: frozenset({ProjectStatus.ACCEPTED}),
    Action.CHANGE_TASK: frozenset({ProjectStatus.ACCEPTED}),
}

_LEADS_TO: dict[Action, ProjectStatus] = {
    Action.SUBMIT: ProjectStatus.SUBMITTED,
    Action.ACCEPT: ProjectStatus.ACCEPTED,
    Action.REJECT: ProjectStatus.REJECTED,
    Action.RETURN: ProjectStatus.RETURNED,
    Action.COMPLETE: ProjectStatus.COMPLETED,
}


def ensure_allowed(status: ProjectStatus, action: Action) -> None:
    allowed = _ALLOWED_FROM[action]
    if status not in allowed:
        raise IllegalTransition(action=action, current=status, allowed_from=allowed)


def transition(status: ProjectStatus, action: Action) -> ProjectStatus:
    """The status after `action`, or IllegalTransition (409) when it does not apply now."""
    ensure_allowed(status, action)
    return _LEADS_TO.get(action, status)
