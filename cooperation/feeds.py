"""RSS and Atom feeds of the newest public cooperation projects (all of them, a partner
country's and a research field's, as readers follow CORDIS) and of the newest awards, one per
language (the URL's language prefix); and what every feed of the site shares, the news feeds
(news/feeds.py) included: read only, entries tagged with their language, a renamed record's
subscribers sent on."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from cooperation.addresses import redirect_keeping_query, redirect_to_moved
from cooperation.models import (
    Award,
    CooperationProject,
    PartnerCountry,
    ResearchField,
    language_shown,
)

ENTRIES = 30  # as the news feeds
PROJECTS = _("Cooperation projects")
AWARDS = _("Awards and recognitions")


def feed_title(*parts) -> str:
    """As the site's page titles join their parts, in either language: no colons that one
    language writes full-width and the other not."""
    return " · ".join([str(settings.SITE_NAME), *(str(part) for part in parts)])


class LanguageTaggedAtom1Feed(Atom1Feed):
    """Atom whose entries in another language than the feed's say which (``xml:lang`` on the
    entry, from the item's ``language``): an article not yet translated is in the English
    feed with its Chinese title and summary, and a reader's voice or fonts follow the
    feed's ``xml:lang`` otherwise. RSS 2.0 has a language for the channel only."""

    def item_attributes(self, item: dict) -> dict[str, str]:
        attributes = super().item_attributes(item)
        if item.get("language"):
            attributes["xml:lang"] = item["language"]
        return attributes


class PublicFeed(Feed):
    """A feed of public records in the reader's language: the text modeltranslation shows
    (the other language's where this one has none), each entry saying so in Atom."""

    # Read only, as every public page (config.methods): the feed answers GET and HEAD, any
    # other method a 405 rather than the CSRF check's 403 or, for TRACE, the whole feed.
    # CsrfViewMiddleware reads the exemption off the view, which is the feed itself.
    csrf_exempt = True
    title_field = "title"  # the item's translated fields its entry shows
    summary_field = "summary"

    @method_decorator(require_safe)
    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return super().__call__(request, *args, **kwargs)

    def item_title(self, item: models.Model) -> str:
        return getattr(item, self.title_field)

    def item_description(self, item: models.Model) -> str:
        return getattr(item, self.summary_field)

    def item_pubdate(self, item: models.Model):
        return item.published_at

    def item_updateddate(self, item: models.Model):
        return item.updated_at

    def item_extra_kwargs(self, item: models.Model) -> dict[str, str]:
        """The entry's language, when its title and summary are both shown in another one
        than the feed's (modeltranslation's fallback). One attribute covers the whole
        entry, and Django's feed writer gives its title and summary none of their own: where
        the two differ, no language would be right for both, and the entry keeps the
        feed's."""
        feed_language = get_language()
        title = language_shown(item, self.title_field, feed_language)
        summary = (
            language_shown(item, self.summary_field, feed_language)
            if getattr(item, self.summary_field)
            else title
        )
        return {"language": title} if title == summary != feed_language else {}


class FormerSlugFeedMixin:
    """A feed of one record's (``/fields/<slug>/feed/rss/``, ``/countries/jp/feed/rss/``): a
    renamed record's subscribers (a country's, after its code was corrected) are sent, for
    good, to its feed's new address; a slug or code no record had is a 404."""

    slug_records: models.QuerySet
    address_kwarg = "slug"  # the URL's argument naming the record

    def former_address(self, value: str) -> str:
        """The URL's argument as the record's former addresses keep it."""
        return value

    def address_of(self, record: models.Model) -> str:
        """The URL's argument naming ``record`` now."""
        return record.address_key

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return super().__call__(request, *args, **kwargs)
        except Http404:
            view_name = request.resolver_match.view_name
            moved = redirect_to_moved(
                request,
                self.slug_records.all(),
                self.former_address(kwargs[self.address_kwarg]),
                lambda record: reverse(
                    view_name, kwargs={self.address_kwarg: self.address_of(record)}
                ),
            )
            if moved is None:
                raise
            return moved


