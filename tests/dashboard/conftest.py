"""Known data for the leadership figures: every number in the tests can be worked out by hand.

The period under test is 2024 (previous period: 2023). See each record's comment for where
it must (or must not) count.
"""

from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import Page

from accounts import roles
from cooperation import models as m
from cooperation.publication import PublicationStatus
from tests import factories as f
from tests.browser import sign_in

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def user_in(group: str | None, **fields):
    user = f.UserFactory(**fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def leader(db):
    return user_in(roles.LEADERSHIP, username="leader")


# The leader the browser tests sign in as, through the login page (``sign_in_leader``).
BROWSER_LEADER = "chief"
BROWSER_PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def sign_in_leader(transactional_db) -> Callable[[Page, str, str], None]:
    """A leader (``BROWSER_LEADER``), and how a browser test signs a tab in as them:
    ``sign_in_leader(page, live_server.url, "/en/dashboard/")``, which waits for the
    dashboard's page (``next_path``) to load. The one sign-in of the dashboard's browser
    tests."""
    user_in(roles.LEADERSHIP, username=BROWSER_LEADER, password=BROWSER_PASSWORD)

    def sign_in_as_leader(page: Page, server_url: str, next_path: str) -> None:
        sign_in(page, server_url, next_path, BROWSER_LEADER, BROWSER_PASSWORD)

    return sign_in_as_leader


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client


def draft() -> dict:
    return {"publication_status": PublicationStatus.DRAFT, "published_at": None}


@pytest.fixture
def known(db):
    """The known data set, returned as a namespace of the records."""
    jp = f.PartnerCountryFactory(country="JP")
    de = f.PartnerCountryFactory(country="DE")
    a = f.InstitutionFactory(name_en="Alpha University", slug="alpha", country=jp)
    b = f.InstitutionFactory(name_en="Beta Institute", slug="beta", country=de)
    c = f.InstitutionFactory(name_en="Gamma Hospital", slug="gamma", country=jp)
    u1 = f.UnitFactory(name_en="College of Pharmacy", slug="pharmacy")
    u2 = f.UnitFactory(name_en="Institute of Antibiotics", slug="antibiotics")
    f1 = f.ResearchFieldFactory(name_en="Microbial drugs", slug="microbial", sort_order=1)
    f1a = f.ResearchFieldFactory(name_en="Marine microbes", slug="marine", parent=f1)
    f2 = f.ResearchFieldFactory(name_en="Biocatalysis", slug="biocatalysis", sort_order=2)

    def project(slug, start, end=None, **fields):
        return f.CooperationProjectFactory(slug=slug, start_date=start, end_date=end, **fields)

    nsfc = {"funding_source_zh_hans": "国家自然科学基金", "funding_source_en": "NSFC"}
    # Active 2023 and 2024 (across the period boundary); new in 2023.
    p1 = project(
        "p1", date(2023, 6, 1), date(2024, 3, 31), lead_unit=u1, partners=[a], fields=[f1a],
        funding_amount=Decimal("100"), currency="CNY", **nsfc,
    )  # fmt: skip
    # Active and new in 2024, still running; two partners, two fields.
    p2 = project(
        "p2", date(2024, 2, 1), kind=m.ProjectKind.JOINT_LAB, lead_unit=u2, partners=[a, b],
        fields=[f2, f1], funding_amount=Decimal("50"), currency="USD",
        funding_source_zh_hans="欧盟", funding_source_en="EU",
    )  # fmt: skip
    # Ends the day before the period: active in 2020–2023, not in 2024.
    p3 = project(
        "p3", date(2020, 1, 1), date(2023, 12, 31), lead_unit=u2, partners=[b], fields=[f2],
        funding_amount=Decimal("10"), currency="CNY", **nsfc,
    )  # fmt: skip
    # Starts the day after the period: not in 2024.
    p4 = project("p4", date(2025, 1, 1), lead_unit=u1, partners=[c])
    # Drafts and scheduled projects never count.
    p5 = project(
        "p5", date(2024, 1, 1), lead_unit=u1, partners=[c], fields=[f2],
        funding_amount=Decimal("999"), currency="CNY", **nsfc, **draft(),
    )  # fmt: skip
    project(
        "p6", date(2024, 1, 1), lead_unit=u1, partners=[b], funding_amount=Decimal("7"),
        published_at=timezone.now() + timedelta(days=3),
    )  # fmt: skip
    # Starts on the period's last day: active and new in 2024; no research field.
    p7 = project(
        "p7", date(2024, 12, 31), lead_unit=u1, partners=[c],
        funding_amount=Decimal("200"), currency="CNY", **nsfc,
    )  # fmt: skip

    f.AwardFactory(level=m.AwardLevel.PROVINCIAL, year=2024)
    f.AwardFactory(level=m.AwardLevel.NATIONAL, year=2024)
    f.AwardFactory(level=m.AwardLevel.NATIONAL, year=2023)
    f.AwardFactory(level=m.AwardLevel.NATIONAL, year=2024, **draft())

    f.AchievementFactory(kind=m.AchievementKind.PAPER, year=2024, project=p2)
    f.AchievementFactory(kind=m.AchievementKind.PATENT, year=2024, project=None)
    f.AchievementFactory(kind=m.AchievementKind.PAPER, year=2023, project=p1)
    f.AchievementFactory(kind=m.AchievementKind.PAPER, year=2024, project=p5)  # draft project

    incoming, outgoing = m.ExchangeKind.INCOMING_VISIT, m.ExchangeKind.OUTGOING_VISIT
    f.ExchangeFactory(kind=incoming, start_date=date(2024, 5, 1), country=jp, people_count=3)
    f.ExchangeFactory(kind=outgoing, start_date=date(2023, 12, 31), country=de, people_count=2)
    f.ExchangeFactory(
        kind=incoming, start_date=date(2024, 1, 1), country=jp, people_count=4, project=p5
    )
    f.ExchangeFactory(kind=incoming, start_date=date(2025, 1, 1), country=jp, people_count=9)

    f.ArticleFactory(published_at=datetime(2024, 6, 1, 10, tzinfo=SHANGHAI))
    f.ArticleFactory(published_at=datetime(2024, 1, 1, 0, 30, tzinfo=SHANGHAI))
    f.ArticleFactory(published_at=datetime(2023, 12, 31, 23, 30, tzinfo=SHANGHAI))
    f.ArticleFactory(**draft())

    class Known:
        pass

    known = Known()
    known.__dict__.update(
        jp=jp, de=de, a=a, b=b, c=c, u1=u1, u2=u2, f1=f1, f1a=f1a, f2=f2,
        p1=p1, p2=p2, p3=p3, p4=p4, p5=p5, p7=p7,
    )  # fmt: skip
    return known
