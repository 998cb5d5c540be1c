"""generate_fake_data: deterministic, proportional, valid, and public-rule aware."""

import io
from statistics import mean

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from cooperation.models import (
    Award,
    CooperationProject,
    Institution,
    PartnerCountry,
    ProjectPartner,
)
from news.models import Article, Topic


def generate(**options) -> str:
    out = io.StringIO()
    call_command("generate_fake_data", stdout=out, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_it_makes_proportional_valid_records():
    output = generate(projects=200, seed=3)
    assert CooperationProject.objects.count() == 200
    assert Article.objects.count() == 400
    assert Award.objects.count() == 20
    # One institution per 50 projects, but at least one in each of the 30 countries.
    assert PartnerCountry.objects.count() == 30
    assert Institution.objects.count() == 30
    assert not PartnerCountry.objects.filter(institutions=None).exists()
    assert 200 <= ProjectPartner.objects.count() <= 600
    assert 0 < CooperationProject.objects.public().count() < 200
    for project in CooperationProject.objects.order_by("pk")[:25]:
        project.full_clean()
    assert "Done in" in output


@pytest.mark.django_db
def test_articles_name_topics_projects_countries_and_awards_as_real_news_does():
    generate(projects=200, seed=3)
    assert Topic.objects.count() == 8
    # The share of the 400 articles naming each kind (ARTICLE_LINKS), within chance.
    shares = {"topics": 0.8, "related_projects": 0.5, "related_countries": 0.4}
    for relation, share in {**shares, "related_awards": 0.1}.items():
        naming = Article.objects.exclude(**{relation: None}).distinct().count()
        assert abs(naming / 400 - share) < 0.1, relation
    assert CooperationProject.objects.exclude(articles=None).exists()
    assert Award.objects.exclude(articles=None).exists()


@pytest.mark.django_db
def test_bodies_run_to_paragraphs_as_real_ones_do():
    """An article's body is some paragraphs long in each language (the demo's news item: 2 KB),
    and a project has a description: the pages, cards and exports read them at their size,
    not one short line."""
    generate(projects=100, seed=3)
    articles = Article.objects.order_by("pk")[:40]
    for article in articles[:10]:
        article.full_clean()  # rich text that the sanitiser keeps as it is
    assert min(article.body_en.count("<p>") for article in articles) >= 4
    assert 1200 < mean(len(article.body_en) for article in articles) < 3000
    assert 300 < mean(len(article.body_zh_hans) for article in articles) < 1000
    projects = CooperationProject.objects.order_by("pk")[:40]
    assert min(project.body_en.count("\n\n") for project in projects) >= 1
    assert 600 < mean(len(project.body_en) for project in projects) < 2500
    assert 150 < mean(len(project.body_zh_hans) for project in projects) < 800


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data():
    def snapshot() -> list:
        return list(
            CooperationProject.objects.order_by("slug").values_list(
                "slug", "title_en", "start_date"
            )
        )

    savepoint = transaction.savepoint_create()
    generate(projects=50, seed=7)
    first = snapshot()
    transaction.savepoint_rollback(savepoint)
    assert snapshot() == []
    generate(projects=50, seed=7)
    assert snapshot() == first


@pytest.mark.django_db
def test_a_silly_size_is_refused_clearly():
    with pytest.raises(CommandError, match="between 1 and 2,000,000"):
        generate(projects=0)


@pytest.mark.django_db
def test_the_closing_statistics_are_not_cut_short_by_the_requests_statement_timeout():
    """The connection's statement timeout is for requests: VACUUM ANALYZE of a 100,000-project
    database on a loaded machine outlasted it and failed the command at its very end. The
    command lifts it for that statement and puts it back."""
    from django.db import connection

    if connection.vendor != "postgresql":
        # SQLite has no statement timeout and the command analyses nothing there.
        assert "Vacuuming" not in generate(projects=20, seed=1)
        return

    def session_timeout() -> str:
        with connection.connection.cursor() as raw:  # psycopg's own: not through the wrapper
            raw.execute("SHOW statement_timeout")
            return raw.fetchone()[0]

    timeouts_while_analysing = []

    def watch(execute, sql, params, many, context):
        if sql.startswith(("ANALYZE", "VACUUM")):
            timeouts_while_analysing.append(session_timeout())
        return execute(sql, params, many, context)

    connection.ensure_connection()
    configured = session_timeout()
    assert configured != "0"  # the settings give requests a timeout (config/settings.py)
    with connection.execute_wrapper(watch):
        output = generate(projects=20, seed=1)
    assert "Vacuuming" in output and "Done in" in output
    assert timeouts_while_analysing == ["0"]
    assert session_timeout() == configured  # put back for whatever the connection runs next
