"""The agency's managers, asked of identity with the agency head's own token, for the accept form.

Why a failure is not an error here: the list only saves typing an id. If identity refuses (the
endpoint is missing, the person may not read the organisation) or does not answer, the form falls
back to an id typed by hand with a note saying why, and the decision can still be made.
"""

from __future__ import annotations

import logging

from corridor_web.adapters.backends import Api, BackendProblem, BackendUnavailable
from corridor_web.domain.managers import MANAGER_ROLE, Manager, assignable

log = logging.getLogger(__name__)

PAGE_SIZE = 100
MAX_PAGES = 10  # a thousand managers is far beyond an agency; a bound keeps a faulty total from looping


async def agency_managers(api: Api, organization_id: str | None) -> list[Manager] | None:
    """The organisation's active managers by name, or None when identity cannot tell."""
    if not organization_id:
        return None
    members: list[dict] = []
    try:
        for page in range(MAX_PAGES):
            found = await api.get("identity", f"/organizations/{organization_id}/members", role=MANAGER_ROLE,
                                  limit=PAGE_SIZE, offset=page * PAGE_SIZE)
            items = found.get("items") or []
            members += items
            if not items or len(members) >= int(found.get("total") or 0):
                break
        return assignable(members)
    except (BackendProblem, BackendUnavailable) as failure:
        log.warning("the managers of %s are not available: %s", organization_id, failure)
    except (ValueError, TypeError, AttributeError, KeyError) as malformed:  # not the documented shape
        log.warning("identity listed the managers of %s in an unexpected shape: %r", organization_id, malformed)
    return None
