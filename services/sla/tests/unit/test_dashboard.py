"""The Grafana dashboard asks only for SLA metrics this service exports."""

import json
import re
from pathlib import Path

from corridor_sla.adapters import metrics

DASHBOARD = Path(__file__).resolve().parents[4] / "deploy/grafana/dashboards/sla-compliance.json"


def test_every_sla_metric_on_the_dashboard_is_exported():
    exprs = [t["expr"] for panel in json.loads(DASHBOARD.read_text())["panels"] for t in panel["targets"]]
    used = {name for expr in exprs for name in re.findall(r"\bgc_sla_[a-z_]+", expr)}
    exported = {gauge._name for gauge in (metrics.ON_TIME, metrics.ANSWERED, metrics.OPEN, metrics.BREACHED,
                                          metrics.RESPONSE)}
    assert used and used <= exported, used - exported
