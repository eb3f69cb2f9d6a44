"""The projects domain: passports, the agency's review, investment rules and roadmaps (pure, no I/O)."""
