"""The demo region: the Leningrad region's bodies, suppliers, people and investors, loaded into a running
corridor through its public interfaces (`python -m demo`, `./corridor demo`)."""
