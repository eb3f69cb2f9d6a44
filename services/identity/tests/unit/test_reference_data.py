"""The region's reference organisations pass the directory's own rules and cover the region."""

from __future__ import annotations

import uuid

from corridor_identity.domain.municipalities import MUNICIPALITIES
from corridor_identity.domain.organisations import OrganizationKind, Resource
from corridor_identity.service_layer.reference_data import REFERENCE_ORGANIZATIONS


def registered():
    return [details.register(uuid.uuid4()) for details in REFERENCE_ORGANIZATIONS]


def test_every_reference_organisation_passes_the_directory_s_checks_with_a_unique_inn():
    organizations = registered()
    assert len({organization.inn for organization in organizations}) == len(organizations) == 31


def test_there_is_one_agency_and_an_administration_for_every_municipality():
    organizations = registered()
    assert [o.short_name for o in organizations if o.kind is OrganizationKind.AGENCY] == ["ГКУ «АЭРЛО»"]
    administrations = {o.municipality: o.full_name for o in organizations if o.kind is OrganizationKind.MUNICIPALITY}
    assert set(administrations) == {m.code for m in MUNICIPALITIES}
    assert administrations["41612000"] == "Администрация Всеволожского муниципального района Ленинградской области"
    assert administrations["41754000"] == "Администрация Сосновоборского городского округа Ленинградской области"


def test_the_suppliers_are_the_region_s_power_gas_and_water_companies_with_their_topic_codes():
    suppliers = {o.short_code: o for o in registered() if o.kind is OrganizationKind.SUPPLIER}
    assert {code: set(o.resources) for code, o in suppliers.items()} == {
        "lenenergo": {Resource.ELECTRICITY}, "gazprom-lo": {Resource.GAS},
        "lenoblvodokanal": {Resource.WATER, Resource.SEWERAGE}}
    assert (suppliers["lenenergo"].inn, suppliers["lenenergo"].ogrn) == ("7803002209", "1027809170300")


def test_the_bodies_the_routing_rules_name_by_short_code_are_reference_data():
    by_code = {o.short_code: o for o in registered() if o.short_code}
    assert {code: (o.kind, o.short_name, o.inn) for code, o in by_code.items()
            if code in ("gosstroynadzor-lo", "lenavtodor", "rosreestr-lo")} == {
        "gosstroynadzor-lo": (OrganizationKind.REGIONAL_BODY, "Госстройнадзор ЛО", "4799001116"),
        "lenavtodor": (OrganizationKind.REGIONAL_BODY, "ГКУ «Ленавтодор»", "4799001123"),
        "rosreestr-lo": (OrganizationKind.FEDERAL_BODY, "Управление Росреестра по ЛО", "4799001109")}
    assert [o.short_code for o in registered() if o.kind is OrganizationKind.FEDERAL_BODY] == ["rosreestr-lo"]
