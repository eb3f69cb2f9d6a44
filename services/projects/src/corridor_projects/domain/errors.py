"""The errors a client of the projects service can act on, each an RFC 9457 problem with a stable slug.

Why they subclass the chassis' `Problem` right here: each error is part of the public contract (clients
branch on the slug), so it is declared once, next to the rules that raise it, with no mapping layer.
`Problem` is a plain exception; importing it does no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from corridor_chassis.errors import Conflict, Forbidden, NotFound, Problem


@dataclass(frozen=True)
class FieldProblem:
    """One field a web form should flag: where (pydantic-style `loc` and a JSON Pointer) and why."""

    loc: tuple[str | int, ...]
    type: str  # "missing" or "invalid"
    msg: str

    @property
    def pointer(self) -> str:
        return "#/" + "/".join(str(part) for part in self.loc)

    def as_json(self) -> dict:
        return asdict(self) | {"loc": list(self.loc), "pointer": self.pointer}


class PassportIncomplete(Problem):
    slug, status, title = "passport-incomplete", 422, "The passport is not complete"

    def __init__(self, problems: Sequence[FieldProblem]) -> None:
        listed = "; ".join(f"{p.pointer[2:]}: {p.msg}" for p in problems)
        super().__init__(f"{len(problems)} field(s) to complete or correct: {listed}"[:1000],
                         errors=[problem.as_json() for problem in problems])


class IllegalTransition(Conflict):
    """The action does not apply in the current state (ADR 0004: illegal transitions are `conflict`)."""

    def __init__(self, *, action: str, current: str, allowed_from: Sequence[str]) -> None:
        super().__init__(f"Cannot {action.replace('_', ' ')} when the status is {current}",
                         action=action, current_status=current, allowed_from=sorted(allowed_from))


class ConcurrentChange(Conflict):
    slug = "concurrent-change"
    title = "Somebody changed it at the same time"


class VersionConflict(Conflict):
    slug = "version-conflict"
    title = "The version you edited is no longer the current one"


class NotPermitted(Forbidden):
    pass


class ProjectNotFound(NotFound):
    title = "No such project, or it is not yours to see"


class TaskNotFound(NotFound):
    title = "No such task in the project's roadmap"


class AlgorithmNotFound(NotFound):
    title = "No such investment-rules algorithm (or version)"


class ManagerNotAssignable(Problem):
    slug, status, title = "manager-not-assignable", 422, "That person cannot be assigned as the project's manager"


class InvalidRoadmap(Problem):
    slug, status, title = "invalid-roadmap", 422, "The roadmap cannot be composed like that"
