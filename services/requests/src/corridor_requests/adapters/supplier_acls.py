"""The Kafka ACLs a supplier's principal gets: read its own request topic, write the responses topic.

Why: on a broker with SASL and an authoriser, these grants are what keeps one supplier from reading
another's requests or forging requests on its own topic; the requests service (a super user or
granted separately) writes the supplier topics and reads the responses. The arguments are those of
Kafka's AclCommand (`kafka-acls.sh --add …`); the ACL test on a real broker applies exactly these.

    python -m corridor_requests.adapters.supplier_acls lenenergo   # print the kafka-acls commands
"""

from __future__ import annotations

import shlex
import sys

from corridor_contracts.topics import SUPPLIER_RESPONSES, supplier_topic


def supplier_principal(short_code: str) -> str:
    """The convention for a supplier's Kafka user (SCRAM); distinct from its identity service account."""
    return f"supplier-{short_code}"


def supplier_group(short_code: str) -> str:
    """The one consumer group the supplier may use to read its topic."""
    return f"suppliers.{short_code}"


def supplier_acl_arguments(short_code: str, principal: str | None = None) -> list[list[str]]:
    user = f"User:{principal or supplier_principal(short_code)}"
    return [
        ["--allow-principal", user, "--operation", "Read", "--operation", "Describe",
         "--topic", supplier_topic(short_code), "--group", supplier_group(short_code)],
        ["--allow-principal", user, "--operation", "Write", "--operation", "Describe", "--topic", SUPPLIER_RESPONSES],
    ]


if __name__ == "__main__":
    for code in sys.argv[1:] or ["<short-code>"]:
        for arguments in supplier_acl_arguments(code):
            print("kafka-acls.sh --bootstrap-server \"$KAFKA\" --command-config admin.properties --add",
                  shlex.join(arguments))
