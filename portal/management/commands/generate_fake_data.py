"""Bulk-generate a large, deterministic body of records for benchmarks and scale tests.

    manage.py generate_fake_data --projects 100000 [--seed 1] [--articles-per-project 2]

Proportions follow the demo base: about one institution per 50 projects, one award per 10,
one achievement per project, one exchange per two, two articles per project. Like the demo's
news, most articles are filed under a topic or two, and many name related projects, partner
countries or an award, so that the article page and the projects' news lists show some
(ARTICLE_LINKS). Rows are written with bulk_create in batches, so 100,000 projects take
minutes, not hours. Records are appended with slugs of their own (``fake-…``); run it on an
empty or demo database.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from cooperation import models as coop
from cooperation.publication import PublicationStatus, Publishable
from news.models import Article, Category, Topic

COUNTRY_CODES = [
    "JP", "RU", "GB", "IL", "CA", "DE", "TH", "FR", "US", "IT", "ES", "NL", "SE", "CH", "AU",
    "NZ", "KR", "SG", "MY", "IN", "BR", "MX", "ZA", "EG", "PL", "CZ", "AT", "BE", "DK", "FI",
]  # fmt: skip
WORDS_EN = [
    "enzyme",
    "protein",
    "antibiotic",
    "peptide",
    "marine",
    "plant",
    "tumour",
    "imaging",
    "biocatalysis",
    "synthesis",
    "fermentation",
    "vaccine",
    "diagnosis",
    "orthopaedic",
    "implant",
    "genome",
    "screening",
    "metabolite",
    "drug",
    "delivery",
    "resistance",
    "kinase",
    "inhibitor",
    "cell",
    "therapy",
    "antibody",
]
WORDS_ZH = [
    "酶",
    "蛋白",
    "抗生素",
    "多肽",
    "海洋",
    "植物",
    "肿瘤",
    "影像",
    "生物催化",
    "合成",
    "发酵",
    "疫苗",
    "诊断",
    "骨科",
    "植入物",
    "基因组",
    "筛选",
    "代谢物",
    "药物",
    "递送",
    "耐药",
    "激酶",
    "抑制剂",
    "细胞",
    "治疗",
    "抗体",
]
BATCH = 5000
# Of each kind of record an article may name: the share of articles naming any, and at most
# how many each.
ARTICLE_LINKS = {
    "topics": (0.8, 2),
    "related_projects": (0.5, 2),
    "related_countries": (0.4, 2),
    "related_awards": (0.1, 1),
}


# A body is some of a pool of paragraphs made once (each of 4-7 sentences of 8 words): an
# article's 3-6 paragraphs run to about 1.6 KB in English and 420 characters (1.3 KB) in
# Chinese, as the demo's news item does (2 KB); a project's description to 2-4 of them.
PARAGRAPH_POOL = 300
ARTICLE_PARAGRAPHS = (3, 6)
PROJECT_PARAGRAPHS = (2, 4)


class Command(BaseCommand):
    help = "Generate a large, deterministic data set (bulk inserts) for benchmarks."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--projects", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--articles-per-project", type=int, default=2)

    def handle(self, *args, projects: int, seed: int, articles_per_project: int, **options):
        if projects < 1 or projects > 2_000_000:
            raise CommandError("--projects must be between 1 and 2,000,000.")
        self.random = random.Random(seed)
        self.started = time.monotonic()
        self.paragraphs = self.paragraph_pool()
        with transaction.atomic():
            self.make_reference_data(projects)
            self.make_projects(projects)
            self.make_related_rows(projects)
            self.make_articles(projects * articles_per_project)
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner keeps estimating the tables as empty and
            # picks plans (e.g. filter-then-rank for search) that take seconds at this size;
            # and the visibility map of a settled database (autovacuum's work), without which
            # index-only scans read the table anyway.
            # (VACUUM cannot run inside a transaction, as the tests run it.)
            self.stdout.write("Vacuuming and analysing tables…")
            # The connection's statement timeout guards requests, not this: on a loaded
            # machine VACUUM of 200,000 articles outlasted it and the command failed at the end.
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
                cursor.execute("RESET statement_timeout")
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - self.started:.0f} s."))

    # --- helpers ------------------------------------------------------------------------

    def progress(self, label: str, done: int, total: int) -> None:
        elapsed = time.monotonic() - self.started
        self.stdout.write(f"\r{label}: {done:,}/{total:,} ({elapsed:.0f} s)", ending="")
        if done >= total:
            self.stdout.write("")

    def bulk(self, model, rows, label: str) -> list:
        created = []
        for start in range(0, len(rows), BATCH):
            created += model.objects.bulk_create(rows[start : start + BATCH])
            self.progress(label, min(start + BATCH, len(rows)), len(rows))
        return created

    def title(self, n: int) -> tuple[str, str]:
        words = self.random.sample(range(len(WORDS_EN)), 3)
        english = " ".join(WORDS_EN[i] for i in words).capitalize() + f" study {n}"
        chinese = "".join(WORDS_ZH[i] for i in words) + f"研究{n}"
        return chinese, english

    def paragraph_pool(self) -> list[tuple[str, str]]:
        """PARAGRAPH_POOL paragraphs, each in Chinese and in English, of the same words."""
        pool = []
        for _ in range(PARAGRAPH_POOL):
            sentences = [
                self.random.sample(range(len(WORDS_EN)), 8)
                for _ in range(self.random.randint(4, 7))
            ]
            pool.append(
                (
                    "".join("".join(WORDS_ZH[i] for i in words) + "。" for words in sentences),
                    " ".join(
                        " ".join(WORDS_EN[i] for i in words).capitalize() + "."
                        for words in sentences
                    ),
                )
            )
        return pool

    def body(self, paragraphs: tuple[int, int], html: bool) -> tuple[str, str]:
        """A body of some of the pool's paragraphs, in Chinese and in English: rich text
        (an article's, <p> elements) or plain text (a project's, blank lines between)."""
        chosen = self.random.sample(self.paragraphs, self.random.randint(*paragraphs))
        if html:
            return tuple("".join(f"<p>{text[i]}</p>" for text in chosen) for i in (0, 1))
        return tuple("\n\n".join(text[i] for text in chosen) for i in (0, 1))

    def when(self, first_year: int = 2005, last_year: int = 2026) -> date:
        return date(first_year, 1, 1) + timedelta(
            days=self.random.randrange((date(last_year, 12, 31) - date(first_year, 1, 1)).days)
        )

    @staticmethod
    def moment(day: date) -> datetime:
        return datetime(day.year, day.month, day.day, 1, 0, tzinfo=UTC)

    def publication(self, day: date) -> dict:
        roll = self.random.random()
        if roll < 0.9:
            return {
                "publication_status": PublicationStatus.PUBLISHED,
                "published_at": self.moment(day),
            }
        if roll < 0.95:
            return {"publication_status": PublicationStatus.DRAFT, "published_at": None}
        return {"publication_status": PublicationStatus.ARCHIVED, "published_at": self.moment(day)}

    # --- records ------------------------------------------------------------------------

    def make_reference_data(self, projects: int) -> None:
        existing = set(coop.PartnerCountry.objects.values_list("country", flat=True))
        self.bulk(
            coop.PartnerCountry,
            [
                coop.PartnerCountry(country=code, region="europe", since_year=2010)
                for code in COUNTRY_CODES
                if code not in existing
            ],
            "countries",
        )
        self.countries = list(coop.PartnerCountry.objects.all())
        fields = [
            coop.ResearchField(
                slug=f"fake-field-{i}", name_zh_hans=f"领域{i}", name_en=f"Field {i}"
            )
            for i in range(12)
        ]
        self.fields = self.bulk(coop.ResearchField, fields, "fields")
        units = [
            coop.Unit(slug=f"fake-unit-{i}", name_zh_hans=f"单位{i}", name_en=f"Unit {i}")
            for i in range(max(2, projects // 5000))
        ]
        self.units = self.bulk(coop.Unit, units, "units")
        # Every country has an institution (the first ones take the countries in turn), so a
        # country's pages and filters show projects at any size: the benchmark compares the
        # query counts of the same selection at 1,000 and at 100,000 projects.
        institutions = []
        for i in range(max(10, len(self.countries), projects // 50)):
            drawn = self.random.choice(self.countries)  # for each, so the rest stays the same
            institutions.append(
                coop.Institution(
                    slug=f"fake-institution-{i}",
                    name_zh_hans=f"合作大学{i}",
                    name_en=f"Partner University {i}",
                    country=self.countries[i] if i < len(self.countries) else drawn,
                    kind=coop.InstitutionKind.UNIVERSITY,
                )
            )
        self.institutions = self.bulk(coop.Institution, institutions, "institutions")
        researchers = [
            coop.Researcher(
                slug=f"fake-researcher-{i}",
                name_zh_hans=f"研究员{i}",
                name_en=f"Researcher {i}",
                unit=self.random.choice(self.units),
            )
            for i in range(max(10, projects // 20))
        ]
        self.researchers = self.bulk(coop.Researcher, researchers, "researchers")
        self.categories = self.named(Category, "category", "栏目", "Category", 3)
        self.topics = self.named(Topic, "topic", "专题", "Topic", 8)

    @staticmethod
    def named(model, kind: str, chinese: str, english: str, count: int) -> list:
        """``count`` records of a kind with a name in each language, made once per database
        (a second run reuses them)."""
        return [
            model.objects.get_or_create(
                slug=f"fake-{kind}-{i}",
                defaults={"name_zh_hans": f"{chinese}{i}", "name_en": f"{english} {i}"},
            )[0]
            for i in range(count)
        ]

    def make_projects(self, count: int) -> None:
        kinds = [choice for choice, _label in coop.ProjectKind.choices]
        statuses = [choice for choice, _label in coop.ProjectStatus.choices]
        rows = []
        for n in range(count):
            start = self.when()
            end = (
                start + timedelta(days=self.random.randrange(365, 365 * 5))
                if self.random.random() < 0.8
                else None
            )
            zh, en = self.title(n)
            body_zh, body_en = self.body(PROJECT_PARAGRAPHS, html=False)
            rows.append(
                coop.CooperationProject(
                    slug=f"fake-project-{n}",
                    title_zh_hans=zh,
                    title_en=en,
                    summary_zh_hans=f"{zh}的合作摘要。",
                    summary_en=f"Summary of the cooperation: {en.lower()}.",
                    body_zh_hans=body_zh,
                    body_en=body_en,
                    kind=self.random.choice(kinds),
                    status=self.random.choice(statuses),
                    start_date=start,
                    end_date=end,
                    lead_unit=self.random.choice(self.units),
                    principal_investigator=self.random.choice(self.researchers),
                    funding_amount=self.random.randrange(50, 5000) * 1000,
                    currency="CNY",
                    featured=self.random.random() < 0.01,
                    **self.publication(start),
                )
            )
        self.projects = self.bulk(coop.CooperationProject, rows, "projects")

    def make_related_rows(self, count: int) -> None:
        partners, links = [], []
        for project in self.projects:
            for institution in self.random.sample(self.institutions, self.random.randint(1, 3)):
                partners.append(coop.ProjectPartner(project=project, institution=institution))
            for field in self.random.sample(self.fields, self.random.randint(1, 2)):
                links.append(coop.ProjectResearchField(project=project, field=field))
        self.bulk(coop.ProjectPartner, partners, "project partners")
        self.bulk(coop.ProjectResearchField, links, "project fields")
        levels = [choice for choice, _label in coop.AwardLevel.choices]
        awards = []
        for n in range(max(1, count // 10)):
            day = self.when()
            zh, en = self.title(n)
            awards.append(
                coop.Award(
                    slug=f"fake-award-{n}",
                    title_zh_hans=f"{zh}奖",
                    title_en=f"{en} award",
                    granting_body_zh_hans="科技厅",
                    granting_body_en="Science & Technology Department",
                    level=self.random.choice(levels),
                    year=day.year,
                    **self.publication(day),
                )
            )
        self.awards = self.bulk(coop.Award, awards, "awards")
        kinds = [choice for choice, _label in coop.AchievementKind.choices]
        self.bulk(
            coop.Achievement,
            [
                self.with_fixed_publication(
                    n,
                    coop.Achievement(
                        kind=self.random.choice(kinds),
                        title_zh_hans=f"成果{n}",
                        title_en=f"Achievement {n}",
                        year=self.when().year,
                        project=project,
                    ),
                    lambda achievement: date(achievement.year, 1, 1),
                )
                for n, project in enumerate(self.projects)
            ],
            "achievements",
        )
        exchange_kinds = [choice for choice, _label in coop.ExchangeKind.choices]
        self.bulk(
            coop.Exchange,
            [
                self.with_fixed_publication(
                    n,
                    coop.Exchange(
                        kind=self.random.choice(exchange_kinds),
                        title_zh_hans=f"交流{n}",
                        title_en=f"Exchange {n}",
                        start_date=self.when(),
                        country=self.random.choice(self.countries),
                        people_count=self.random.randint(1, 30),
                    ),
                    lambda exchange: exchange.start_date,
                )
                for n in range(max(1, count // 2))
            ],
            "exchanges",
        )

    def with_fixed_publication[R: Publishable](
        self, n: int, record: R, first_day: Callable[[R], date]
    ) -> R:
        """The publication state of the ``n``-th exchange or achievement (cooperation.0016,
        0017), not drawn from the generator, so the records drawn after it stay as they
        were: one in twenty a draft, the rest public from their ``first_day``."""
        if n % 20 == 19:
            record.publication_status = PublicationStatus.DRAFT
        else:
            record.publication_status = PublicationStatus.PUBLISHED
            record.published_at = self.moment(first_day(record))
        return record

    def make_articles(self, count: int) -> None:
        rows = []
        for n in range(count):
            day = self.when(2009, 2026)
            zh, en = self.title(n)
            body_zh, body_en = self.body(ARTICLE_PARAGRAPHS, html=True)
            rows.append(
                Article(
                    slug=f"fake-news-{n}",
                    title_zh_hans=f"{zh}取得进展",
                    title_en=f"Progress in {en.lower()}",
                    summary_zh_hans=f"{zh}的最新进展。",
                    summary_en=f"News about {en.lower()}.",
                    body_zh_hans=f"<p>{zh}的最新进展。</p>{body_zh}",
                    body_en=f"<p>News about {en.lower()}.</p>{body_en}",
                    category=self.random.choice(self.categories),
                    **self.publication(day),
                )
            )
        articles = self.bulk(Article, rows, "articles")
        self.link_articles(articles)

    def link_articles(self, articles: list[Article]) -> None:
        """Each relation's rows of ARTICLE_LINKS, written through its link table."""
        named = {
            "topics": self.topics,
            "related_projects": self.projects,
            "related_countries": self.countries,
            "related_awards": self.awards,
        }
        for relation, (share, most) in ARTICLE_LINKS.items():
            through = getattr(Article, relation).through
            # The link table's column of the named record (e.g. cooperationproject_id).
            column = getattr(Article, relation).field.m2m_reverse_name()
            links = [
                through(article_id=article.pk, **{column: record.pk})
                for article in articles
                if self.random.random() < share
                for record in self.random.sample(named[relation], self.random.randint(1, most))
            ]
            self.bulk(through, links, f"article {relation.replace('_', ' ')}")
