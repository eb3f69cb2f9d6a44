"""Reference data every page names things by: the region's municipalities (identity) and the request
types (requests).

Why municipalities are cached: the list is public and changes with a law, not with a request; asking
identity once every ten minutes keeps pages fast and still picks up a change without a restart.
"""

from __future__ import annotations

import time

from corridor_web.adapters.backends import Api, BackendProblem, BackendUnavailable, Backends, unless_refused

KEEP_SECONDS = 600


class Municipalities:
    def __init__(self) -> None:
        self._names: dict[str, str] = {}
        self._fetched_at = float("-inf")

    async def names(self, backends: Backends) -> dict[str, str]:
        """OKTMO code → Russian name; what was last known if identity does not answer."""
        if time.monotonic() - self._fetched_at > KEEP_SECONDS:
            try:
                found = (await backends.send("identity", "GET", "/municipalities")).json()
            except (BackendProblem, BackendUnavailable):
                return self._names
            self._names = {item["code"]: item["name_ru"] for item in found}
            self._fetched_at = time.monotonic()
        return self._names


async def request_type_names(api: Api) -> dict[str, str]:
    """Names of the request types by code (the lists show names, not codes)."""
    found = await unless_refused(api.get("requests", "/request-types"), [])
    return {request_type["code"]: request_type["name"] for request_type in found}
