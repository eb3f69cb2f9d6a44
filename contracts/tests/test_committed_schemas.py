"""The committed schemas and AsyncAPI document are current, and no committed schema was broken.

Two gates: the files must equal what the models generate (so a model change comes with its files), and
each model must stay compatible with its schema as last committed to git (so a breaking change comes
with a new version rather than an edit of the old one).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from corridor_contracts import published_events
from corridor_contracts.compatibility import breaking_changes
from corridor_contracts.generate import differences, main, rendered_files
from corridor_contracts.json_schemas import CONTRACTS_ROOT, event_schema, schema_path

HOW_TO_REGENERATE = "run `python -m corridor_contracts.generate` and commit the changed files"


def test_committed_files_equal_the_generated_ones() -> None:
    problems = differences(CONTRACTS_ROOT)
    assert problems == [], "\n".join(["generated contract files are out of date:", *problems, HOW_TO_REGENERATE])


def _last_committed(relative: str) -> str | None:
    """The file as in git HEAD; None outside git or when it was never committed."""
    try:
        shown = subprocess.run(["git", "show", f"HEAD:./{relative}"], cwd=CONTRACTS_ROOT, capture_output=True,
                               check=False, timeout=30)
    except OSError:
        return None
    return shown.stdout.decode() if shown.returncode == 0 else None


@pytest.mark.parametrize("event", published_events(), ids=lambda event: event.__name__)
def test_every_event_is_compatible_with_its_committed_schema(event) -> None:
    relative = schema_path(event)
    baseline = _last_committed(relative)
    if baseline is None:  # a new event (or version): its working copy is the baseline until committed
        path = CONTRACTS_ROOT / relative
        assert path.exists(), f"{relative} is missing; {HOW_TO_REGENERATE}"
        baseline = path.read_text(encoding="utf-8")
    changes = breaking_changes(json.loads(baseline), event_schema(event))
    assert changes == [], (
        f"{event.__name__} v{event.version} is no longer compatible with its committed schema:\n"
        + "\n".join(f"  - {change}" for change in changes)
        + f"\nKeep v{event.version} as it was and publish the change as a new version: set "
        f"`version = {event.version + 1}` (keep the v{event.version} class during the migration), then regenerate. "
        "Only new optional fields (with a default) may be added to an existing version; see contracts/README.md."
    )


def test_schema_files_carry_their_identity() -> None:
    for event in published_events():
        schema = json.loads((CONTRACTS_ROOT / schema_path(event)).read_text(encoding="utf-8"))
        assert schema["$id"] == event.schema_id()
        assert schema["x-topic"] == event.topic
        assert schema["x-cloudevents-type"] == event.event_type()
        assert "occurred_at" in schema["required"]


@pytest.fixture
def contracts_copy(tmp_path: Path) -> Path:
    for relative, content in rendered_files().items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(content, encoding="utf-8")
    return tmp_path


def test_check_reports_edited_missing_and_stale_files(contracts_copy: Path, capsys) -> None:
    assert main(["--check", "--root", str(contracts_copy)]) == 0
    edited = contracts_copy / "schemas/requests/RequestRouted.v1.json"
    schema = json.loads(edited.read_text(encoding="utf-8"))
    schema["properties"]["legacy_code"] = {"type": "string"}
    edited.write_text(json.dumps(schema), encoding="utf-8")
    (contracts_copy / "asyncapi.yaml").unlink()
    shutil.copy(edited, contracts_copy / "schemas/requests/RequestRouted.v0.json")

    assert main(["--check", "--root", str(contracts_copy)]) == 1
    out = capsys.readouterr().out
    assert "differs: schemas/requests/RequestRouted.v1.json" in out
    assert "breaking: legacy_code: field removed" in out
    assert "missing: asyncapi.yaml" in out
    assert "stale: schemas/requests/RequestRouted.v0.json" in out


def test_generate_repairs_what_check_reports(contracts_copy: Path) -> None:
    (contracts_copy / "schemas/sla/SlaMet.v1.json").write_text("{}", encoding="utf-8")
    (contracts_copy / "schemas/sla/SlaGone.v1.json").write_text("{}", encoding="utf-8")
    assert main(["--root", str(contracts_copy)]) == 0
    assert differences(contracts_copy) == []
    assert not (contracts_copy / "schemas/sla/SlaGone.v1.json").exists()
