"""The manager field of the agency head's accept form: a list to choose from, or an id typed by hand.

Why in the domain: what the field offers and which option it preselects is a rule of the page, not of
identity or of projects — the agency's active managers by name, the head first chosen if they manage
projects themselves, and whatever the person sent kept as sent (even an id that is not in the list:
projects judges it and its refusal is shown beside the field, so the choice must stay visible).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

MANAGER_ROLE = "manager"


@dataclass(frozen=True)
class Manager:
    user_id: str
    full_name: str


@dataclass(frozen=True)
class ManagerField:
    """`choices` of (user id, name) for a <select>, or none: then the field is a text input."""

    choices: tuple[tuple[str, str], ...]
    value: str
    fallback: str | None = None  # why there is no list: "unavailable" or "none" (an i18n key's tail)

    @property
    def is_choice(self) -> bool:
        return self.fallback is None


def assignable(members: Iterable[Mapping[str, Any]]) -> list[Manager]:
    """Active members holding the manager role, by name; identity filters by role already, but a
    deactivated manager cannot be assigned, and a list that says so would only invite a refusal."""
    found = [Manager(str(member["user_id"]), str(member.get("full_name") or member["user_id"]))
             for member in members
             if member.get("active", True) and MANAGER_ROLE in (member.get("roles") or (MANAGER_ROLE,))]
    return sorted(found, key=lambda manager: (manager.full_name.casefold(), manager.user_id))


def manager_field(managers: list[Manager] | None, *, current_user_id: str, sent: str | None) -> ManagerField:
    """The field to render: `managers` is None when identity could not be asked; `sent` is what the
    form came back with (None on first showing)."""
    if managers is None or not managers:
        return ManagerField((), sent or "", fallback="unavailable" if managers is None else "none")
    choices = tuple((manager.user_id, manager.full_name) for manager in managers)
    known = {user_id for user_id, _ in choices}
    if sent is None or sent in ("", "me"):
        value = current_user_id if current_user_id in known else ""
    else:
        value = sent.strip()
    if value and value not in known:
        choices += ((value, value),)
    return ManagerField(choices, value)
