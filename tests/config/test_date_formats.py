"""The portal's pages write dates as their language does (config/formats): "12 August 2024"
and "March 2022" in English, "2024年8月12日" and "2022年3月" in Chinese. They gave ISO digits
in both; ISO stays in the ``<time datetime>`` that machines read."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from tests import factories as f
from tests.pages import url

pytestmark = pytest.mark.django_db


def text(client, name: str, language: str, **kwargs) -> str:
    response = client.get(url(name, language, **kwargs))
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize(
    ("language", "shown"), [("en", "12 August 2024"), ("zh-hans", "2024年8月12日")]
)
def test_an_article_s_date_is_written_in_its_language(client, language, shown):
    published = timezone.make_aware(datetime(2024, 8, 12, 9))
    article = f.ArticleFactory(published_at=published)
    machine = f'<time datetime="{published.isoformat()}">'
    for name, kwargs in [
        ("news:article-detail", {"slug": article.slug}),
        ("news:article-list", {}),
        ("portal:home", {}),
    ]:
        assert f"{machine}{shown}</time>" in text(client, name, language, **kwargs), name


@pytest.mark.parametrize(
    ("language", "start", "to", "end", "month"),
    [
        ("en", "1 March 2022", " – ", "31 August 2022", "March 2022"),
        ("zh-hans", "2022年3月1日", "至", "2022年8月31日", "2022年3月"),
    ],
)
def test_exchange_dates_and_months_are_written_in_their_language(
    client, language, start, to, end, month
):
    exchange = f.ExchangeFactory(
        start_date=date(2022, 3, 1), end_date=date(2022, 8, 31), country__country="JP"
    )
    detail = text(client, "cooperation:exchange-detail", language, pk=exchange.pk)
    assert (
        f'<time datetime="2022-03-01">{start}</time>{to}<time datetime="2022-08-31">{end}</time>'
        in detail
    )
    assert f'<time datetime="2022-03-01">{start}</time>' in text(
        client, "cooperation:exchange-list", language
    )
    country = text(client, "cooperation:country-detail", language, code="jp")
    assert f'<time datetime="2022-03-01">{month}</time>' in country


@pytest.mark.parametrize(
    ("language", "start", "awarded"),
    [("en", "1 January 2020", "18 December 2025"), ("zh-hans", "2020年1月1日", "2025年12月18日")],
)
def test_project_and_award_dates_are_written_in_their_language(client, language, start, awarded):
    project = f.CooperationProjectFactory(start_date=date(2020, 1, 1))
    award = f.AwardFactory(year=2025, awarded_on=date(2025, 12, 18))
    detail = text(client, "cooperation:project-detail", language, slug=project.slug)
    assert f'<time datetime="2020-01-01">{start}</time>' in detail
    awards = text(client, "cooperation:award-list", language)
    assert f'<time datetime="2025-12-18">{awarded}</time>' in awards
    page = text(client, "cooperation:award-detail", language, slug=award.slug)
    assert f'<time datetime="2025-12-18">{awarded}</time>' in page
