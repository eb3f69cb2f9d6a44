"""The accept form's manager field: the agency's managers by name, the head preselected if they manage
projects, what was sent kept; and asking identity, which may refuse or be away without breaking the form."""

from __future__ import annotations

from typing import Any

import pytest

from corridor_web.adapters.backends import BackendProblem, BackendUnavailable
from corridor_web.domain.managers import Manager, ManagerField, assignable, manager_field
from corridor_web.service_layer.staff import agency_managers

HEAD, OTHER, STRANGER = "head-id", "other-id", "stranger-id"
MANAGERS = [Manager(OTHER, "Андреев Илья"), Manager(HEAD, "Петрова Анна")]


def member(user_id: str, full_name: str, *, active: bool = True, roles: tuple[str, ...] = ("manager",)) -> dict:
    return {"user_id": user_id, "full_name": full_name, "roles": list(roles), "active": active}


def test_only_active_managers_are_offered_in_the_order_of_their_names() -> None:
    members = [member(HEAD, "Петрова Анна", roles=("agency_head", "manager")), member(OTHER, "андреев Илья"),
               member("gone", "Борисов Олег", active=False), member("operator", "Смирнов Олег", roles=("operator",))]
    assert assignable(members) == [Manager(OTHER, "андреев Илья"), Manager(HEAD, "Петрова Анна")]


def test_a_manager_without_a_name_is_listed_by_id() -> None:
    assert assignable([{"user_id": OTHER, "full_name": None, "roles": ["manager"], "active": True}]) == [
        Manager(OTHER, OTHER)]


def test_the_head_who_manages_projects_is_chosen_first() -> None:
    field = manager_field(MANAGERS, current_user_id=HEAD, sent=None)
    assert field == ManagerField(((OTHER, "Андреев Илья"), (HEAD, "Петрова Анна")), HEAD)
    assert field.is_choice


def test_a_head_who_is_not_a_manager_is_not_preselected() -> None:
    assert manager_field(MANAGERS, current_user_id=STRANGER, sent=None).value == ""


def test_the_manager_sent_stays_chosen_even_when_identity_does_not_list_them() -> None:
    assert manager_field(MANAGERS, current_user_id=HEAD, sent=OTHER).value == OTHER
    kept = manager_field(MANAGERS, current_user_id=HEAD, sent=f" {STRANGER} ")
    assert kept.value == STRANGER and kept.choices[-1] == (STRANGER, STRANGER)
    assert manager_field(MANAGERS, current_user_id=HEAD, sent="me").value == HEAD


@pytest.mark.parametrize(("managers", "why"), [(None, "unavailable"), ([], "none")])
def test_without_a_list_the_field_takes_an_id_typed_by_hand_and_says_why(managers: list | None, why: str) -> None:
    field = manager_field(managers, current_user_id=HEAD, sent="typed-id")
    assert field == ManagerField((), "typed-id", fallback=why) and not field.is_choice


class FakeIdentity:
    """Answers GET /organizations/{id}/members as identity does, page by page, or fails as told."""

    def __init__(self, members: list[dict], *, failure: Exception | None = None, answer: Any = None) -> None:
        self.members, self.failure, self.answer = members, failure, answer
        self.asked: list[tuple[str, str, dict]] = []

    async def get(self, service: str, path: str, **params: Any) -> Any:
        self.asked.append((service, path, params))
        if self.failure:
            raise self.failure
        if self.answer is not None:
            return self.answer
        page = self.members[params["offset"]:params["offset"] + params["limit"]]
        return {"items": page, "total": len(self.members)}


async def test_identity_is_asked_for_the_organisations_managers_page_by_page() -> None:
    members = [member(f"id-{n:03}", f"Менеджер {n:03}") for n in range(130)]
    identity = FakeIdentity(members)
    found = await agency_managers(identity, "agency-id")
    assert [m.user_id for m in found] == [f"id-{n:03}" for n in range(130)]
    assert identity.asked == [("identity", "/organizations/agency-id/members",
                               {"role": "manager", "limit": 100, "offset": offset}) for offset in (0, 100)]


@pytest.mark.parametrize("failure", [
    BackendProblem("identity", 403, {"type": "urn:green-corridor:problem:forbidden"}),
    BackendProblem("identity", 404, {}), BackendProblem("identity", 422, {}),
    BackendUnavailable("identity", "ConnectError")])
async def test_a_refusal_or_silence_of_identity_means_no_list_rather_than_an_error(failure: Exception) -> None:
    assert await agency_managers(FakeIdentity([], failure=failure), "agency-id") is None


@pytest.mark.parametrize("answer", [["not", "an", "object"], {"items": [{"full_name": "no id"}], "total": 1}])
async def test_an_answer_of_another_shape_means_no_list(answer: Any) -> None:
    assert await agency_managers(FakeIdentity([], answer=answer), "agency-id") is None


async def test_a_person_without_an_organisation_is_not_asked_about() -> None:
    identity = FakeIdentity([member(OTHER, "Андреев Илья")])
    assert await agency_managers(identity, None) is None and identity.asked == []
