"""The named SLA policies shipped with the service (seed/named_policies.toml), read from the package.

Why a file: the codes are the requests catalogue's data (supplier-7wd, ...), and the terms are the
region's standard; a store gets the ones it lacks on start, after which operators own them.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from corridor_sla.domain.policy import SlaPolicy

SEED_FILE = Path(__file__).resolve().parent.parent / "seed" / "named_policies.toml"


def shipped_named_policies(path: Path = SEED_FILE) -> list[SlaPolicy]:
    """The seed file's policies; a bad entry raises the domain's InvalidPolicy at start, not later."""
    entries = tomllib.loads(path.read_text(encoding="utf-8"))["policy"]
    return [SlaPolicy(entry["code"], entry["target_working_days"],
                      tuple(percent / 100 for percent in entry["warn_at_percent"]),
                      entry["warn_on_last_day"], entry["redirect_rule"]) for entry in entries]
