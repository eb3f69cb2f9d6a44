"""A supplier's system authenticates with client credentials and acts only as its own РСО."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from corridor_chassis.auth import KeyRing, Principal
from corridor_identity.domain.errors import AlreadyDeactivated, InvalidClient, NotPermitted, RoleNotAllowed
from corridor_identity.domain.service_accounts import (authenticate_client, claims_for_service_account,
                                                       create_service_account, deactivate_service_account)
from corridor_identity.domain.signing_keys import start_key_set
from corridor_identity.domain.tokens import issue_access_token


def create(organization, actor, now):
    return create_service_account(account_id=uuid.uuid4(), organization=organization, actor=actor, now=now)


@pytest.fixture
def issued(power_supplier, administrator, now):
    return create(power_supplier, administrator, now)


def test_an_administrator_creates_credentials_for_a_supplier(issued, power_supplier):
    account = issued.account
    assert account.client_id.startswith("lenenergo-")
    assert account.organization_id == power_supplier.id
    assert issued.client_secret not in repr(account)


def test_the_right_secret_authenticates(issued):
    assert authenticate_client(issued.account, issued.client_secret) == issued.account


def test_a_wrong_secret_an_unknown_client_and_a_deactivated_account_look_the_same(issued, administrator, now):
    deactivated = deactivate_service_account(issued.account, actor=administrator, now=now)
    answers = set()
    for account, secret in [(issued.account, "wrong"), (None, issued.client_secret),
                            (deactivated, issued.client_secret)]:
        with pytest.raises(InvalidClient) as refused:
            authenticate_client(account, secret)
        answers.add((refused.value.slug, str(refused.value)))
    assert answers == {("invalid-client", "The client credentials are wrong")}


def test_only_a_supplier_gets_a_service_account(agency, administrator, now):
    with pytest.raises(RoleNotAllowed):
        create(agency, administrator, now)


def test_only_an_administrator_manages_service_accounts(power_supplier, manager, issued, now):
    with pytest.raises(NotPermitted):
        create(power_supplier, manager, now)
    with pytest.raises(NotPermitted):
        deactivate_service_account(issued.account, actor=manager, now=now)


def test_secrets_rotate_by_a_second_account_for_the_same_supplier(power_supplier, administrator, issued, now):
    second = create(power_supplier, administrator, now)
    assert second.account.client_id != issued.account.client_id
    assert authenticate_client(second.account, second.client_secret)
    assert authenticate_client(issued.account, issued.client_secret)


def test_deactivating_twice_is_refused(issued, administrator, now):
    deactivated = deactivate_service_account(issued.account, actor=administrator, now=now)
    with pytest.raises(AlreadyDeactivated):
        deactivate_service_account(deactivated, actor=administrator, now=now)


def test_its_token_names_the_supplier_and_the_supplier_system_role_only(issued, power_supplier):
    clock = datetime.now(UTC)
    keys = start_key_set(now=clock)
    token = issue_access_token(keys, claims_for_service_account(issued.account), issuer="iss", audience="aud",
                               now=clock, ttl=timedelta(minutes=10)).token
    keyring = KeyRing()
    keyring.update(keys.jwks())
    claims = keyring.verify(token, issuer="iss", audience="aud")
    principal = Principal.from_claims(claims)
    assert (principal.subject, principal.organization_id) == (issued.account.id, power_supplier.id)
    assert (principal.organization_kind, principal.roles) == ("supplier", {"supplier_system"})
    assert principal.is_service_account and claims["client_id"] == issued.account.client_id
