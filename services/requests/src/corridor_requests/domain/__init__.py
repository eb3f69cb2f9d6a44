"""The requests domain: lifecycle, routing, the catalogue, document rules and who may do what (no I/O)."""
