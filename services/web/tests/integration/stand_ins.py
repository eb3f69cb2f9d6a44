"""Stand-in backends for the web app's own tests: they answer as the five services' APIs do.


Why stand-ins here: these tests pin the web app's own behaviour (sessions, CSRF, languages, how a
refusal becomes a message beside a field) including answers that are hard to provoke on demand,
such as a refused token refresh or a service that is down. The browser suite (tests/browser) runs
the same pages against the real services.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from corridor_web.settings import Settings

INVESTOR_ID = "11111111-1111-4111-8111-111111111111"
COMPANY_ID = "22222222-2222-4222-8222-222222222222"
Handler = Callable[[httpx.Request], httpx.Response]


def problem(status: int, slug: str, title: str = "Refused", **extensions: object) -> httpx.Response:
    body = {"type": f"urn:green-corridor:problem:{slug}", "title": title, "status": status, **extensions}
    return httpx.Response(status, json=body, headers={"content-type": "application/problem+json"})


@dataclass
class Backends:
    """Routes by (service, method, path); remembers every call it answered."""

    routes: dict[tuple[str, str, str], Handler] = field(default_factory=dict)
    calls: list[httpx.Request] = field(default_factory=list)
    issued: int = 0
    expires_in: int = 600

    def on(self, service: str, method: str, path: str, answer: Handler | dict | list) -> None:
        self.routes[(service, method, path)] = answer if callable(answer) else (lambda _r, a=answer: httpx.Response(
            200, json=a))

    def called(self, service: str, method: str, path: str) -> list[httpx.Request]:
        return [c for c in self.calls if (c.url.host.split(".")[0], c.method, c.url.path) == (service, method, path)]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request)
        key = (request.url.host.split(".")[0], request.method, request.url.path)
        for (service, method, pattern), handler in self.routes.items():
            if (service, method) == key[:2] and re.fullmatch(pattern, key[2]):
                return handler(request)
        return problem(404, "not-found", "Not found")

    def token(self, request: httpx.Request) -> httpx.Response:
        form = dict(httpx.QueryParams(request.content.decode()))
        if form.get("grant_type") == "password" and form.get("password") != "right-password":
            return problem(400, "invalid-credentials", "The e-mail or password is wrong", error="invalid_grant")
        self.issued += 1
        return httpx.Response(200, json={"access_token": f"access-{self.issued}", "token_type": "Bearer",
                                         "refresh_token": f"refresh-{self.issued}", "expires_in": self.expires_in})


def standard_backends() -> Backends:
    stub = Backends()
    stub.on("identity", "POST", "/token", stub.token)
    stub.on("identity", "GET", "/me", {"id": INVESTOR_ID, "email": "investor@example.ru", "full_name": "Иванов Пётр",
                                       "roles": ["investor"], "organization_id": COMPANY_ID,
                                       "organization_kind": "investor"})
    stub.on("identity", "GET", f"/organizations/{COMPANY_ID}", {"id": COMPANY_ID, "short_name": "ООО «МолПром»"})
    stub.on("identity", "GET", "/municipalities", [{"code": "41612000", "name_ru": "Всеволожский муниципальный район",
                                                    "kind": "municipal_district"}])
    stub.on("notifications", "GET", "/feed", {"items": [], "unread": 0, "next_before": None})
    stub.on("projects", "GET", "/projects", {"items": [], "total": 0, "page": 1, "page_size": 20})
    return stub


def settings(**overrides: object) -> Settings:
    urls = {f"{name}_url": f"http://{name}.test" for name in ("identity", "projects", "requests", "sla",
                                                              "notifications")}
    return Settings(environment="test", log_json=False, **urls | overrides)


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html)[1]


async def sign_in(client: httpx.AsyncClient) -> httpx.Response:
    token = csrf_of((await client.get("/login")).text)
    return await client.post("/login", data={"email": "investor@example.ru", "password": "right-password",
                                             "csrf_token": token})


def json_body(request: httpx.Request) -> dict:
    return json.loads(request.content)
