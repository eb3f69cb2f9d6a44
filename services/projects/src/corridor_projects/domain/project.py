"""The project aggregate: the investor's passport and the agency's decisions about it.

Each method checks the move against the lifecycle (an illegal one is a 409) and changes the state in
memory; the service layer persists it, records the timeline entry and enqueues the event in the same
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from corridor_contracts.vocabulary import ProjectSummary

from .completeness import passport_problems
from .errors import PassportIncomplete
from .lifecycle import Action, ProjectStatus, ensure_allowed, transition
from .passport import Passport


@dataclass
class Project:
    project_id: UUID
    investor_organization_id: UUID
    status: ProjectStatus
    passport: Passport
    created_by: UUID
    created_at: datetime
    updated_at: datetime
    passport_version: int = 0
    manager_user_id: UUID | None = None
    review_note: str | None = None
    submitted_at: datetime | None = None
    revision: int = 0

    @classmethod
    def draft(cls, *, project_id: UUID, investor_organization_id: UUID, passport: Passport, created_by: UUID,
              now: datetime) -> Project:
        return cls(project_id=project_id, investor_organization_id=investor_organization_id,
                   status=ProjectStatus.DRAFT, passport=passport, created_by=created_by, created_at=now,
                   updated_at=now)

    def edit_passport(self, passport: Passport, now: datetime) -> None:
        ensure_allowed(self.status, Action.EDIT_PASSPORT)
        self.passport, self.updated_at = passport, now

    def submit(self, now: datetime) -> None:
        """Hand the passport to the agency; refused with every missing field listed if incomplete."""
        ensure_allowed(self.status, Action.SUBMIT)
        if problems := passport_problems(self.passport):
            raise PassportIncomplete(problems)
        self._move(Action.SUBMIT, now)
        self.passport_version += 1
        self.submitted_at = now

    def accept(self, manager_user_id: UUID, now: datetime) -> None:
        self._move(Action.ACCEPT, now)
        self.manager_user_id, self.review_note = manager_user_id, None

    def reject(self, reason: str, now: datetime) -> None:
        self._move(Action.REJECT, now)
        self.review_note = reason

    def return_for_revision(self, remarks: str, now: datetime) -> None:
        self._move(Action.RETURN, now)
        self.review_note = remarks

    def complete(self, now: datetime) -> None:
        self._move(Action.COMPLETE, now)

    def change_roadmap(self, action: Action, now: datetime) -> None:
        """Roadmap work happens only while the project is supported, and counts as a change of it."""
        ensure_allowed(self.status, action)
        self.updated_at = now

    def summary(self) -> ProjectSummary:
        """What requests and notifications need to know about the project (only once submitted)."""
        details, site = self.passport.project, self.passport.site
        assert details and details.name and site and site.municipality_code, "a submitted passport is complete"
        return ProjectSummary(name=details.name, investor_organization_id=self.investor_organization_id,
                              municipality_code=site.municipality_code, site_address=site.address,
                              cadastral_number=site.cadastral_number, industry_okved=details.industry_okved)

    def _move(self, action: Action, now: datetime) -> None:
        self.status = transition(self.status, action)
        self.updated_at = now
