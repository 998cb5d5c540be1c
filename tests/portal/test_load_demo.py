"""Demo content: the seed's base, loaded idempotently, valid, and honest about publication."""

import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from accounts.models import User
from cooperation.models import (
    Achievement,
    Award,
    AwardLevel,
    CooperationProject,
    Exchange,
    Institution,
    PartnerCountry,
    ResearchField,
    Unit,
)
from cooperation.publication import PublicationStatus
from news.models import Article, Category
from portal.models import Redirect

DOMAIN_MODELS = [
    m for m in apps.get_models() if m._meta.app_label in {"cooperation", "news", "portal"}
]
# Every model a run may touch, accounts included.
LOADED_MODELS = [*DOMAIN_MODELS, User]


def load_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, str]:
    # Whole serialised rows, timestamps and password hashes included: a second run that
    # merely re-saved a row would show in updated_at.
    return {
        model._meta.label: repr(serializers.serialize("python", model.objects.order_by("pk")))
        for model in LOADED_MODELS
    }


@pytest.mark.django_db
def test_loading_twice_creates_and_changes_nothing(settings):
    settings.COOPBASE_ALLOW_DEMO_ACCOUNTS = True
    load_demo()
    first = snapshot()
    load_demo()
    assert snapshot() == first


@pytest.mark.django_db
def test_the_demo_is_a_realistic_body_of_records():
    load_demo("--no-accounts")
    assert 30 <= CooperationProject.objects.count() <= 40
    assert Achievement.objects.count() >= 30
    assert Exchange.objects.count() >= 20
    assert Award.objects.count() >= 6
    for country in PartnerCountry.objects.all():
        assert 2 <= country.institutions.count() <= 4, country.code
    for unit in Unit.objects.all():
        assert unit.projects.count() >= 10
        assert unit.researchers.count() >= 3
    assert set(CooperationProject.objects.values_list("kind", flat=True)) >= {
        "joint_research",
        "joint_lab",
        "talent_exchange",
        "technology_transfer",
        "introduced_project",
    }
    years = CooperationProject.objects.values_list("start_date__year", flat=True)
    assert min(years) == 2009
    assert max(years) >= 2026
    # Their own pages have something to say about some of each kind, in both languages.
    for model in (Award, Achievement, Exchange):
        described = model.objects.exclude(description_zh_hans="").exclude(description_en="")
        assert described.count() >= 5, model


@pytest.mark.django_db
def test_every_translated_record_has_both_languages():
    load_demo("--no-accounts")
    checks = [
        (Unit, "name"),
        (ResearchField, "name"),
        (Institution, "name"),
        (CooperationProject, "title"),
        (CooperationProject, "summary"),
        (Award, "title"),
        (Award, "granting_body"),
        (Achievement, "title"),
        (Exchange, "title"),
        (Category, "name"),
        (Article, "title"),
        (Article, "body"),
    ]
    for model, field in checks:
        for obj in model.objects.all():
            assert getattr(obj, f"{field}_zh_hans"), (obj, field)
            assert getattr(obj, f"{field}_en"), (obj, field)


@pytest.mark.django_db
def test_the_seed_facts_are_present():
    load_demo("--no-accounts")
    national = Award.objects.get(year=2009, level=AwardLevel.NATIONAL)
    assert national.granting_body_en == (
        "Ministry of Science and Technology of the People's Republic of China"
    )
    assert national.granting_body_zh_hans == "中华人民共和国科学技术部"
    assert national.recipient is None  # the base itself
    advanced = Award.objects.get(year=2022, level=AwardLevel.PROVINCIAL)
    assert advanced.title_en == (
        "2022 Advanced Base for International Science and Technology Cooperation"
    )
    assert advanced.granting_body_en == "Science & Technology Department of Sichuan Province"
    assert advanced.granting_body_zh_hans == "四川省科学技术厅"
    assert "2023 Sichuan Science and Technology Work Conference" in advanced.description_en
    assert {u.name_zh_hans for u in Unit.objects.all()} == {
        "成都大学药学院",
        "四川抗菌素工业研究所",
    }
    assert {u.name_en for u in Unit.objects.all()} == {
        "College of Pharmacy, Chengdu University",
        "Sichuan Industrial Institute of Antibiotics",
    }
    assert ResearchField.objects.filter(parent=None).count() == 8
    assert {c.code for c in PartnerCountry.objects.all()} == {
        "JP",
        "RU",
        "GB",
        "IL",
        "CA",
        "DE",
        "TH",
    }
    seed = Article.objects.public().get(slug="advanced-base-international-cooperation-2022")
    assert "2022 Advanced Base for International Science and Technology Cooperation" in seed.body_en
    assert "Ministry of Science and Technology in 2009" in seed.body_en
    assert "2022年度国际科技合作先进基地" in seed.body_zh_hans
    assert "2009年被科技部认定为国家级国际科技合作基地" in seed.body_zh_hans


