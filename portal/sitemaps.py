"""The sitemaps: public records only, in the languages each is written in, with hreflang
alternates.

``/sitemap.xml`` is an index of the sections' pages (``/sitemap-<section>.xml?p=N``), so a
crawler finds every record at any size. Django's sitemaps in i18n mode pair every record of
a section with each language in memory before taking a page of them; here a page reads only
its own records (RecordLanguagePairs).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max, QuerySet
from django.db.models.functions import Greatest
from django.urls import reverse

from config.pagination import RowsByKeys
from cooperation.models import (
    Achievement,
    Award,
    CooperationProject,
    Exchange,
    Institution,
    PartnerCountry,
    Researcher,
    ResearchField,
    Unit,
    languages_written,
    with_languages_written,
)
from cooperation.publication import kept_while_published
from news.models import Article
from portal.models import Page


class RecordLanguagePairs:
    """Each record of ``records`` once per language, in order, as Django's i18n sitemaps list
    them, for a Paginator: counted by the database and read a slice at a time. (Django lists
    every pair of a section first: at 100,000 projects and 200,000 articles the one sitemap
    read them all for each request, 6 s, and showed 2,500 of each.)"""

    def __init__(self, records: QuerySet | RowsByKeys | list, languages: list[str]) -> None:
        self.records = records
        self.languages = languages

    def count(self) -> int:
        records = self.records
        return (len(records) if isinstance(records, list) else records.count()) * len(
            self.languages
        )

    def __getitem__(self, pairs: slice) -> list[tuple]:
        per_record = len(self.languages)
        first = pairs.start // per_record
        last = -(-pairs.stop // per_record)  # the record of the slice's last pair, included
        listed = [
            (record, language) for record in self.records[first:last] for language in self.languages
        ]
        return listed[pairs.start - first * per_record : pairs.stop - first * per_record]


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    # URLs a page (both languages of 1,000 records): under the protocol's 50,000, and a page
    # renders in well under a second.
    limit = 2000

    @property
    def paginator(self) -> Paginator:
        languages = self.languages or [code for code, _name in settings.LANGUAGES]
        return Paginator(RecordLanguagePairs(self.items(), languages), self.limit)

    def get_languages_for_item(self, item) -> list[str]:
        """A record's page in the languages it is written in (``languages_written``), as
        its head's hreflang links give them; a page of the site's own, in every one."""
        written = languages_written(item)
        return [code for code in self._languages() if code in written]

    def get_urls(self, page=1, site=None, protocol=None) -> list[dict]:
        """Each record's page in the languages it is written in, with those as alternates:
        its page in another shows its text untranslated, a duplicate the page's head
        points away from (canonical). Each page's x-default is its address in the first of
        them, as the pages' own heads say: Django's drops the language prefix, which this
        site keeps (``prefix_default_language``), so it named an address that only
        redirects, and named none for a record not written in the default language."""
        urls = []
        for url in super().get_urls(page=page, site=site, protocol=protocol):
            by_language = {alternate["lang_code"]: alternate for alternate in url["alternates"]}
            _item, language = url["item"]
            if language not in by_language:
                continue  # not written in it
            first = url["alternates"][0]["location"]
            if "x-default" in by_language:
                by_language["x-default"]["location"] = first
            else:
                url["alternates"].append({"location": first, "lang_code": "x-default"})
            urls.append(url)
        return urls


class StaticPagesSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return [
            "portal:home",
            "cooperation:project-list",
            "cooperation:country-list",
            "cooperation:institution-list",
            "cooperation:field-list",
            "cooperation:unit-list",
            "cooperation:researcher-list",
            "cooperation:exchange-list",
            "cooperation:award-list",
            "cooperation:achievement-list",
            "news:article-list",
            "portal:open-data",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class PublicRecordSitemap(BilingualSitemap):
    """Projects, awards, articles or staff's pages: public ones only, dated by their last change or, when later, by
    their publication."""

    changefreq = "monthly"

    def __init__(self, model) -> None:
        self.model = model

    def records(self) -> QuerySet:
        # A scheduled record's page appears when it comes due, after its last change.
        return (
            self.model.objects.public()
            .order_by("pk")
            .only("slug")
            .annotate(dated=Greatest("updated_at", "published_at"))
        )

    def items(self) -> QuerySet:
        # The languages each is written in, by the database: its texts are not loaded.
        return with_languages_written(self.records())

    def lastmod(self, record) -> datetime.datetime:
        return record.dated

    def get_latest_lastmod(self) -> datetime.datetime | None:
        """For the index, in one query (Django's default reads every record for it)."""
        return self.records().aggregate(latest=Max("dated"))["latest"]


class ReferenceSitemap(BilingualSitemap):
    """Reference records, all of them; or (``linked``) records of a project, those readers
    may see as they are public themselves and their project is too, or they have none
    (achievements, exchanges: ``ProjectLinkedPublishableQuerySet.public``)."""

    changefreq = "monthly"

    def __init__(self, model, linked: bool = False) -> None:
        self.model, self.linked = model, linked

    def items(self) -> QuerySet | RowsByKeys:
        if not self.linked:
            return self.model.objects.order_by("pk")
        # Their rule joins the projects: a deep page read and sorted every record before it
        # (250 ms at 90,000 achievements). Its anchors are kept, as the lists keep theirs.
        keep = kept_while_published(f"sitemap:{self.model._meta.label_lower}", {"cooperation"})
        return RowsByKeys(self.model.objects.public().order_by("pk"), keep=keep)


class PartnerCountrySitemap(ReferenceSitemap):
    """The partner countries the country list gives: those with a public project
    (``PartnerCountryQuerySet.partners``); a few dozen rows."""

    def __init__(self) -> None:
        super().__init__(PartnerCountry)

    def items(self) -> QuerySet:
        return PartnerCountry.objects.with_public_projects().order_by("pk")


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "projects": PublicRecordSitemap(CooperationProject),
    "news": PublicRecordSitemap(Article),
    "countries": PartnerCountrySitemap(),
    "institutions": ReferenceSitemap(Institution),
    "fields": ReferenceSitemap(ResearchField),
    "units": ReferenceSitemap(Unit),
    "researchers": ReferenceSitemap(Researcher),
    "awards": PublicRecordSitemap(Award),
    "achievements": ReferenceSitemap(Achievement, linked=True),
    "exchanges": ReferenceSitemap(Exchange, linked=True),
    # The pages staff write (about the base): public ones only, as the records.
    "about": PublicRecordSitemap(Page),
}
