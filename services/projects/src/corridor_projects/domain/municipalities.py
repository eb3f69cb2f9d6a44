"""The municipal units of the Leningrad region a project's site can be in.

Why copied as data: identity owns the organisations' municipalities and every service must name them
with the same codes (requests routes by them), but no service imports another. The codes are OKTMO
codes (OK 033-2013), as the contracts' `MunicipalityCode` prescribes and identity uses.
"""

from __future__ import annotations

from enum import StrEnum


class Municipality(StrEnum):
    BOKSITOGORSKY = "41603000"
    VOLOSOVSKY = "41606000"
    VOLKHOVSKY = "41609000"
    VSEVOLOZHSKY = "41612000"
    VYBORGSKY = "41615000"
    GATCHINSKY = "41618000"
    KINGISEPPSKY = "41621000"
    KIRISHSKY = "41624000"
    KIROVSKY = "41625000"
    LODEYNOPOLSKY = "41627000"
    LOMONOSOVSKY = "41630000"
    LUZHSKY = "41633000"
    PODPOROZHSKY = "41636000"
    PRIOZERSKY = "41639000"
    SLANTSEVSKY = "41642000"
    TIKHVINSKY = "41645000"
    TOSNENSKY = "41648000"
    SOSNOVOBORSKY = "41754000"  # Сосновоборский городской округ; the others are municipal districts
