"""/metrics: the pages' requests by route template with their latency, and failed calls to services."""

from __future__ import annotations

import httpx
from prometheus_client.parser import text_string_to_metric_families

from web_stand_ins import Backends, sign_in

PROJECT = "33333333-3333-4333-8333-333333333333"


async def scrape(web: httpx.AsyncClient) -> dict[tuple[str, frozenset], float]:
    answer = await web.get("/metrics")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain")
    return {(sample.name, frozenset(sample.labels.items())): sample.value
            for family in text_string_to_metric_families(answer.text) for sample in family.samples}


def total(samples: dict[tuple[str, frozenset], float], name: str, **labels: str) -> float:
    return sum(value for (sample, tags), value in samples.items()
               if sample == name and set(labels.items()) <= tags)


async def test_pages_are_counted_and_timed_by_route_template_not_by_address(web: httpx.AsyncClient,
                                                                          backends: Backends) -> None:
    backends.on("projects", "GET", f"/projects/{PROJECT}", {"project_id": PROJECT, "status": "draft", "passport": {}})
    await sign_in(web)
    before = await scrape(web)
    assert (await web.get(f"/projects/{PROJECT}")).status_code == 200
    assert (await web.get("/projects/44444444-4444-4444-8444-444444444444")).status_code == 404
    after = await scrape(web)
    route = {"http_target": "/projects/{project_id}", "http_method": "GET"}
    for status in ("200", "404"):
        counted = "http_server_duration_milliseconds_count"
        assert total(after, counted, **route, http_status_code=status) - total(
            before, counted, **route, http_status_code=status) == 1
    assert total(after, "http_server_duration_milliseconds_sum", **route) > total(
        before, "http_server_duration_milliseconds_sum", **route)
    assert not any(PROJECT in str(tags) for _, tags in after)
    assert not any(dict(tags).get("http_target") in ("/metrics", "/healthz") for _, tags in after)


async def test_calls_a_service_did_not_answer_are_counted_by_service_and_reason(web: httpx.AsyncClient,
                                                                                backends: Backends) -> None:
    failures = "gc_web_upstream_failures_total"
    await sign_in(web)
    for reason, answer in (("no_answer", lambda request: (_ for _ in ()).throw(httpx.ConnectError("refused"))),
                           ("server_error", lambda _request: httpx.Response(502, json={}))):
        backends.on("projects", "GET", "/projects", answer)
        before = await scrape(web)
        assert (await web.get("/projects")).status_code == 503
        after = await scrape(web)
        assert total(after, failures, service="projects", reason=reason) - total(
            before, failures, service="projects", reason=reason) == 1
        assert total(after, failures) - total(before, failures) == 1  # no other service, no other reason

    backends.on("projects", "GET", "/projects", lambda _request: httpx.Response(403, json={}))
    before = await scrape(web)
    assert (await web.get("/projects")).status_code == 403
    assert total(await scrape(web), failures) == total(before, failures)  # a refusal is an answer
