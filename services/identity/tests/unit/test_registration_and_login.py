"""Investors register themselves; a login answers the same for every kind of failure."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest

from corridor_identity.domain.errors import InvalidCredentials, InvalidEmail, RoleNotAllowed, WeakPassword
from corridor_identity.domain.login import check_password_login
from corridor_identity.domain.passwords import PasswordHashing
from corridor_identity.domain.roles import Role
from corridor_identity.domain.users import normalise_email, register_investor

PASSWORD = "зелёный коридор"


def register(company, hashing, now, **overrides):
    details = {"user_id": uuid.uuid4(), "email": " Ivan.Petrov@Example.RU ", "full_name": "Иван Петров",
               "password": PASSWORD, "company": company, "hashing": hashing, "now": now} | overrides
    return register_investor(**details)


def test_an_investor_registers_with_their_company(investor_company, hashing, now):
    investor = register(investor_company, hashing, now)
    assert investor.email == "ivan.petrov@example.ru"
    assert investor.roles == {Role.INVESTOR}
    assert investor.organization_id == investor_company.id and investor.active
    assert hashing.verify(investor.password_hash, PASSWORD)


def test_registration_applies_the_password_policy_with_the_e_mail(investor_company, hashing, now):
    with pytest.raises(WeakPassword):
        register(investor_company, hashing, now, password="ivan.petrov1")


def test_only_an_investor_company_s_people_register_themselves(agency, hashing, now):
    with pytest.raises(RoleNotAllowed):
        register(agency, hashing, now)


@pytest.mark.parametrize("email", ["ivan", "ivan@", "@example.ru", "ivan petrov@example.ru", "ivan@example",
                                   "a@b@example.ru", "x" * 250 + "@example.ru"])
def test_an_address_that_is_not_an_e_mail_is_refused(email):
    with pytest.raises(InvalidEmail):
        normalise_email(email)


@pytest.fixture
def investor(investor_company, hashing, now):
    return register(investor_company, hashing, now)


def test_the_right_password_signs_in(investor, hashing):
    accepted = check_password_login(investor, PASSWORD, hashing)
    assert accepted.user == investor and not accepted.rehashed


def failure(user, password, hashing, hasher):
    before = hasher.verifications
    with pytest.raises(InvalidCredentials) as refused:
        check_password_login(user, password, hashing)
    return str(refused.value), hasher.verifications - before


def test_unknown_e_mail_wrong_password_no_password_and_deactivated_look_the_same(
        investor, agency, member, hashing, hasher, now):
    answers = {
        failure(None, PASSWORD, hashing, hasher),
        failure(investor, "wrong password", hashing, hasher),
        failure(member(agency, Role.OPERATOR), PASSWORD, hashing, hasher),
        failure(replace(investor, deactivated_at=now), PASSWORD, hashing, hasher),
    }
    assert answers == {("The e-mail or password is wrong", 1)}  # same words, one argon2 check each


def test_a_hash_with_outdated_parameters_is_replaced_at_sign_in(investor, hashing):
    stronger = PasswordHashing()
    accepted = check_password_login(investor, PASSWORD, stronger)
    assert accepted.rehashed
    assert accepted.user.password_hash != investor.password_hash
    assert not stronger.needs_rehash(accepted.user.password_hash)
    assert stronger.verify(accepted.user.password_hash, PASSWORD)