class LatestProjectsFeed(PublicFeed):
    description = _(
        "The newest public cooperation projects of the international science and technology "
        "cooperation base."
    )
    # The records it shows: its cached copy survives news edits (portal.cache).
    content_apps = {"cooperation"}

    def title(self) -> str:  # in the reader's language, not the one at import
        return feed_title(PROJECTS)

    def link(self) -> str:
        return reverse("cooperation:project-list")

    def projects(self, record: models.Model | None) -> models.QuerySet:
        """The public projects the feed is of (``record``: its country or field)."""
        return CooperationProject.objects.public()

    def items(self, record: models.Model | None):
        # Newest published first; the fields read once for all the entries.
        return (
            self.projects(record)
            .only("title", "slug", "summary", "kind", "published_at", "updated_at")
            .prefetch_related(models.Prefetch("research_fields", ResearchField.objects.all()))
            .order_by("-published_at", "-id")[:ENTRIES]
        )

    def item_categories(self, project: CooperationProject) -> list[str]:
        return [
            project.get_kind_display(),
            *(field.name for field in project.research_fields.all()),
        ]


class LatestProjectsAtomFeed(LatestProjectsFeed):
    feed_type = LanguageTaggedAtom1Feed
    subtitle = LatestProjectsFeed.description


class CountryProjectsFeed(FormerSlugFeedMixin, LatestProjectsFeed):
    """The newest public projects with a partner in one country (``/countries/jp/feed/rss/``).
    An unknown code is a 404; one in capitals is sent on to its one address, in lower case,
    and one the country had before its code was corrected to its code now, as the country's
    page is."""

    slug_records = PartnerCountry.objects.all()
    address_kwarg = "code"

    def former_address(self, value: str) -> str:
        return value.upper()  # kept as the record writes it ("AT")

    def address_of(self, country: PartnerCountry) -> str:
        return country.address_key.lower()

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        code = kwargs["code"]
        if not code.islower():
            view_name = request.resolver_match.view_name
            return redirect_keeping_query(
                request, reverse(view_name, kwargs={"code": code.lower()})
            )
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request: HttpRequest, code: str) -> PartnerCountry:
        return get_object_or_404(PartnerCountry, country=code.upper())

    def title(self, country: PartnerCountry) -> str:
        return feed_title(PROJECTS, str(country))

    def link(self, country: PartnerCountry) -> str:
        return country.get_absolute_url()

    def projects(self, country: PartnerCountry) -> models.QuerySet:
        return CooperationProject.objects.public().for_country(country.code)


class CountryProjectsAtomFeed(CountryProjectsFeed):
    feed_type = LanguageTaggedAtom1Feed
    subtitle = LatestProjectsFeed.description


class FieldProjectsFeed(FormerSlugFeedMixin, LatestProjectsFeed):
    """The newest public projects in one research field or its sub-fields
    (``/fields/<slug>/feed/rss/``), as the field's page lists them."""

    slug_records = ResearchField.objects.all()

    def get_object(self, request: HttpRequest, slug: str) -> ResearchField:
        return get_object_or_404(ResearchField, slug=slug)

    def title(self, field: ResearchField) -> str:
        return feed_title(PROJECTS, field.name)

    def link(self, field: ResearchField) -> str:
        return field.get_absolute_url()

    def projects(self, field: ResearchField) -> models.QuerySet:
        return CooperationProject.objects.public().for_field(field.slug)


class FieldProjectsAtomFeed(FieldProjectsFeed):
    feed_type = LanguageTaggedAtom1Feed
    subtitle = LatestProjectsFeed.description


class LatestAwardsFeed(PublicFeed):
    description = _(
        "The newest awards and recognitions of the international science and technology "
        "cooperation base."
    )
    summary_field = "granting_body"  # who granted it: what every award has to say
    content_apps = {"cooperation"}

    def title(self) -> str:
        return feed_title(AWARDS)

    def link(self) -> str:
        return reverse("cooperation:award-list")

    def items(self):
        return (
            Award.objects.public()
            .only("title", "slug", "granting_body", "level", "year", "published_at", "updated_at")
            .order_by("-published_at", "-id")[:ENTRIES]
        )

    def item_categories(self, award: Award) -> list[str]:
        return [award.get_level_display()]


class LatestAwardsAtomFeed(LatestAwardsFeed):
    feed_type = LanguageTaggedAtom1Feed
    subtitle = LatestAwardsFeed.description
