"""make bench-edits: what the first reader pays after an editor saves a record.

Everything kept beside the pages (facet and list counts, the home, country-list and
dashboard figures) is kept under a content version; each content app has its own, so a
value read from the projects alone survives a news edit. This serves pages in process
(production settings, Redis, page cache off, as in bench/instructions.py) over the
benchmark database and times each page's first request after saving an article, then
after saving a project (nothing in them changes but the time they were saved), and again
once warm: the median of three rounds. The saves are rolled back at the end; the cache
keeps what was computed under the versions they made, which no later run uses.

    .venv/bin/python bench/edits.py [--database postgres://…/coopbase_bench]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import production_env  # noqa: E402

PAGES = {
    "home": "/en/",
    "directory": "/en/projects/",
    "directory, a field": "/en/projects/?field={field}",
    "countries": "/en/countries/",
    "news list": "/en/news/",
    "dashboard (logged in)": "/en/dashboard/",
}
ROUNDS = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/coopbase_bench")
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/9"))
    args = parser.parse_args()
    os.environ.update({**production_env(args.database, args.redis), "DJANGO_PAGE_CACHE": "0"})

    import django

    django.setup()
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.test import Client

    from accounts.models import User
    from accounts.roles import LEADERSHIP
    from cooperation.models import CooperationProject, ResearchField
    from news.models import Article

    field = ResearchField.objects.filter(parent=None).order_by("id").first()
    pages = {name: path.format(field=field.slug) for name, path in PAGES.items()}
    reader = Client(HTTP_HOST="127.0.0.1")
    leader = Client(HTTP_HOST="127.0.0.1")

    def milliseconds() -> dict[str, float]:
        times = {}
        for name, path in pages.items():
            client = leader if "logged in" in name else reader
            start = time.perf_counter()
            status = client.get(path).status_code
            times[name] = 1000 * (time.perf_counter() - start)
            assert status == 200, (path, status)
        return times

    timings: dict[str, list[dict[str, float]]] = {"warm": [], "news": [], "project": []}
    with transaction.atomic():
        user, _ = User.objects.get_or_create(username="bench-leader")
        user.groups.add(Group.objects.get(name=LEADERSHIP))
        leader.force_login(user)
        article = Article.objects.public().order_by("-id").first()
        project = CooperationProject.objects.public().order_by("-id").first()
        milliseconds()  # everything computed once
        for _ in range(ROUNDS):
            timings["warm"].append(milliseconds())
            article.save()
            timings["news"].append(milliseconds())
            milliseconds()
            project.save()
            timings["project"].append(milliseconds())
            milliseconds()
        transaction.set_rollback(True)

    def median(kind: str, name: str) -> str:
        return f"{statistics.median(round[name] for round in timings[kind]):.0f}"

    lines = [
        "| page | warm, ms | first after a news edit, ms | first after a project edit, ms |",
        "|---|---|---|---|",
        *(
            f"| {name} | {median('warm', name)} | {median('news', name)} | "
            f"{median('project', name)} |"
            for name in pages
        ),
    ]
    report = "\n".join(lines)
    print(report)
    (ROOT / "bench" / "results" / "edits.md").write_text(report + "\n")


if __name__ == "__main__":
    main()
