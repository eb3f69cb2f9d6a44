"""`python -m demo` (or `./corridor demo`): load the demo region into the running local suite.

    python -m demo                     # load once; later runs say it is loaded (region.json exists)
    python -m demo --idle              # the same, then wait for Ctrl-C (the Procfile's one-shot process)
    python -m demo supplier lenenergo  # run the example supplier adapter as that supplier's system

Service addresses follow the Procfile's variables (IDENTITY_PORT … NOTIFICATIONS_PORT, KAFKA_PORT), the
data directory GC_DATA_DIR (default var/); identity's command line runs with this environment, so it
works on the same store as the running identity service.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
from pathlib import Path

from demo.client import SERVICES, Corridor
from demo.loader import load_region
from demo.region import ADMIN, BODY_OFFICIALS, DEMO_PASSWORD, HEAD, MANAGERS, SHOWCASES, SUPPLIER_OFFICIALS

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PORTS = dict(zip(SERVICES, (8001, 8002, 8003, 8004, 8005)))


def service_urls() -> dict[str, str]:
    return {name: f"http://127.0.0.1:{os.environ.get(f'{name.upper()}_PORT', port)}"
            for name, port in DEFAULT_PORTS.items()}


def state_file() -> Path:
    return Path(os.environ.get("GC_DATA_DIR", ROOT / "var")) / "demo" / "region.json"


async def load(path: Path) -> None:
    async with Corridor(service_urls()) as corridor:
        region = await load_region(corridor)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(region.to_json(), ensure_ascii=False, indent=2))
    path.chmod(0o600)  # the suppliers' client secrets are in it


def summary(path: Path) -> str:
    investors = "\n".join(f"    {s.investor.email:34} {s.state:9} {s.project.name}" for s in SHOWCASES)
    return f"""
  The demo region is loaded ({path}). Every demo person's password: {DEMO_PASSWORD}
    administrator {ADMIN.email}   agency head {HEAD.email}   managers {', '.join(m.email for m in MANAGERS)}
    suppliers' heads (officials too) {', '.join(p.email for p in SUPPLIER_OFFICIALS)}
    committees' and Rosreestr's heads (officials too), e.g. {BODY_OFFICIALS[0].email}, {BODY_OFFICIALS[1].email}
    municipal investment commissioners invest.<district>@lenreg.example, e.g. invest.gatchina@lenreg.example
  Investors and their projects:
{investors}
  Suppliers' systems: ./corridor demo supplier <lenenergo|gazprom-lo|lenoblvodokanal|lenobltepl>
"""


def run_supplier(path: Path, short_code: str) -> None:
    account = json.loads(path.read_text())["service_accounts"][short_code]
    kafka = f"127.0.0.1:{os.environ.get('KAFKA_PORT', 9092)}"
    os.execv(sys.executable, [sys.executable, str(ROOT / "examples" / "supplier_adapter.py"), "--bootstrap", kafka,
                              "--short-code", short_code, "--client-id", account["client_id"],
                              "--client-secret", account["client_secret"],
                              "--organization-id", account["organization_id"], "--identity-url",
                              service_urls()["identity"]])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m demo", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", choices=["load", "supplier"], default="load")
    parser.add_argument("short_code", nargs="?", help="for `supplier`: lenenergo, gazprom-lo, …")
    parser.add_argument("--idle", action="store_true", help="after loading, wait for a signal (for honcho)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="[demo] %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per call would bury the summary
    path = state_file()
    if args.command == "supplier":
        if not args.short_code:
            parser.error("supplier needs a short code")
        run_supplier(path, args.short_code)
    if path.exists():
        print(f"[demo] already loaded: {path}", flush=True)
    else:
        print("[demo] loading the demo region (Leningrad region) …", flush=True)
        try:
            asyncio.run(load(path))
            print(summary(path), flush=True)
        except Exception as failure:  # under honcho, an exit would stop the whole local run
            if not args.idle:
                raise
            logging.exception("[demo] loading failed; the suite runs on without it: %s", failure)
    if args.idle:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            signal.pause()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
