"""The operator's compliance dashboard: on-time share, response times and breaches by organisation,
request type and month, from the sla service's statistics, with names from identity and requests."""

from __future__ import annotations

import asyncio
from typing import Any

from corridor_web.adapters.backends import Api, unless_refused
from corridor_web.domain.charts import BarChart, magnitude_chart, share_chart
from corridor_web.domain.i18n import Translator
from corridor_web.service_layer.reference import request_type_names

GROUPINGS = ("organization", "request_type", "month")
STANDARD_WORKING_DAYS = 7  # the green corridor's longest term: an answer within 3–7 working days


async def compliance(api: Api, t: Translator, *, period: str | None, request_type: str | None) -> dict[str, Any]:
    filters = {"period": period, "request_type": request_type}
    by_org, by_type, by_month, organizations, type_names = await asyncio.gather(
        *(api.get("sla", "/stats", group_by=grouping, **filters) for grouping in GROUPINGS),
        unless_refused(api.get("identity", "/organizations", limit=500), []), request_type_names(api))
    org_names = {o["id"]: o["short_name"] or o["full_name"] for o in organizations}
    charts = {
        "share_by_organization": _shares(by_org["groups"], org_names, t),
        "breaches_by_organization": _breaches(by_org["groups"], org_names, t),
        "response_by_type": _response_days(by_type["groups"], type_names, t),
        "share_by_month": _shares(by_month["groups"], {}, t, order_by_key=True),
    }
    # the figures over all groups: under "overall" (older answers carried them at the top level)
    return {"overall": by_org.get("overall", by_org), "charts": charts, "type_names": type_names}


def _percent(t: Translator, share: float | None) -> str:
    return "—" if share is None else f"{t.number(share * 100)} %"


def _shares(groups: dict[str, dict], names: dict[str, str], t: Translator, *, order_by_key: bool = False) -> BarChart:
    rows = [(names.get(key, key), stats["on_time_share"], f"{_percent(t, stats['on_time_share'])} · "
             f"{t('dashboard.answered_of', answered=stats['answered'], total=stats['total'])}", key)
            for key, stats in groups.items()]
    rows.sort(key=(lambda row: row[3]) if order_by_key else (lambda row: (row[1] is None, row[1] or 0)))
    return share_chart([row[:3] for row in rows])


def _breaches(groups: dict[str, dict], names: dict[str, str], t: Translator) -> BarChart:
    rows = sorted(((names.get(key, key), float(stats["breached"]), t("dashboard.breaches_n", n=stats["breached"]))
                   for key, stats in groups.items()), key=lambda row: -row[1])
    return magnitude_chart(rows)


def _response_days(groups: dict[str, dict], names: dict[str, str], t: Translator) -> BarChart:
    rows = []
    for key, stats in sorted(groups.items(), key=lambda item: -(item[1]["median_response_working_days"] or 0)):
        median, p90 = stats["median_response_working_days"], stats["p90_response_working_days"]
        text = "—" if median is None else t("dashboard.median_p90", median=t.number(median, 1),
                                            p90=t.number(p90, 1) if p90 is not None else "—")
        rows.append((names.get(key, key), median, text))
    return magnitude_chart(rows, limit=STANDARD_WORKING_DAYS)
