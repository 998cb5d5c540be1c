"""The breadcrumb trail of a record's page (and of a list narrowed below its section):
Home › section › (parent) › the page. One table says which section each kind of record is
in and which of its records is its parent; one function writes the trail's HTML, with
schema.org BreadcrumbList microdata (no script: the CSP forbids inline ones, and JSON-LD is
one). Only what the page has loaded is read: no query."""

from __future__ import annotations

from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from cooperation.models import language_shown


class Section(NamedTuple):
    url_name: str
    label: Promise  # the section list's own heading, so the trail names it as it does
    parent: str = ""  # the attribute holding the record's parent in the trail, if any


# By the model's label, or by a list's own name (a narrowed news list).
SECTIONS: dict[str, Section] = {
    "cooperation.cooperationproject": Section(
        "cooperation:project-list", _("Cooperation projects")
    ),
    "cooperation.partnercountry": Section("cooperation:country-list", _("Partner countries")),
    "cooperation.institution": Section("cooperation:institution-list", _("Partner institutions")),
    "cooperation.researchfield": Section("cooperation:field-list", _("Research fields"), "parent"),
    "cooperation.unit": Section("cooperation:unit-list", _("Units")),
    "cooperation.researcher": Section("cooperation:researcher-list", _("Researchers")),
    "cooperation.award": Section("cooperation:award-list", _("Awards and recognitions")),
    "cooperation.achievement": Section(
        "cooperation:achievement-list", pgettext_lazy("the base's results", "Achievements")
    ),
    "cooperation.exchange": Section("cooperation:exchange-list", _("Talent exchanges")),
    "news.article": Section("news:article-list", _("News"), "category"),
    "news": Section("news:article-list", _("News")),
}

SCHEMA = "https://schema.org/"
SEPARATOR = pgettext_lazy("between the steps of a breadcrumb trail: Home › News", "›")


class Crumb(NamedTuple):
    name: str
    url: str | None = None  # None: the page itself
    lang: str = ""  # the language its name is shown in, when not the page's


def named(record: models.Model) -> Crumb:
    """A record as a step of the trail: its name or title (its first ``reader_fields``),
    with the language it is shown in when modeltranslation fell back to the other."""
    field = record.reader_fields[0] if hasattr(record, "reader_fields") else "name"
    if not hasattr(record, build_localized_fieldname(field, settings.LANGUAGE_CODE)):
        return Crumb(str(record), record.get_absolute_url())  # not translated (a country)
    page_language = get_language() or settings.LANGUAGE_CODE
    shown = language_shown(record, field, page_language)
    return Crumb(
        str(getattr(record, field)),
        record.get_absolute_url(),
        shown if shown != page_language else "",
    )


def record_trail(record: models.Model) -> list[Crumb]:
    """Home › the record's section › its parent, if it has one › the record (not linked)."""
    section = SECTIONS.get(record._meta.label_lower)
    crumbs = [home()]
    if section is not None:
        crumbs.append(Crumb(str(section.label), reverse(section.url_name)))
        parent = getattr(record, section.parent, None) if section.parent else None
        if parent is not None:
            crumbs.append(named(parent))
    return [*crumbs, named(record)._replace(url=None)]


def list_trail(section_name: str, steps: list[Crumb]) -> list[Crumb]:
    """Home › a section's list › ``steps`` (the last one the page itself)."""
    section = SECTIONS[section_name]
    return [home(), Crumb(str(section.label), reverse(section.url_name)), *steps]


def home() -> Crumb:
    return Crumb(gettext("Home"), reverse("portal:home"))


def trail_html(crumbs: list[Crumb]) -> SafeString:
    """The trail as a ``<nav>`` landmark holding an ordered list, the page's own step
    marked ``aria-current="page"`` and not linked; the separators are hidden from screen
    readers, which announce the list's items. Written here whole, not by a template loop:
    every detail page shows one."""
    separator = f'<span class="crumb-separator" aria-hidden="true">{escape(SEPARATOR)}</span>'
    items = []
    for position, crumb in enumerate(crumbs, start=1):
        lang = f' lang="{escape(crumb.lang)}"' if crumb.lang else ""
        name = f'<span itemprop="name"{lang}>{escape(crumb.name)}</span>'
        if crumb.url is None:
            step = f'<span aria-current="page">{name}</span>'
        else:
            step = f'<a itemprop="item" href="{escape(crumb.url)}">{name}</a>'
        items.append(
            f'<li itemprop="itemListElement" itemscope itemtype="{SCHEMA}ListItem">'
            f"{separator if position > 1 else ''}{step}"
            f'<meta itemprop="position" content="{position}"></li>'
        )
    # Outside the f-string: makemessages (xgettext) does not look inside one, so the label
    # never reached the catalogue and Chinese pages named the landmark in English.
    label = escape(gettext("Breadcrumb"))
    return mark_safe(  # noqa: S308 - every name and address is escaped above
        f'<nav class="breadcrumbs container" aria-label="{label}">'
        f'<ol itemscope itemtype="{SCHEMA}BreadcrumbList">{"".join(items)}</ol></nav>'
    )
