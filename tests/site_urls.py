"""Every URL name of the project, and demo-like records to fill in their arguments.

Shared by the permission matrix (tests/accounts/test_permission_matrix.py) and the "never
500" crawl (tests/portal/test_never_500.py). A new URL that takes arguments needs one line in
KWARGS below; both tests say so when it is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.translation import override

from accounts import roles
from accounts.models import User
from cooperation.models import CooperationProject
from cooperation.publication import PublicationStatus
from tests import factories as f


def _arguments(entry: URLPattern | URLResolver) -> dict[str, str]:
    """The arguments a pattern captures, each with a placeholder value of the right shape."""
    pattern = entry.pattern
    if hasattr(pattern, "converters"):  # path()
        return {
            name: "1" if converter.regex in (r"[0-9]+", "[0-9]+") else "x1"
            for name, converter in pattern.converters.items()
        }
    regex = getattr(pattern, "regex", None)
    return dict.fromkeys(regex.groupindex if regex is not None else {}, "1")


def _walk(patterns: list, namespace: str = "", arguments=None) -> Iterator[tuple[str, dict]]:
    arguments = arguments or {}
    for entry in patterns:
        captured = {**arguments, **_arguments(entry)}
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner, captured)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", captured


def url_names() -> set[str]:
    """Every named URL of the project, with its namespace (e.g. "cooperation:project-list")."""
    return {name for name, _arguments in _walk(get_resolver().url_patterns)}


def placeholder_arguments(name: str) -> dict[str, str]:
    """Arguments of the right shape but naming nothing: enough where access is refused first."""
    for candidate, arguments in _walk(get_resolver().url_patterns):
        if candidate == name:
            return arguments
    raise KeyError(name)


@dataclass
class Site:
    """A small demo-like site: one record of each kind, public and draft, and the role users."""

    project: CooperationProject
    draft_project: CooperationProject
    award: object
    draft_award: object
    draft_exchange: object
    draft_achievement: object
    article: object
    draft_article: object
    page: object
    users: dict[str, User]


PASSWORD = "correct-horse-battery-staple"
ROLE_USERS = {
    # username: (group, is_staff, is_superuser), as in the demo data (load_demo).
    "editor": (roles.EDITOR, True, False),
    "publisher": (roles.PUBLISHER, True, False),
    "leader": (roles.LEADERSHIP, False, False),
    "siteadmin": (roles.SITE_ADMIN, True, False),
    "superuser": (None, True, True),
}


def build_site() -> Site:
    institution = f.InstitutionFactory(website="https://www.example.ac.jp/")
    field = f.ResearchFieldFactory(parent=f.ResearchFieldFactory())
    researcher = f.ResearcherFactory()
    project = f.CooperationProjectFactory(
        partners=[institution],
        fields=[field],
        principal_investigator=researcher,
        lead_unit=researcher.unit,
        featured=True,
    )
    f.AchievementFactory(project=project)
    f.ExchangeFactory(project=project, institution=institution, country=institution.country)
    draft = {"publication_status": PublicationStatus.DRAFT, "published_at": None}
    scheduled = {"published_at": timezone.now() + timedelta(days=30)}
    users = {}
    for username, (group, is_staff, is_superuser) in ROLE_USERS.items():
        user = f.UserFactory(username=username, is_staff=is_staff, is_superuser=is_superuser)
        if group:
            user.groups.add(Group.objects.get(name=group))
        users[username] = user
    return Site(
        project=project,
        draft_project=f.CooperationProjectFactory(**draft),
        award=f.AwardFactory(recipient_project=project),
        draft_award=f.AwardFactory(**scheduled),
        draft_exchange=f.ExchangeFactory(country=institution.country, **draft),
        draft_achievement=f.AchievementFactory(project=None, **draft),
        article=f.ArticleFactory(related_projects=[project]),
        draft_article=f.ArticleFactory(**draft),
        page=f.PageFactory(slug="about"),
        users=users,
    )


# Arguments of every URL that takes some, from the demo-like site. Keep one line per name.
KWARGS: dict[str, Callable[[Site], dict]] = {
    "portal:page": lambda s: {"slug": s.page.slug},
    "portal:citation": lambda s: {"kind": "project", "key": s.project.slug, "file_format": "ris"},
    "portal:qr-code": lambda s: {"kind": "award", "key": s.award.slug},
    "sitemap-section": lambda s: {"section": "projects"},
    "cooperation:project-detail": lambda s: {"slug": s.project.slug},
    # A country's page in lower case, as every link gives it (the other case is a 301).
    "cooperation:country-detail": lambda s: {"code": _institution(s).country.code.lower()},
    "cooperation:institution-detail": lambda s: {"slug": _institution(s).slug},
    "cooperation:field-detail": lambda s: {"slug": s.project.research_fields.first().slug},
    "cooperation:unit-detail": lambda s: {"slug": s.project.lead_unit.slug},
    "cooperation:researcher-detail": lambda s: {"slug": s.project.principal_investigator.slug},
    "cooperation:award-detail": lambda s: {"slug": s.award.slug},
    "cooperation:achievement-detail": lambda s: {"pk": s.project.achievements.get().pk},
    "cooperation:exchange-detail": lambda s: {"pk": s.project.exchanges.get().pk},
    "cooperation:project-preview": lambda s: {"pk": s.draft_project.pk},
    "cooperation:award-preview": lambda s: {"pk": s.draft_award.pk},
    "cooperation:exchange-preview": lambda s: {"pk": s.draft_exchange.pk},
    "cooperation:achievement-preview": lambda s: {"pk": s.draft_achievement.pk},
    "news:article-detail": lambda s: {"slug": s.article.slug},
    "news:article-preview": lambda s: {"pk": s.draft_article.pk},
    "news:category-feed-rss": lambda s: {"slug": s.article.category.slug},
    "news:category-feed-atom": lambda s: {"slug": s.article.category.slug},
    "cooperation:country-feed-rss": lambda s: {"code": _institution(s).country.code.lower()},
    "cooperation:country-feed-atom": lambda s: {"code": _institution(s).country.code.lower()},
    "cooperation:field-feed-rss": lambda s: {"slug": s.project.research_fields.first().slug},
    "cooperation:field-feed-atom": lambda s: {"slug": s.project.research_fields.first().slug},
    "dashboard:records": lambda s: {"kind": "awards"},
    "accounts:password-reset-confirm": lambda s: {"uidb64": "MQ", "token": "set-password"},
    "api:project-detail": lambda s: {"slug": s.project.slug},
    "api:country-detail": lambda s: {"code": str(_institution(s).country.country)},
    "api:institution-detail": lambda s: {"slug": _institution(s).slug},
    "api:field-detail": lambda s: {"slug": s.project.research_fields.first().slug},
    "api:unit-detail": lambda s: {"slug": s.project.lead_unit.slug},
    "api:researcher-detail": lambda s: {"slug": s.project.principal_investigator.slug},
    "api:award-detail": lambda s: {"slug": s.award.slug},
    "api:achievement-detail": lambda s: {"pk": s.project.achievements.get().pk},
    "api:exchange-detail": lambda s: {"pk": s.project.exchanges.get().pk},
    "api:article-detail": lambda s: {"slug": s.article.slug},
    # The admin's own pages that take arguments.
    "admin:app_list": lambda s: {"app_label": "cooperation"},
    "admin:view_on_site": lambda s: {
        "content_type_id": ContentType.objects.get_for_model(CooperationProject).pk,
        "object_id": s.project.pk,
    },
}


def _institution(site: Site):
    return site.project.partners.first()


class MissingArguments(LookupError):
    pass


def site_url(name: str, site: Site, language: str = "en") -> str:
    """The URL of name on this site, in language if it is language-prefixed."""
    with override(language):
        try:
            return reverse(name)
        except NoReverseMatch:
            pass
        if name not in KWARGS:
            raise MissingArguments(
                f"{name} takes arguments: add a line for it to KWARGS in tests/site_urls.py"
            )
        return reverse(name, kwargs=KWARGS[name](site))