@pytest.mark.django_db
def test_every_demo_record_is_valid():
    load_demo("--no-accounts")
    for model in DOMAIN_MODELS:
        for obj in model.objects.all():
            obj.full_clean()


@pytest.mark.django_db
def test_the_demo_redirects_lead_to_pages_that_exist():
    load_demo()
    redirects = list(Redirect.objects.all())
    assert redirects
    for redirect in redirects:
        response = Client().get(redirect.old_path)
        assert response.status_code == 301, redirect.old_path
        assert Client().get(response["Location"]).status_code == 200, redirect.target


@pytest.mark.django_db
def test_drafts_and_scheduled_items_are_not_public():
    load_demo("--no-accounts")
    projects = CooperationProject.objects
    public = set(projects.public().values_list("slug", flat=True))
    hidden = {
        PublicationStatus.DRAFT: projects.filter(publication_status=PublicationStatus.DRAFT),
        PublicationStatus.IN_REVIEW: projects.filter(
            publication_status=PublicationStatus.IN_REVIEW
        ),
        PublicationStatus.ARCHIVED: projects.filter(publication_status=PublicationStatus.ARCHIVED),
    }
    assert hidden[PublicationStatus.DRAFT].count() >= 2
    assert hidden[PublicationStatus.IN_REVIEW].count() == 1
    assert hidden[PublicationStatus.ARCHIVED].count() == 1
    for queryset in hidden.values():
        assert public.isdisjoint(queryset.values_list("slug", flat=True))

    scheduled = projects.scheduled().get()
    assert scheduled.published_at > timezone.now()
    assert scheduled.slug not in public
    not_public = sum(q.count() for q in hidden.values()) + 1
    assert len(public) == projects.count() - not_public
    assert len(public) > projects.count() * 3 / 4

    with time_machine.travel(scheduled.published_at + timedelta(minutes=1)):
        assert projects.public().filter(pk=scheduled.pk).exists()


@pytest.mark.django_db
def test_a_scheduled_item_whose_time_has_passed_is_scheduled_again():
    load_demo("--no-accounts")
    first = CooperationProject.objects.scheduled().get()
    with time_machine.travel(first.published_at + timedelta(days=1)):
        load_demo("--no-accounts")
        again = CooperationProject.objects.scheduled().get()
        assert again.pk == first.pk
        assert again.published_at > timezone.now()


@pytest.mark.django_db
def test_demo_accounts_are_created_on_a_development_machine(settings):
    settings.COOPBASE_ALLOW_DEMO_ACCOUNTS = True
    output = load_demo()
    assert "coopbase-demo" in output
    assert "http://127.0.0.1:8000/admin/" in output
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    assert admin.is_staff
    for username, group, is_staff in [
        ("editor", "Editor", True),
        ("publisher", "Publisher", True),
        ("leader", "Leadership", False),
        ("siteadmin", "Site admin", True),
    ]:
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert user.is_staff is is_staff
        assert not user.is_superuser
        assert user.check_password("coopbase-demo")
    # make run says where it serves (make run PORT=8765 → load_demo --site-url …:8765).
    assert "Sign in at http://127.0.0.1:8765/admin/" in load_demo(
        "--site-url", "http://127.0.0.1:8765/"
    )


@pytest.mark.django_db
def test_a_changed_demo_password_survives_a_second_run(settings):
    settings.COOPBASE_ALLOW_DEMO_ACCOUNTS = True
    load_demo()
    editor = User.objects.get(username="editor")
    editor.set_password("my-own-password-42")
    editor.save()
    load_demo()
    assert User.objects.get(username="editor").check_password("my-own-password-42")


@pytest.mark.django_db
def test_no_demo_accounts_with_production_settings(settings):
    settings.COOPBASE_ALLOW_DEMO_ACCOUNTS = False
    output = load_demo()
    assert "Demo accounts not created" in output
    assert "COOPBASE_ALLOW_DEMO_ACCOUNTS" in output
    assert "coopbase-demo" not in output
    assert not User.objects.exists()
    assert CooperationProject.objects.exists()


@pytest.mark.django_db
def test_no_demo_accounts_when_asked(settings):
    settings.COOPBASE_ALLOW_DEMO_ACCOUNTS = True
    output = load_demo("--no-accounts")
    assert "--no-accounts" in output
    assert "coopbase-demo" not in output
    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_summary_counts_every_model():
    output = load_demo("--no-accounts")
    count = CooperationProject.objects.count()
    assert re.search(rf"^\s+cooperation projects\s+{count}$", output, re.MULTILINE)
    assert re.search(rf"^\s+articles\s+{Article.objects.count()}$", output, re.MULTILINE)
