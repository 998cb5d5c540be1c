"""How fast a spreadsheet import runs: N project or news rows (default 10,000) through the
same resource the admin uses (dry run, write, re-import of the same file).

    DJANGO_DEBUG=1 .venv/bin/python bench/import_bench.py [--rows 10000] [--format xlsx|csv]
        [--records projects|news]

Runs on a throw-away SQLite file unless DATABASE_URL is set (point it at an empty
PostgreSQL database to measure there). Prints the time and rows/s of each step.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    parser.add_argument("--records", choices=["projects", "news"], default="projects")
    args = parser.parse_args()

    scratch = tempfile.TemporaryDirectory()
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch.name}/import-bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    run(args.rows, args.format, args.records)
    scratch.cleanup()


def run(rows: int, file_format: str, records: str) -> None:
    import tablib

    from cooperation import models as m
    from cooperation.resources import ProjectResource
    from news.resources import ArticleResource

    countries = [
        m.PartnerCountry.objects.get_or_create(country=code, defaults={"region": "europe"})[0]
        for code in ("JP", "DE", "GB", "RU", "CA", "IL", "TH")
    ]
    m.Unit.objects.get_or_create(
        slug="pharmacy", defaults={"name_zh_hans": "药学院", "name_en": "College of Pharmacy"}
    )
    fields = [
        m.ResearchField.objects.get_or_create(
            slug=f"field-{i}", defaults={"name_zh_hans": f"领域{i}", "name_en": f"Field {i}"}
        )[0]
        for i in range(8)
    ]
    institutions = [
        m.Institution.objects.get_or_create(
            slug=f"partner-{i}",
            defaults={
                "name_zh_hans": f"合作机构{i}",
                "name_en": f"Partner {i}",
                "country": countries[i % len(countries)],
                "kind": "university",
            },
        )[0]
        for i in range(50)
    ]

    headers = [
        "slug",
        "title_zh_hans",
        "title_en",
        "summary_zh_hans",
        "summary_en",
        "kind",
        "status",
        "start_date",
        "lead_unit",
        "partners",
        "research_fields",
        "funding_amount",
        "currency",
    ]
    dataset = tablib.Dataset(headers=headers)
    for i in range(rows):
        dataset.append(
            [
                f"bench-project-{i}",
                f"基准项目{i}",
                f"Benchmark project {i}",
                "摘要",
                "Summary",
                "联合研究" if i % 2 else "joint_lab",
                "active",
                f"20{10 + i % 15}-0{1 + i % 9}-15",
                "College of Pharmacy" if i % 2 else "药学院",
                f"{institutions[i % 50].name_en}; {institutions[(i + 7) % 50].name_zh_hans}",
                f"{fields[i % 8].name_en}",
                f"{1000 + i}.50",
                "CNY",
            ]
        )
    resource_class, model = ProjectResource, m.CooperationProject
    if records == "news":
        resource_class, dataset = ArticleResource, news_rows(rows, countries)
        model = ArticleResource._meta.model
    # Through the file format, as an upload would be.
    content = dataset.export(file_format)
    started = time.perf_counter()
    loaded = tablib.Dataset().load(content, format=file_format)
    read = time.perf_counter() - started

    print(f"import benchmark: {rows} {records} rows, {file_format}, {connection_vendor()}")
    print(f"  read the file          {read:6.2f} s")
    steps = [("dry run (nothing saved)", True), ("import (one transaction)", False)]
    steps.append(("re-import, unchanged", False))
    for label, dry_run in steps:
        started = time.perf_counter()
        result = resource_class().import_data(
            loaded, dry_run=dry_run, rollback_on_validation_errors=True
        )
        elapsed = time.perf_counter() - started
        assert not result.has_errors() and not result.has_validation_errors(), (
            result.invalid_rows[:3] if result.invalid_rows else result.base_errors
        )
        totals = ", ".join(f"{k} {v}" for k, v in result.totals.items() if v)
        print(f"  {label:<24} {elapsed:6.2f} s  {rows / elapsed:8.0f} rows/s  ({totals})")
    assert model.objects.count() >= rows


def news_rows(rows: int, countries: list):
    """News as an earlier site's would come: Chinese and English text of six paragraphs
    (about 1,200 characters each), a category, two topics, a project, a country, a day."""
    import tablib

    from cooperation import models as m
    from news.models import Category, Topic

    Category.objects.get_or_create(
        slug="base-news", defaults={"name_zh_hans": "基地动态", "name_en": "Base news"}
    )
    topics = [
        Topic.objects.get_or_create(
            slug=f"topic-{i}", defaults={"name_zh_hans": f"专题{i}", "name_en": f"Topic {i}"}
        )[0]
        for i in range(10)
    ]
    unit = m.Unit.objects.get(slug="pharmacy")
    m.CooperationProject.objects.bulk_create(
        m.CooperationProject(
            slug=f"news-project-{i}",
            title_zh_hans=f"项目{i}",
            title_en=f"Project {i}",
            kind="joint_research",
            status="active",
            start_date="2020-01-01",
            lead_unit=unit,
        )
        for i in range(200)
    )
    chinese = "\n\n".join(["合作双方围绕抗生素新药研发开展了深入交流，" * 10] * 6)
    english = "\n\n".join(
        ["The two sides discussed the joint development of antibiotics. " * 3] * 6
    )
    headers = [
        "title_zh_hans", "title_en", "summary_zh_hans", "body_zh_hans", "body_en", "category",
        "topics", "published_at", "related_projects", "related_countries",
    ]  # fmt: skip
    dataset = tablib.Dataset(headers=headers)
    for i in range(rows):
        dataset.append(
            [
                f"基准新闻{i}",
                f"Benchmark news {i}",
                "摘要",
                chinese,
                english,
                "基地动态",
                f"{topics[i % 10].slug}; {topics[(i + 3) % 10].name_zh_hans}",
                f"20{10 + i % 15}-0{1 + i % 9}-{10 + i % 18}",
                f"news-project-{i % 200}",
                countries[i % len(countries)].country.code,
            ]
        )
    return dataset


def connection_vendor() -> str:
    from django.db import connection

    return connection.vendor


if __name__ == "__main__":
    main()
