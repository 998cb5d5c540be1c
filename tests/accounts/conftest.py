"""Fixtures shared by the accounts tests."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import User
from tests import factories as f


@pytest.fixture
def fast_password_hashing(settings):
    """Dozens of users with real password hashes would take seconds; where hashing is not
    what a test is about, MD5 will do."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def site_admin(client) -> User:
    """A user with the Site admin role, signed in on ``client``."""
    user = f.UserFactory(username="zhao.siteadmin", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.SITE_ADMIN))
    client.force_login(user)
    return user
