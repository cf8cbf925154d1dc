"""The custom user: the e-mail address is the login, whatever its capitalisation."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.db import IntegrityError

pytestmark = pytest.mark.django_db


def test_a_user_logs_in_with_the_email_address_in_any_capitalisation(user):
    assert authenticate(username="KARI@Example.org", password="et-langt-passord-123") == user


def test_the_address_is_stored_in_lower_case():
    created = get_user_model().objects.create_user(email="Ola.Nordmann@Example.NO", password="x")
    assert created.email == "ola.nordmann@example.no"


def test_the_same_address_cannot_belong_to_two_users(user):
    with pytest.raises(IntegrityError):
        get_user_model().objects.create_user(email="Kari@Example.org", password="x")


def test_there_is_no_separate_username():
    User = get_user_model()
    assert User.USERNAME_FIELD == "email"
    assert "username" not in {field.name for field in User._meta.get_fields()}


def test_a_user_is_shown_by_name_or_else_address(user):
    assert str(user) == "Kari"
    nameless = get_user_model().objects.create_user(email="anon@example.org", password="x")
    assert str(nameless) == "anon@example.org"


def test_an_administrator_adds_a_user_by_email_in_wagtail_admin(client, admin_user, site_tree):
    client.force_login(admin_user)
    assert client.get("/admin/users/new/").status_code == 200
    response = client.post(
        "/admin/users/new/",
        {
            "email": "Ny.Koordinator@Example.org",
            "first_name": "Ny",
            "last_name": "Koordinator",
            "password1": "Et-sterkt-passord-99",
            "password2": "Et-sterkt-passord-99",
        },
    )
    assert response.status_code == 302
    assert authenticate(username="ny.koordinator@example.org", password="Et-sterkt-passord-99")
