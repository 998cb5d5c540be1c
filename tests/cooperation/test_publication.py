"""The one publication rule: public = published and published_at <= now."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from cooperation.models import CooperationProject
from cooperation.publication import PublicationStatus
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.admin_forms import form_data
from tests.staff import PUBLISHABLE_RECORDS

PUBLISHABLE = PUBLISHABLE_RECORDS


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory"), PUBLISHABLE)
def test_only_published_records_whose_time_has_come_are_public(model, factory):
    now = timezone.now()
    published = factory(published_at=now - timedelta(minutes=1))
    factory(publication_status=PublicationStatus.DRAFT, published_at=None)
    factory(publication_status=PublicationStatus.IN_REVIEW, published_at=None)
    factory(publication_status=PublicationStatus.ARCHIVED, published_at=now - timedelta(days=9))
    factory(publication_status=PublicationStatus.DRAFT, published_at=now - timedelta(days=9))
    scheduled = factory(published_at=now + timedelta(days=1))

    assert list(model.objects.public()) == [published]
    assert list(model.objects.scheduled()) == [scheduled]
    assert published.is_public
    assert not scheduled.is_public


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory"), PUBLISHABLE)
def test_a_scheduled_record_becomes_public_when_its_time_comes(model, factory):
    publish_at = timezone.now() + timedelta(days=3)
    record = factory(published_at=publish_at)
    assert not model.objects.public().exists()

    with time_machine.travel(publish_at - timedelta(seconds=1), tick=False):
        assert not model.objects.public().exists()
    with time_machine.travel(publish_at, tick=False):
        assert list(model.objects.public()) == [record]
        assert model.objects.get(pk=record.pk).is_public


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory"), PUBLISHABLE)
@pytest.mark.parametrize(
    ("status", "offset", "public"),
    [
        (PublicationStatus.DRAFT, None, False),
        (PublicationStatus.DRAFT, timedelta(days=-1), False),
        (PublicationStatus.IN_REVIEW, None, False),
        (PublicationStatus.IN_REVIEW, timedelta(days=-1), False),
        (PublicationStatus.PUBLISHED, timedelta(days=-1), True),
        (PublicationStatus.PUBLISHED, timedelta(0), True),
        (PublicationStatus.PUBLISHED, timedelta(minutes=1), False),
        (PublicationStatus.PUBLISHED, None, False),
        (PublicationStatus.ARCHIVED, timedelta(days=-1), False),
    ],
    ids=lambda value: str(value),
)
@time_machine.travel(datetime(2025, 3, 1, 9, 0, tzinfo=UTC), tick=False)
def test_is_public_and_public_agree_for_every_status_and_time(
    model, factory, status, offset, public
):
    published_at = None if offset is None else timezone.now() + offset
    record = factory(publication_status=status, published_at=published_at)
    assert record.is_public is public
    assert model.objects.public().filter(pk=record.pk).exists() is public


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "factory"), PUBLISHABLE)
def test_publishing_without_a_date_publishes_now(model, factory):
    # Made at that time too: a record's project (an achievement's) is public by then.
    with time_machine.travel(datetime(2025, 3, 1, 9, 0, tzinfo=UTC), tick=False):
        record = factory(publication_status=PublicationStatus.PUBLISHED, published_at=None)
        assert not record.is_public
        record.full_clean()
        assert record.published_at == timezone.now()
        record.save()
        assert list(model.objects.public()) == [record]


@pytest.mark.django_db
@pytest.mark.parametrize("status", [PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW])
def test_clean_gives_no_date_to_unpublished_records(status):
    project = f.CooperationProjectFactory(publication_status=status, published_at=None)
    project.full_clean()
    assert project.published_at is None


@pytest.mark.django_db
def test_a_publisher_who_leaves_the_date_empty_in_the_admin_publishes_now(admin_client):
    project = f.CooperationProjectFactory(
        publication_status=PublicationStatus.DRAFT, published_at=None
    )
    url = admin_url(CooperationProject, "change", project.pk)
    data = form_data(admin_client, url, publication_status="published")
    assert data["published_at_0"] == ""
    before = timezone.now()
    assert admin_client.post(url, data).status_code == 302
    project.refresh_from_db()
    assert before <= project.published_at <= timezone.now()
    assert project.is_public


@pytest.mark.django_db
def test_a_scheduled_record_can_be_set_in_the_admin_and_waits_for_its_time(admin_client):
    project = f.CooperationProjectFactory(
        publication_status=PublicationStatus.DRAFT, published_at=None
    )
    url = admin_url(CooperationProject, "change", project.pk)
    later = timezone.localtime() + timedelta(days=2)
    data = form_data(
        admin_client,
        url,
        publication_status="published",
        published_at_0=later.date().isoformat(),
        published_at_1=later.strftime("%H:%M:%S"),
    )
    assert admin_client.post(url, data).status_code == 302
    assert list(CooperationProject.objects.scheduled()) == [project]
    assert not CooperationProject.objects.public().exists()
    with time_machine.travel(later + timedelta(seconds=1), tick=False):
        assert list(CooperationProject.objects.public()) == [project]


@pytest.mark.django_db
def test_archiving_takes_a_record_off_the_public_site():
    project = f.CooperationProjectFactory()
    assert CooperationProject.objects.public().count() == 1
    project.publication_status = PublicationStatus.ARCHIVED
    project.save()
    assert CooperationProject.objects.public().count() == 0
