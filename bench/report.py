"""The benchmark's figures set against the machine's ceilings, and the Markdown summary of a run."""

from __future__ import annotations

CUTS = ("p50", "p95", "p99")
STAGES = {"accepted": "HTTP 201 (submission accepted)", "supplier_topic": "→ supplier's topic",
          "sla_clock_started": "→ SLA clock started", "notification_email": "→ e-mail notification sent"}


def ratios(results: dict) -> dict:
    """Ours divided by the ceiling: throughput as a share of it, latencies as multiples of it."""
    suite, kafka, http = results["suite"], results["kafka_ceiling"], results["http_insert_ceiling"]
    return {
        "throughput_share_of_bare_insert": suite["per_second"] / http["per_second"],
        "accepted_latency_x_bare_insert": {cut: suite["latency_s"]["accepted"][cut] / http["latency_s"][cut]
                                           for cut in CUTS},
        "supplier_topic_latency_x_kafka_round_trip": {
            cut: suite["latency_s"]["supplier_topic"][cut] / kafka["latency_s"][cut] for cut in CUTS},
    }


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def markdown_summary(results: dict) -> str:
    machine, suite, share = results["machine"], results["suite"], results["ratios"]
    kafka, http = results["kafka_ceiling"], results["http_insert_ceiling"]
    lines = [
        f"Run {results['started_at'][:19]}Z · {machine['cpus']} CPUs ({machine['cpu']}), "
        f"{machine['memory_mib'] / 1024:.0f} GiB · stores: {results['store']} · Python {machine['python']}",
        "",
        "| | per second | p50 | p95 | p99 |",
        "|---|---:|---:|---:|---:|",
        f"| ceiling: Kafka produce→consume round trip | {kafka['per_second']:,.0f} | "
        + " | ".join(_ms(kafka["latency_s"][cut]) for cut in CUTS) + " |",
        f"| ceiling: bare FastAPI insert ({results['store']}) | {http['per_second']:,.0f} | "
        + " | ".join(_ms(http["latency_s"][cut]) for cut in CUTS) + " |",
    ]
    for stage, label in STAGES.items():
        rate = f"{suite['per_second']:,.1f}" if stage == "accepted" else ""
        lines.append(f"| suite: {label} | {rate} | " + " | ".join(_ms(suite["latency_s"][stage][cut]) for cut in CUTS)
                     + " |")
    kafka_x = share["supplier_topic_latency_x_kafka_round_trip"]
    lines += [
        "",
        f"{suite['accepted']} requests accepted in {suite['seconds']:.0f} s by {suite['clients']} clients; "
        f"all consequences arrived: {suite['settled']} (missing: {suite['missing']}).",
        f"Throughput: {share['throughput_share_of_bare_insert']:.1%} of the bare-insert ceiling. "
        "Submission → supplier's topic: " + ", ".join(f"{cut} ×{kafka_x[cut]:.1f}" for cut in CUTS)
        + " the raw Kafka round trip.",
        "",
        "Peak memory (VmHWM): " + ", ".join(f"{name} {mib:,.0f} MiB" for name, mib in
                                            results["peak_memory_mib"].items()),
        "",
    ]
    return "\n".join(lines)
