"""make bench-admin: the back office's change lists at scale, in process.

Requests each list (whole, by year, filtered, searched with long and short, common and rare
terms) and an autocomplete that searches one as a superuser made for the benchmark, with production settings against the benchmark
database, and prints per list: the queries, the fastest of three requests after a first one
(ms), the SQL time of that request, and (as ``make explain``) each sequential scan of a table
of more than 10,000 rows its queries' plans hold; writes the table to bench/results/admin.md.

    .venv/bin/python bench/admin_lists.py [--database postgres://…/coopbase_bench]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.explain import configure, explain  # noqa: E402

REQUESTS = 3


def paths() -> dict[str, str]:
    news, projects = "/admin/news/article/", "/admin/cooperation/cooperationproject/"
    picker = "/admin/autocomplete/?app_label=news&model_name=article&field_name=related_projects"
    return {
        "news": news,
        "news, a year": f"{news}?published_at__year=2020",
        "news, published": f"{news}?publication_status__exact=published",
        "news, search enzyme": f"{news}?q=enzyme",
        "news, search 海洋 (common)": f"{news}?q={quote('海洋')}",
        "news, search 李明 (rare)": f"{news}?q={quote('李明')}",
        "news, search qx (none)": f"{news}?q=qx",
        "projects": projects,
        "projects, a unit": f"{projects}?lead_unit__id__exact=3",
        "projects, a research field": f"{projects}?research_field=3",
        "projects, search 酶 (common)": f"{projects}?q={quote('酶')}",
        "projects, search 鲸 (rare)": f"{projects}?q={quote('鲸')}",
        "awards": "/admin/cooperation/award/",
        "achievements": "/admin/cooperation/achievement/",
        "exchanges": "/admin/cooperation/exchange/",
        # An article's related projects, picked by typing: the projects' admin search.
        "article's project picker, 酶": f"{picker}&term={quote('酶')}",
        "article's project picker, 鲸": f"{picker}&term={quote('鲸')}",
        "article's project picker, ma": f"{picker}&term=ma",
    }


def timed(client, path: str) -> tuple[float, float]:
    """The fastest of REQUESTS requests (ms) and the SQL time of that one (ms)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    best = None
    for _ in range(REQUESTS):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            client.get(path)
            elapsed = (time.perf_counter() - start) * 1000
        sql = sum(float(query["time"]) for query in captured.captured_queries) * 1000
        if best is None or elapsed < best[0]:
            best = (elapsed, sql)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/coopbase_bench")
    args = parser.parse_args()
    configure(args.database)
    from django.test import Client

    from accounts.models import User

    admin, _ = User.objects.update_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(admin)
    lines = [
        "| change list | status | queries | ms | of it SQL, ms | sequential scans of large tables |",
        "|---|---|---|---|---|---|",
    ]
    for name, path in paths().items():
        _name, status, count, scans, _sorted = explain(name, path, client)
        elapsed, sql = timed(client, path)
        lines.append(
            f"| {name} | {status} | {count} | {elapsed:.0f} | {sql:.0f} | "
            f"{', '.join(scans) or 'none'} |"
        )
        print(lines[-1], flush=True)
    out = ROOT / "bench" / "results" / "admin.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
