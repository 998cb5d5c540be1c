"""The URLs of the benchmark's varied runs: a different URL on every request, so nothing kept
for one URL (page, facet counts of a selection, a page's rows) serves the next.

Called inside a configured Django process (bench/run.py); deterministic for a given
database. The keys are the page names of bench/run.py's PAGES.
"""

from __future__ import annotations

import random
from urllib.parse import quote, urlencode

from cooperation.models import CooperationProject, ProjectStatus
from news.models import Article
from portal.management.commands.generate_fake_data import COUNTRY_CODES, WORDS_EN, WORDS_ZH

SAMPLE = 500


def _spread_slugs(queryset, count: int) -> list[str]:
    """``count`` public slugs spread evenly over the whole table (old and new records)."""
    ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    step = max(1, len(ids) // count)
    chosen = ids[::step][:count]
    slugs = dict(queryset.filter(pk__in=chosen).values_list("pk", "slug"))
    return [slugs[pk] for pk in chosen]


def _word_queries(words: list[str], joiner: str, rng: random.Random) -> list[str]:
    """Each word alone, and as many pairs of different words."""
    pairs = [joiner.join(rng.sample(words, 2)) for _ in words]
    return words + pairs


def varied_paths(seed: int = 7) -> dict[str, list[str]]:
    rng = random.Random(seed)
    projects = _spread_slugs(CooperationProject.objects.public(), SAMPLE)
    articles = _spread_slugs(Article.objects.public(), SAMPLE)
    statuses = ["", *ProjectStatus.values]
    selections = []
    for _ in range(SAMPLE):
        params = {"country": rng.choice(COUNTRY_CODES), "year_from": rng.randint(2005, 2024)}
        status = rng.choice(statuses)
        if status:
            params["status"] = status
        selections.append(f"/en/projects/?{urlencode(params)}")
    news_pages = Article.objects.public().count() // 10
    return {
        "project list, filtered": selections,
        "project detail": [f"/en/projects/{slug}/" for slug in projects],
        "search, English": [
            f"/en/search/?q={quote(query)}" for query in _word_queries(WORDS_EN, " ", rng)
        ],
        "search, Chinese": [
            f"/zh-hans/search/?q={quote(query)}" for query in _word_queries(WORDS_ZH, " ", rng)
        ],
        "news list": [
            f"/en/news/?page={rng.randint(1, max(1, news_pages))}" for _ in range(SAMPLE)
        ],
        "article": [f"/en/news/{slug}/" for slug in articles],
    }
