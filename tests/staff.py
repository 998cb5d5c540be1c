"""Staff in the editorial roles and the publishable records, for the workflow's tests (the
fixtures ``editor`` and ``publisher`` are in tests/conftest.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from cooperation.models import Achievement, Award, CooperationProject, Exchange
from news.models import Article
from tests import factories as f

# Each publishable model, its factory and its staff preview's URL name.
PUBLISHABLE = [
    pytest.param(
        CooperationProject, f.CooperationProjectFactory, "cooperation:project-preview", id="project"
    ),
    pytest.param(Award, f.AwardFactory, "cooperation:award-preview", id="award"),
    pytest.param(Exchange, f.ExchangeFactory, "cooperation:exchange-preview", id="exchange"),
    pytest.param(
        Achievement, f.AchievementFactory, "cooperation:achievement-preview", id="achievement"
    ),
    pytest.param(Article, f.ArticleFactory, "news:article-preview", id="article"),
]
# The same models and factories, without the preview.
PUBLISHABLE_RECORDS = [pytest.param(*param.values[:2], id=param.id) for param in PUBLISHABLE]


def staff_in(group_name: str, username: str):
    user = f.UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def client_of(user) -> Client:
    """A browser signed in as ``user``, asking for English."""
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client
