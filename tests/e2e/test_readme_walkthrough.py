"""The README's walk-through is true: its shell blocks, run as they are, take a new investor from
registration to an answered request on the end-to-end corridor (only the addresses differ)."""

from __future__ import annotations

import re
import subprocess

import pytest

from bench.suite import ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.kafka]


def walkthrough_script() -> str:
    section = (ROOT / "README.md").read_text().split("\n## Walk-through\n", 1)[1].split("\n## ", 1)[0]
    return "\n".join(re.findall(r"```sh\n(.*?)```", section, re.S))


def test_the_readme_walkthrough_goes_from_registration_to_an_answered_request(corridor) -> None:
    script = walkthrough_script()
    addresses = " ".join([*(f"{name}={corridor.url(service)}" for name, service in (
        ("ID", "identity"), ("PR", "projects"), ("RQ", "requests"), ("SLA", "sla"), ("NT", "notifications"))),
        f"MAIL={corridor.suite.maildir}"])
    script, replaced = re.subn(r"^ID=\S+ .*$", addresses, script, count=1, flags=re.M)
    assert replaced == 1, "the walk-through no longer starts by naming the services' addresses"
    run = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=ROOT, capture_output=True, text=True,
                         timeout=240)
    assert run.returncode == 0, f"the walk-through stopped:\n{run.stdout}\n{run.stderr}"
    said = run.stdout.splitlines()
    for status in ("received", "submitted", "accepted", "answered", "met"):
        assert status in said, f"no {status!r} in:\n{run.stdout}"
    assert any("grid-up-to-150kw" in line or "Ленэнерго" in line for line in said), run.stdout
    assert sum(line.startswith("Получен ответ на запрос «Техприсоединение 140 кВт»") for line in said) == 2, \
        "the answer should be first in the feed and among the investor's e-mails:\n" + run.stdout
