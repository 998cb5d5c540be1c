"""The open data catalogue: what the base publishes as data, where, and under what terms.

One description serves the portal's open data page (``/data/``) and the schema.org
``DataCatalog`` on it, which dataset search engines read. Every dataset is counted from the
records the API serves: public ones for the publishable kinds (achievements and exchanges
also while their project is), all of them for the reference data but the countries, the
partner countries (those with a public project) as the API lists them unless asked for all.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from rest_framework.throttling import SimpleRateThrottle

from cooperation.exports import EXPORT_COLUMNS
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
)
from cooperation.publication import (
    Publishable,
    cached_while_published,
    public_records_changed_at,
)
from news.models import Article

JSON, CSV = "application/json", "text/csv"
RSS, ATOM = "application/rss+xml", "application/atom+xml"


@dataclass(frozen=True)
class Distribution:
    """One way to download a dataset: a URL name and what it answers."""

    label: Promise | str
    url_name: str
    media_type: str


@dataclass(frozen=True)
class Dataset:
    key: str
    title: Promise
    description: Promise
    records: Callable[[], QuerySet]
    portal_page: str | None  # the URL name of its list on the portal
    distributions: tuple[Distribution, ...]


def api(key: str) -> Distribution:
    return Distribution(_("API (JSON)"), f"api:{key}-list", JSON)


DATASETS = (
    Dataset(
        "projects",
        _("Cooperation projects"),
        _(
            "Joint research, joint laboratories, talent exchange, technology transfer and "
            "introduced projects: their partner institutions and roles, research fields, "
            "lead units, principal investigators, dates and funding."
        ),
        lambda: CooperationProject.objects.public(),
        "cooperation:project-list",
        (
            api("project"),
            Distribution("CSV", "cooperation:project-export-csv", CSV),
            Distribution("JSON", "cooperation:project-export-json", JSON),
            Distribution("RSS", "cooperation:project-feed-rss", RSS),
            Distribution("Atom", "cooperation:project-feed-atom", ATOM),
        ),
    ),
    Dataset(
        "countries",
        _("Partner countries"),
        _(
            "The countries of the base's partners: ISO code, region, the year cooperation "
            "began, a summary and the number of public projects with each."
        ),
        # The partner countries the API lists by default, as the portal's country list.
        lambda: PartnerCountry.objects.with_public_projects(),
        "cooperation:country-list",
        (api("country"),),
    ),
    Dataset(
        "institutions",
        _("Partner institutions"),
        _(
            "Universities, institutes, hospitals, companies and government bodies: country, "
            "city, kind, website and ROR identifier."
        ),
        lambda: Institution.objects.all(),
        "cooperation:institution-list",
        (api("institution"),),
    ),
    Dataset(
        "fields",
        _("Research fields"),
        _(
            "The base's research fields and their sub-fields: name, description and, for a "
            "sub-field, the field it belongs to."
        ),
        lambda: ResearchField.objects.all(),
        "cooperation:field-list",
        (api("field"),),
    ),
    Dataset(
        "units",
        _("Units"),
        _("The base's own units: name, short name, description and website."),
        lambda: Unit.objects.all(),
        "cooperation:unit-list",
        (api("unit"),),
    ),
    Dataset(
        "researchers",
        _("Researchers"),
        _(
            "The base's researchers: name, academic title, unit, ORCID iD and profile (never "
            "an e-mail address)."
        ),
        lambda: Researcher.objects.all(),
        "cooperation:researcher-list",
        (api("researcher"),),
    ),
    Dataset(
        "awards",
        _("Awards and recognitions"),
        _(
            "Awards to the base, its units, researchers and projects: level, granting body, "
            "year and recipient."
        ),
        lambda: Award.objects.public(),
        "cooperation:award-list",
        (
            api("award"),
            Distribution("CSV", "cooperation:award-export-csv", CSV),
            Distribution("RSS", "cooperation:award-feed-rss", RSS),
            Distribution("Atom", "cooperation:award-feed-atom", ATOM),
        ),
    ),
    Dataset(
        "achievements",
        _("Achievements"),
        _(
            "Papers, patents, drug candidates, standards and software from the projects: kind, "
            "year, identifier (a DOI or a patent number) and project."
        ),
        lambda: Achievement.objects.public(),
        "cooperation:achievement-list",
        (api("achievement"), Distribution("CSV", "cooperation:achievement-export-csv", CSV)),
    ),
    Dataset(
        "exchanges",
        _("Talent exchanges"),
        _(
            "Visits, visiting scholars, joint students, conferences and training: kind, dates, "
            "country, institution, unit and the number of people."
        ),
        lambda: Exchange.objects.public(),
        "cooperation:exchange-list",
        (api("exchange"), Distribution("CSV", "cooperation:exchange-export-csv", CSV)),
    ),
    Dataset(
        "news",
        _("News"),
        _(
            "The base's news articles in full: title, summary, text, category, topics and the "
            "projects, countries and awards they concern."
        ),
        lambda: Article.objects.public(),
        "news:article-list",
        (
            api("article"),
            Distribution("RSS", "news:feed-rss", RSS),
            Distribution("Atom", "news:feed-atom", ATOM),
        ),
    ),
)


def catalogue_figures() -> dict:
    """Each dataset's count and the moment the data last changed: kept while the public
    records are unchanged (a scheduled one coming due counts as a change). One query a
    dataset: a publishable kind's counts its records and finds its latest publication."""
    counts, latest_publications = {}, []
    for dataset in DATASETS:
        records = dataset.records()
        if issubclass(records.model, Publishable):
            figures = records.aggregate(count=Count("pk"), latest=Max("published_at"))
            latest_publications.append(figures["latest"])
            counts[dataset.key] = figures["count"]
        else:
            counts[dataset.key] = records.count()
    return {"counts": counts, "modified": public_records_changed_at(latest_publications)}


