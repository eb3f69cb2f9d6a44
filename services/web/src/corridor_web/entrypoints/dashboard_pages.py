"""The operator's compliance dashboard (also open to the agency head and managers)."""

from __future__ import annotations

import re

from fastapi import APIRouter
from fastapi.responses import Response

from corridor_web.adapters.backends import BackendProblem
from corridor_web.domain.forms import FieldError
from corridor_web.entrypoints.context import SignedIn
from corridor_web.service_layer import dashboard

router = APIRouter()
PERIOD = re.compile(r"^\d{4}(-\d{2})?$")


@router.get("/dashboard")
async def compliance_dashboard(page: SignedIn, period: str = "", request_type: str = "") -> Response:
    page.require(page.person.is_operator or page.person.is_agency)
    period, request_type = period.strip(), request_type.strip()
    errors: dict[str, FieldError] = {}
    if period and not PERIOD.fullmatch(period):
        errors["period"] = FieldError("period")
    found = None
    if not errors:
        try:
            found = await dashboard.compliance(page.api, page.t, period=period or None,
                                               request_type=request_type or None)
        except BackendProblem as refused:
            if refused.status != 422:
                raise
            errors["period"] = FieldError("period", refused.detail or "")
    if found is None:
        found = await dashboard.compliance(page.api, page.t, period=None, request_type=request_type or None)
    return await page.render("dashboard.html", status_code=422 if errors else 200, errors=errors, **found,
                             values={"period": period, "request_type": request_type})
