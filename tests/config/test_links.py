"""config.links: whether a row has links in many-to-many tables, read with the row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from config.links import LinkFlags, link_table
from cooperation.models import CooperationProject
from news.models import PAGE_LISTS, Article
from tests import factories as f


def test_a_link_table_is_found_from_either_side_of_its_relation():
    assert link_table(Article, "related_projects") == (
        "news_article_related_projects",
        "article_id",
    )
    # The reverse of Article.related_projects, from the project's side.
    assert link_table(CooperationProject, "articles") == (
        "news_article_related_projects",
        "cooperationproject_id",
    )


@pytest.mark.django_db
def test_each_row_reads_whether_it_has_links_of_each_kind_in_one_query():
    linked = f.ArticleFactory()
    linked.topics.add(f.TopicFactory())
    linked.related_countries.add(f.PartnerCountryFactory(country="JP"), f.PartnerCountryFactory())
    unlinked = f.ArticleFactory()
    flags = LinkFlags(*(link_table(Article, name) for name in PAGE_LISTS))

    with CaptureQueriesContext(connection) as captured:
        read = {a.pk: a.links for a in Article.objects.annotate(links=flags)}
    assert len(captured) == 1
    # PAGE_LISTS: topics, related projects, related awards, related countries.
    assert read == {linked.pk: (True, False, False, True), unlinked.pk: (False,) * 4}
    # Not an EXISTS per table: PostgreSQL plans each of those twice over.
    assert "EXISTS" not in captured.captured_queries[0]["sql"].upper()


@pytest.mark.django_db
def test_the_flags_refer_to_their_own_row_inside_a_subquery():
    project = f.CooperationProjectFactory()
    f.ArticleFactory().related_projects.add(project)
    lonely = f.CooperationProjectFactory()
    flags = LinkFlags(link_table(CooperationProject, "articles"))
    # As a subquery Django renames the table (U0): the flags must follow it.
    in_news = CooperationProject.objects.annotate(news=flags).filter(news="1").values("pk")
    assert set(CooperationProject.objects.filter(pk__in=in_news)) == {project}
    assert lonely not in CooperationProject.objects.filter(pk__in=in_news)