def api_rate() -> str:
    """The API's limit per client address, in words ("120 requests a minute")."""
    number, seconds = SimpleRateThrottle.parse_rate(
        None, settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"]
    )
    per = {
        1: ngettext("%(number)s request a second", "%(number)s requests a second", number),
        60: ngettext("%(number)s request a minute", "%(number)s requests a minute", number),
        3600: ngettext("%(number)s request an hour", "%(number)s requests an hour", number),
        86400: ngettext("%(number)s request a day", "%(number)s requests a day", number),
    }
    return per[seconds] % {"number": f"{number:,}"}


def catalogue(request: HttpRequest) -> dict:
    """The open data page's context: the datasets with their counts and absolute download
    addresses, the licence, the export's columns and the catalogue's JSON-LD."""
    figures = cached_while_published(
        "open-data-catalogue", catalogue_figures, apps={"cooperation", "news"}
    )
    modified: datetime.datetime = figures["modified"]
    datasets = [
        {
            "key": dataset.key,
            "title": dataset.title,
            "description": dataset.description,
            "count": figures["counts"][dataset.key],
            "page": reverse(dataset.portal_page) if dataset.portal_page else None,
            "distributions": [
                {
                    "label": distribution.label,
                    "url": request.build_absolute_uri(reverse(distribution.url_name)),
                    "media_type": distribution.media_type,
                }
                for distribution in dataset.distributions
            ],
        }
        for dataset in DATASETS
    ]
    license_ = {"name": settings.OPEN_DATA_LICENSE_NAME, "url": settings.OPEN_DATA_LICENSE_URL}
    return {
        "datasets": datasets,
        "modified": modified,
        "license": license_,
        "api_root": request.build_absolute_uri(reverse("api:project-list")).removesuffix(
            "projects/"
        ),
        "api_rate": api_rate(),
        # The dictionary of each CSV export's columns, with the codes a column may hold.
        "export_columns": [
            {
                "dataset": dataset,
                "columns": [
                    {
                        "name": name,
                        "description": column.description,
                        "codes": column.codes.choices if column.codes else None,
                    }
                    for name, column in EXPORT_COLUMNS[dataset["key"]].items()
                ],
            }
            for dataset in datasets
            if dataset["key"] in EXPORT_COLUMNS
        ],
        "structured_data": catalogue_ld(request, datasets, modified, license_),
    }


def catalogue_ld(
    request: HttpRequest, datasets: list[dict], modified: datetime.datetime, license_: dict
) -> dict:
    """schema.org DataCatalog: each dataset with its downloads, licence and date."""
    page = request.build_absolute_uri(request.path)
    languages = [code for code, _name in settings.LANGUAGES]
    return {
        "@type": "DataCatalog",
        "name": str(_("Open data of the International S&T Cooperation Base")),
        "url": page,
        "license": license_["url"],
        "inLanguage": languages,
        "dateModified": modified.isoformat(),
        "dataset": [
            {
                "@type": "Dataset",
                "name": str(dataset["title"]),
                "description": gettext(
                    "%(description)s Every text in Chinese and English, free to reuse under "
                    "%(license)s."
                )
                % {"description": dataset["description"], "license": license_["name"]},
                "url": f"{page}#{dataset['key']}",
                "license": license_["url"],
                "isAccessibleForFree": True,
                "inLanguage": languages,
                "dateModified": modified.isoformat(),
                "distribution": [
                    {
                        "@type": "DataDownload",
                        "encodingFormat": distribution["media_type"],
                        "contentUrl": distribution["url"],
                    }
                    for distribution in dataset["distributions"]
                ],
            }
            for dataset in datasets
        ],
    }
