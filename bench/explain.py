"""make explain: which hot paths read a large table from end to end?

Requests every filter, sort and search path of the portal and the API in process (debug off,
page cache off) against the benchmark database, captures each SQL query the page runs, and
asks PostgreSQL for its plan (``EXPLAIN``, not run). Prints, per path, the number of queries,
every sequential scan of a table with more than 10,000 rows, and the most rows the planner
expects one sort for a LIMIT to take in (a page's order that no index gives); writes the table to
bench/results/explain.md.

    .venv/bin/python bench/explain.py [--database postgres://…/coopbase_bench]
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import re
import secrets
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LARGE_TABLE_ROWS = 10_000
# The statement a server-side cursor is declared for (psycopg: DECLARE "name" … FOR SELECT …).
CURSOR = re.compile(r'^DECLARE\s+"[^"]+"\s.*?\bFOR\s+', re.DOTALL)


def paths(slugs: dict[str, str]) -> dict[str, str]:
    return {
        "directory": "/en/projects/",
        "directory, country": "/en/projects/?country=JP",
        "directory, institution": f"/en/projects/?institution={slugs['institution']}",
        "directory, field": f"/en/projects/?field={slugs['field']}",
        "directory, unit": f"/en/projects/?unit={slugs['unit']}",
        "directory, kind + status": "/en/projects/?kind=joint_lab&status=active",
        "directory, active years": "/en/projects/?year_from=2015&year_to=2018",
        "directory, started years": "/en/projects/?started_from=2020&started_to=2021",
        "directory, oldest first": "/en/projects/?sort=oldest",
        "directory, by title": "/en/projects/?sort=title",
        "directory, page 200": "/en/projects/?page=200",
        "directory, page 4,000": "/en/projects/?page=4000",
        "directory, page 3,000 by title": "/en/projects/?page=3000&sort=title",
        "JSON export, page 500": "/en/projects/export.json?page=500",
        "CSV export, country": "/en/projects/export.csv?country=JP&year_from=2024",
        "project": f"/en/projects/{slugs['project']}/",
        "search, English": "/en/search/?q=enzyme",
        "search, English phrase": "/en/search/?q=marine+enzyme+engineering",
        "search, Chinese (3 characters)": "/zh-hans/search/?q=%E6%8A%97%E7%94%9F%E7%B4%A0",  # 抗生素
        "search, Chinese (2 characters)": "/zh-hans/search/?q=%E6%B5%B7%E6%B4%8B",  # 海洋
        "search, Chinese (1 character)": "/zh-hans/search/?q=%E9%85%B6",  # 酶
        # An achievement by its identifier (a DOI as a link, a patent number as written).
        "search, DOI link": "/en/search/?q=" + quote(f"https://doi.org/{slugs['doi']}", safe=""),
        "search, identifier": "/en/search/?q=" + quote(slugs["identifier"], safe=""),
        "news": "/en/news/",
        "news, page 5,000": "/en/news/?page=5000",
        "news, page 5,000 oldest first": "/en/news/?page=5000&sort=oldest",
        "news, category": f"/en/news/?category={slugs['category']}",
        "news, year": "/en/news/?year=2024",
        "article": f"/en/news/{slugs['article']}/",
        "countries": "/en/countries/",
        "country": "/en/countries/jp/",
        "institution": f"/en/institutions/{slugs['institution']}/",
        "field": f"/en/fields/{slugs['field']}/",
        "unit": f"/en/units/{slugs['unit']}/",
        "researcher": f"/en/researchers/{slugs['researcher']}/",
        "directory, researcher": f"/en/projects/?researcher={slugs['researcher']}",
        "award": f"/en/awards/{slugs['award']}/",
        "achievement": f"/en/achievements/{slugs['achievement']}/",
        "exchange": f"/en/exchanges/{slugs['exchange']}/",
        "awards": "/en/awards/",
        "awards, level + year": "/en/awards/?level=national&year=2020",
        "awards, oldest first": "/en/awards/?sort=oldest",
        "awards, by title": "/zh-hans/awards/?sort=title",
        "awards, page 150": "/en/awards/?page=150",
        "achievements": "/en/achievements/",
        "achievements, kind + year": "/en/achievements/?kind=patent&year=2020",
        "achievements, oldest first": "/en/achievements/?sort=oldest",
        "achievements, by title": "/en/achievements/?sort=title",
        "achievements, page 1,000": "/en/achievements/?page=1000",
        "achievements, page 1,000 by title": "/zh-hans/achievements/?page=1000&sort=title",
        "exchanges": "/en/exchanges/",
        "exchanges, country + kind + year": "/en/exchanges/?country=JP&kind=conference&year=2020",
        "exchanges, oldest first": "/en/exchanges/?sort=oldest",
        "exchanges, page 500": "/en/exchanges/?page=500",
        "home": "/en/",
        "API projects, country": "/api/v1/projects/?country=JP",
        "API news": "/api/v1/news/",
        "API countries": "/api/v1/countries/",
        "sitemap index": "/sitemap.xml",
        "sitemap, news page 150": "/sitemap-news.xml?p=150",
        "sitemap, achievements page 80": "/sitemap-achievements.xml?p=80",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/coopbase_bench")
    args = parser.parse_args()
    configure(args.database)
    rows = [explain(name, path) for name, path in paths(sample_slugs()).items()]
    lines = [
        "| path | status | queries | sequential scans of large tables | rows sorted for a page, at most |",
        "|---|---|---|---|---|",
        *(
            f"| {name} | {status} | {count} | {', '.join(scans) or 'none'} | {sorted_rows:,} |"
            for name, status, count, scans, sorted_rows in rows
        ),
    ]
    report = "\n".join(lines)
    print(report)
    out = ROOT / "bench" / "results" / "explain.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report + "\n", encoding="utf-8")


def configure(database: str) -> None:
    """Django over ``database`` in this process: production settings, debug and the page
    cache off, an empty cache, static files linked by their plain names (no collected
    manifest needed)."""
    cache_dir = tempfile.mkdtemp(prefix="coopbase-explain-")
    atexit.register(shutil.rmtree, cache_dir, ignore_errors=True)
    os.environ.update(
        {
            "DATABASE_URL": database,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_PAGE_CACHE": "0",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_API_RATE": "100000/minute",
            # A cache of its own, empty: each run starts as a first visitor after a change
            # does, and reproduces. The shared default (.cache/django) kept values between
            # runs, so a second run counted fewer queries and none of the first's scans.
            "DJANGO_CACHE_DIR": cache_dir,
        }
    )
    os.environ.pop("DJANGO_DEBUG", None)
    os.environ.pop("REDIS_URL", None)

    import django

    django.setup()
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def sample_slugs() -> dict[str, str]:
    from cooperation.models import (
        Achievement,
        AchievementKind,
        Award,
        CooperationProject,
        Exchange,
        Institution,
        ResearchField,
        Unit,
    )
    from news.models import Article, Category

    project = CooperationProject.objects.public().order_by("id")[500]
    identified = Achievement.objects.public().exclude(identifier="").order_by("id")
    # A data set without identifiers still shows the plan of the search by one.
    paper = identified.filter(kind=AchievementKind.PAPER).first()
    other = identified.exclude(kind=AchievementKind.PAPER).first()
    return {
        "doi": paper.identifier if paper else "10.5555/coopbase.0001",
        "identifier": other.identifier if other else "CN112345678A",
        "researcher": project.principal_investigator.slug,
        "award": Award.objects.public().order_by("id")[500].slug,
        "achievement": str(Achievement.objects.public().order_by("id")[500].pk),
        "exchange": str(Exchange.objects.public().order_by("id")[500].pk),
        "project": project.slug,
        "field": ResearchField.objects.filter(parent=None).order_by("id").first().slug,
        "unit": Unit.objects.order_by("id").first().slug,
        "article": Article.objects.public().order_by("id")[500].slug,
        "category": Category.objects.order_by("id").first().slug,
        "institution": Institution.objects.order_by("id")[10].slug,
    }


def explain(name: str, path: str, client=None) -> tuple[str, int, int, list[str], int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = (client or Client()).get(path)
        if response.streaming:  # its queries run as it is read
            b"".join(response.streaming_content)
        status = response.status_code
    # Reads only: plain SELECTs, those that start with a common table expression (the
    # directory's facet statement) and those a server-side cursor streams (the CSV export).
    statements = [CURSOR.sub("", q["sql"].lstrip(), count=1) for q in captured.captured_queries]
    selects = [sql for sql in statements if sql.startswith(("SELECT", "WITH"))]
    scans, sorted_rows = [], 0
    with connection.cursor() as cursor:
        for sql in selects:
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            for table in sequential_scans(plan[0]["Plan"]):
                if table_rows(cursor, table) > LARGE_TABLE_ROWS and table not in scans:
                    scans.append(table)
            sorted_rows = max(sorted_rows, *sorts(plan[0]["Plan"]), 0)
    return name, status, len(captured.captured_queries), scans, sorted_rows


def sequential_scans(node: dict):
    if node.get("Node Type") == "Seq Scan":
        yield node["Relation Name"]
    for child in node.get("Plans", []):
        yield from sequential_scans(child)


def sorts(node: dict, under_limit: bool = False):
    """The planner's estimate of the rows each sort for a LIMIT takes in: a page's order
    that no index gives, so all of them are read to show a few. (Sorts for grouping, in the
    directory's facet counts, are not counted; nor incremental sorts, of rows an index has
    mostly ordered.)"""
    if node.get("Node Type") == "Sort" and under_limit:
        yield int(node["Plan Rows"])
    for child in node.get("Plans", []):
        yield from sorts(child, node.get("Node Type") == "Limit")


def table_rows(cursor, table: str) -> float:
    cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
    row = cursor.fetchone()
    return row[0] if row else 0


if __name__ == "__main__":
    main()
