"""The roadmap composer puts each algorithm after the one it starts after."""

from __future__ import annotations

from corridor_web.domain.roadmap import roadmap_items


def test_an_algorithm_comes_after_the_one_it_follows_whatever_the_order_ticked() -> None:
    items = roadmap_items({"construction-permit": "gpzu", "gpzu": "land-lease", "land-lease": "", "gas": ""})
    assert [item["algorithm_code"] for item in items] == ["land-lease", "gas", "gpzu", "construction-permit"]
    assert items[2] == {"algorithm_code": "gpzu", "after": "land-lease"}


def test_following_an_algorithm_that_was_not_ticked_or_itself_means_the_start_date() -> None:
    assert roadmap_items({"gpzu": "not-chosen", "gas": "gas"}) == [
        {"algorithm_code": "gpzu", "after": None}, {"algorithm_code": "gas", "after": None}]


def test_a_cycle_is_passed_on_as_chosen_for_the_service_to_refuse() -> None:
    items = roadmap_items({"a": "b", "b": "a", "c": ""})
    assert [item["algorithm_code"] for item in items] == ["c", "a", "b"]
