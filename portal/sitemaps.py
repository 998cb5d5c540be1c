"""sitemap.xml: public records only, in both languages with hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from cooperation.models import CooperationProject, Institution, PartnerCountry, ResearchField, Unit
from news.models import Article


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 5000


class StaticPagesSitemap(BilingualSitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return [
            "portal:home",
            "cooperation:project-list",
            "cooperation:country-list",
            "cooperation:award-list",
            "news:article-list",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class PublicRecordSitemap(BilingualSitemap):
    """Projects or articles: public ones only, dated by their last change."""

    changefreq = "monthly"

    def __init__(self, model) -> None:
        self.model = model

    def items(self):
        return self.model.objects.public().order_by("pk").only("slug", "updated_at")

    def lastmod(self, record):
        return record.updated_at


class ReferenceSitemap(BilingualSitemap):
    changefreq = "monthly"

    def __init__(self, model) -> None:
        self.model = model

    def items(self):
        return self.model.objects.order_by("pk")


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "projects": PublicRecordSitemap(CooperationProject),
    "news": PublicRecordSitemap(Article),
    "countries": ReferenceSitemap(PartnerCountry),
    "institutions": ReferenceSitemap(Institution),
    "fields": ReferenceSitemap(ResearchField),
    "units": ReferenceSitemap(Unit),
}
