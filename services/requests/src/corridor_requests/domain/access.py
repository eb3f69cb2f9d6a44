"""Who may see a request and who may take which step: the parties to a request.

Why: one rule for the cabinets, the document downloads and the supplier systems. A request has three
parties: the investor organisation that filed it, the organisation it is currently assigned to, and
the agency manager curating the project. Nobody else sees it, and each step belongs to one party.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from corridor_contracts.vocabulary import Role

from .errors import NotAllowed, Unknown
from .lifecycle import Step


@dataclass(frozen=True)
class Actor:
    """Whoever acts: a person from a token, or a supplier's system account."""

    subject: UUID | None
    organization_id: UUID | None
    roles: frozenset[str]

    def has_any_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


@dataclass(frozen=True)
class Parties:
    investor_organization_id: UUID
    recipient_organization_id: UUID | None
    manager_user_id: UUID | None


class Party(StrEnum):
    INVESTOR = "investor"
    RECIPIENT = "recipient"
    MANAGER = "manager"


# People of the assigned organisation who work its queue; a supplier's system is one of them.
RECIPIENT_ROLES = (Role.OFFICIAL, Role.MANAGER, Role.AGENCY_HEAD, Role.SUPPLIER_SYSTEM)
AGENCY_STAFF_ROLES = (Role.MANAGER, Role.AGENCY_HEAD, Role.ADMINISTRATOR)

STEP_PARTIES: dict[Step, frozenset[Party]] = {
    Step.ACCEPT: frozenset({Party.RECIPIENT}),
    Step.REQUEST_CLARIFICATION: frozenset({Party.RECIPIENT}),
    Step.ANSWER: frozenset({Party.RECIPIENT}),
    Step.REDIRECT: frozenset({Party.RECIPIENT}),
    Step.PROVIDE_CLARIFICATION: frozenset({Party.INVESTOR}),
    Step.WITHDRAW: frozenset({Party.INVESTOR}),
    Step.CLOSE: frozenset({Party.INVESTOR, Party.MANAGER}),
    Step.REROUTE: frozenset({Party.MANAGER}),
}


def parties_of(actor: Actor, parties: Parties) -> frozenset[Party]:
    found = set()
    if actor.organization_id is not None:
        if actor.organization_id == parties.investor_organization_id and actor.has_any_role(Role.INVESTOR):
            found.add(Party.INVESTOR)
        if actor.organization_id == parties.recipient_organization_id and actor.has_any_role(*RECIPIENT_ROLES):
            found.add(Party.RECIPIENT)
    if actor.subject is not None and actor.subject == parties.manager_user_id and actor.has_any_role(Role.MANAGER):
        found.add(Party.MANAGER)
    return frozenset(found)


def ensure_visible(actor: Actor, parties: Parties, what: str = "request") -> frozenset[Party]:
    """The actor's parties; a stranger gets 'not found', so ids of others' requests reveal nothing."""
    found = parties_of(actor, parties)
    if not found:
        raise Unknown(f"no such {what}")
    return found


def ensure_may(step: Step, actor: Actor, parties: Parties) -> None:
    found = ensure_visible(actor, parties)
    if not found & STEP_PARTIES[step]:
        who = " or ".join(sorted(party.value for party in STEP_PARTIES[step]))
        raise NotAllowed(f"only the {who} may {step.value.replace('_', ' ')} this request")


def ensure_agency_staff(actor: Actor) -> None:
    if not actor.has_any_role(*AGENCY_STAFF_ROLES):
        raise NotAllowed("only agency staff (manager, agency head, administrator) may change this")
