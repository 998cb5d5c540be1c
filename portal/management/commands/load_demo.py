"""Load the demo content of portal/demo.py. Idempotent: a second run changes nothing."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandParser
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.html import escape
from PIL import Image as PILImage
from PIL import ImageDraw

from accounts import roles
from accounts.models import User
from cooperation import models as coop
from cooperation.publication import PublicationStatus
from cooperation.richtext import sanitize_html
from news.models import Article, Category, Image, Topic
from portal import demo
from portal.models import Page, Redirect

DEMO_PASSWORD = "coopbase-demo"  # noqa: S105 - printed on purpose, development machines only
DEMO_ACCOUNTS = [
    # username, group, is_staff, is_superuser
    ("admin", None, True, True),
    ("editor", roles.EDITOR, True, False),
    ("publisher", roles.PUBLISHER, True, False),
    ("leader", roles.LEADERSHIP, False, False),
    ("siteadmin", roles.SITE_ADMIN, True, False),
]
# How far ahead the one scheduled record is published.
SCHEDULE_AHEAD = timedelta(days=30)
COUNTED_MODELS = [
    coop.PartnerCountry,
    coop.Institution,
    coop.ResearchField,
    coop.Unit,
    coop.Researcher,
    coop.CooperationProject,
    coop.ProjectPartner,
    coop.ProjectResearchField,
    coop.Award,
    coop.Achievement,
    coop.Exchange,
    Category,
    Topic,
    Article,
    Image,
    Page,
    Redirect,
]


def upsert[M: models.Model](model: type[M], lookup: dict[str, Any], values: dict[str, Any]) -> M:
    """Create or update one row by its natural key, validated, writing only what differs.

    Unchanged rows are not saved at all, so a second run leaves even ``updated_at`` alone.
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**{**lookup, **values})
    else:
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if not changed:
            return obj
        for name in changed:
            setattr(obj, name, values[name])
    obj.full_clean()
    obj.save()
    return obj


def aware(day: date) -> datetime:
    """Demo publication times: 9 a.m. local time on the given day."""
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def described(description: tuple[str, str] | None) -> dict[str, str]:
    """A record's description fields from its demo (Chinese, English) pair; blank without."""
    zh, en = description or ("", "")
    return {"description_zh_hans": zh, "description_en": en}


def paragraphs(texts: list[str]) -> str:
    """Plain paragraphs as HTML, in the form save() stores (sanitised), so runs compare equal."""
    return sanitize_html("".join(f"<p>{escape(text)}</p>" for text in texts))


def sync_links(
    model: type[models.Model], project: coop.CooperationProject, field: str, wanted: set[int]
) -> None:
    """Drop link rows of a demo project that the demo data no longer lists."""
    model.objects.filter(project=project).exclude(**{f"{field}__in": wanted}).delete()


class Command(BaseCommand):
    help = (
        "Load the demo content (the reference cooperation base of the seed) and, on a "
        "development machine, demo staff accounts. Safe to run again: it changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-accounts", action="store_true", help="Do not create the demo staff accounts."
        )
        parser.add_argument(
            "--site-url",
            default="http://127.0.0.1:8000",
            help="Where the site is served, for the sign-in address printed with the accounts.",
        )

    def handle(
        self,
        *args: Any,
        no_accounts: bool = False,
        site_url: str = "http://127.0.0.1:8000",
        **options: Any,
    ) -> None:
        with transaction.atomic():
            self.load_reference_data()
            self.load_projects()
            self.load_awards()
            self.load_achievements_and_exchanges()
            self.load_news()
            self.load_pages()
            if no_accounts:
                message = "Demo accounts not created: --no-accounts was given."
            elif not settings.COOPBASE_ALLOW_DEMO_ACCOUNTS:
                message = (
                    "Demo accounts not created: COOPBASE_ALLOW_DEMO_ACCOUNTS is off, as it is "
                    "everywhere but a development machine (DJANGO_DEBUG=1)."
                )
            else:
                message = ""
                self.load_accounts()
        self.print_counts()
        if message:
            self.stdout.write(message)
        else:
            self.print_accounts(site_url)

    # --- reference data -----------------------------------------------------------------

    def load_reference_data(self) -> None:
        self.units = {
            unit["slug"]: upsert(
                coop.Unit, {"slug": unit["slug"]}, {k: v for k, v in unit.items() if k != "slug"}
            )
            for unit in demo.UNITS
        }
        self.fields: dict[str, coop.ResearchField] = {}
        for order, (slug, zh, en) in enumerate(demo.FIELDS, start=1):
            description_zh, description_en = demo.FIELD_DESCRIPTIONS[slug]
            self.fields[slug] = upsert(
                coop.ResearchField,
                {"slug": slug},
                {
                    "name_zh_hans": zh,
                    "name_en": en,
                    "parent": None,
                    "sort_order": order,
                    "description_zh_hans": description_zh,
                    "description_en": description_en,
                },
            )
        for slug, parent, zh, en in demo.SUB_FIELDS:
            self.fields[slug] = upsert(
                coop.ResearchField,
                {"slug": slug},
                {"name_zh_hans": zh, "name_en": en, "parent": self.fields[parent], "sort_order": 0},
            )
        self.countries: dict[str, coop.PartnerCountry] = {}
        for code, region, since, summary_zh, summary_en in demo.COUNTRIES:
            self.countries[code] = upsert(
                coop.PartnerCountry,
                {"country": code},
                {
                    "region": region,
                    "since_year": since,
                    "summary_zh_hans": summary_zh,
                    "summary_en": summary_en,
                },
            )
        self.institutions: dict[str, coop.Institution] = {}
        for slug, code, kind, ror, city_zh, city_en, name_zh, name_en, website in demo.INSTITUTIONS:
            self.institutions[slug] = upsert(
                coop.Institution,
                {"slug": slug},
                {
                    "country": self.countries[code],
                    "kind": kind,
                    "ror_id": ror,
                    "city_zh_hans": city_zh,
                    "city_en": city_en,
                    "name_zh_hans": name_zh,
                    "name_en": name_en,
                    "website": website,
                },
            )
        self.researchers: dict[str, coop.Researcher] = {}
        for slug, unit, name_zh, name_en, title_zh, title_en in demo.RESEARCHERS:
            profile_zh, profile_en = demo.RESEARCHER_PROFILES[slug]
            self.researchers[slug] = upsert(
                coop.Researcher,
                {"slug": slug},
                {
                    "unit": self.units[unit],
                    "name_zh_hans": name_zh,
                    "name_en": name_en,
                    "title_zh_hans": title_zh,
                    "title_en": title_en,
                    "profile_zh_hans": profile_zh,
                    "profile_en": profile_en,
                },
            )

    # --- projects -----------------------------------------------------------------------

    def publication(self, slug: str, state: str, start: date) -> dict[str, Any]:
        if state == "scheduled":
            # The one record placed relative to now, so that the publication rule has a
            # scheduled item to show. A later run keeps the time it was given while that
            # time is still ahead, and schedules it again only once it has passed.
            existing = coop.CooperationProject.objects.filter(slug=slug).first()
            now = timezone.now()
            if existing and existing.published_at and existing.published_at > now:
                at = existing.published_at
            else:
                at = (now + SCHEDULE_AHEAD).replace(minute=0, second=0, microsecond=0)
            return {"publication_status": PublicationStatus.PUBLISHED, "published_at": at}
        if state in (PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW):
            return {"publication_status": state, "published_at": None}
        return {"publication_status": state, "published_at": aware(start)}

    def load_projects(self) -> None:
        self.projects: dict[str, coop.CooperationProject] = {}
        for item in demo.PROJECTS:
            slug = item["slug"]
            texts = demo.PROJECT_TEXTS[slug]
            source_zh, source_en, amount, currency = item["funding"]
            project = upsert(
                coop.CooperationProject,
                {"slug": slug},
                {
                    "title_zh_hans": item["title"][0],
                    "title_en": item["title"][1],
                    "summary_zh_hans": texts["summary"][0],
                    "summary_en": texts["summary"][1],
                    "outcomes_zh_hans": texts["outcomes"][0],
                    "outcomes_en": texts["outcomes"][1],
                    "kind": item["kind"],
                    "status": item["status"],
                    "start_date": item["start"],
                    "end_date": item["end"],
                    "lead_unit": self.units[item["unit"]],
                    "principal_investigator": self.researchers[item["pi"]],
                    "funding_source_zh_hans": source_zh,
                    "funding_source_en": source_en,
                    "funding_amount": amount,
                    "currency": currency,
                    "featured": item.get("featured", False),
                    **self.publication(slug, item.get("publication", "published"), item["start"]),
                },
            )
            partners = {self.institutions[i].pk: role for i, role in item["partners"]}
            sync_links(coop.ProjectPartner, project, "institution", set(partners))
            for institution_id, role in partners.items():
                upsert(
                    coop.ProjectPartner,
                    {"project": project, "institution_id": institution_id},
                    {"role": role},
                )
            fields = {self.fields[f].pk for f in item["fields"]}
            sync_links(coop.ProjectResearchField, project, "field", fields)
            for field_id in fields:
                upsert(coop.ProjectResearchField, {"project": project, "field_id": field_id}, {})
            self.projects[slug] = project

    # --- awards, achievements, exchanges ------------------------------------------------

    def load_awards(self) -> None:
        recipient_maps = {
            "unit": ("recipient_unit", self.units),
            "researcher": ("recipient_researcher", self.researchers),
            "project": ("recipient_project", self.projects),
        }
        for slug, title, body, level, year, awarded_on, recipient in demo.AWARDS:
            values = {
                "title_zh_hans": title[0],
                "title_en": title[1],
                "granting_body_zh_hans": body[0],
                "granting_body_en": body[1],
                **described(demo.AWARD_DESCRIPTIONS.get(slug)),
                "level": level,
                "year": year,
                "awarded_on": awarded_on,
                "recipient_unit": None,
                "recipient_researcher": None,
                "recipient_project": None,
                "publication_status": PublicationStatus.PUBLISHED,
                "published_at": aware(awarded_on or date(year, 12, 31)),
            }
            if recipient:
                field, lookup = recipient_maps[recipient[0]]
                values[field] = lookup[recipient[1]]
            upsert(coop.Award, {"slug": slug}, values)

    def load_achievements_and_exchanges(self) -> None:
        for kind, (title_zh, title_en), year, project, identifier in demo.ACHIEVEMENTS:
            # An identifier (DOI, patent number) is the natural key where there is one, so an
            # editor's retitling never makes a second run trip over the unique identifier.
            lookup = (
                {"kind": kind, "identifier": identifier} if identifier else {"title_en": title_en}
            )
            upsert(
                coop.Achievement,
                lookup,
                {
                    "kind": kind,
                    "title_zh_hans": title_zh,
                    "title_en": title_en,
                    "year": year,
                    "project": self.projects[project],
                    "identifier": identifier,
                    **described(demo.ACHIEVEMENT_DESCRIPTIONS.get(title_en)),
                    "publication_status": PublicationStatus.PUBLISHED,
                    "published_at": aware(min(date(year, 1, 1), timezone.localdate())),
                },
            )
        for item in demo.EXCHANGES:
            kind, (title_zh, title_en), start, end, country, inst, unit, project, people = item
            upsert(
                coop.Exchange,
                {"title_en": title_en},
                {
                    "kind": kind,
                    "title_zh_hans": title_zh,
                    "start_date": start,
                    "end_date": end,
                    "country": self.countries[country],
                    "institution": self.institutions[inst],
                    "unit": self.units[unit],
                    "project": self.projects[project] if project else None,
                    "people_count": people,
                    **described(demo.EXCHANGE_DESCRIPTIONS.get(title_en)),
                    "publication_status": PublicationStatus.PUBLISHED,
                    "published_at": aware(min(start, timezone.localdate())),
                },
            )

    # --- news and pages -----------------------------------------------------------------

    def load_news(self) -> None:
        categories = {
            slug: upsert(
                Category, {"slug": slug}, {"name_zh_hans": zh, "name_en": en, "sort_order": order}
            )
            for slug, zh, en, order in demo.CATEGORIES
        }
        topics = {
            slug: upsert(Topic, {"slug": slug}, {"name_zh_hans": zh, "name_en": en})
            for slug, zh, en in demo.TOPICS
        }
        illustration = self.load_illustration()
        for item in demo.ARTICLES:
            body_zh, body_en = item["body"]
            article = upsert(
                Article,
                {"slug": item["slug"]},
                {
                    "category": categories[item["category"]],
                    "title_zh_hans": item["title"][0],
                    "title_en": item["title"][1],
                    "summary_zh_hans": item["summary"][0],
                    "summary_en": item["summary"][1],
                    "body_zh_hans": paragraphs(body_zh),
                    "body_en": paragraphs(body_en),
                    "source_zh_hans": item["source"][0],
                    "source_en": item["source"][1],
                    "featured": item["featured"],
                    "publication_status": PublicationStatus.PUBLISHED,
                    "published_at": aware(item["published"]),
                },
            )
            wanted = {self.projects[slug].pk for slug in item["projects"]}
            if set(article.related_projects.values_list("pk", flat=True)) != wanted:
                article.related_projects.set(wanted)
            links = {
                article.topics: {topics[slug].pk for slug in item.get("topics", [])},
                article.related_countries: {
                    self.countries[code].pk for code in item.get("countries", [])
                },
                article.related_awards: set(
                    coop.Award.objects.filter(slug__in=item.get("awards", [])).values_list(
                        "pk", flat=True
                    )
                ),
            }
            for manager, pks in links.items():
                if set(manager.values_list("pk", flat=True)) != pks:
                    manager.set(pks)
            if item.get("cover") and not article.cover_image:
                # The file goes through the upload pipeline: re-encoded, renditions made.
                article.cover_image.save("cover.png", illustration, save=False)
                article.cover_image_alt_zh_hans, article.cover_image_alt_en = (
                    demo.DEMO_ILLUSTRATION_ALT
                )
                article.save()

    def load_illustration(self) -> ContentFile:
        """Draw the demo illustration; put it in the image library once."""
        image = PILImage.new("RGB", (1600, 900), (12, 74, 110))
        draw = ImageDraw.Draw(image)
        centre = (800, 450)
        for index in range(7):
            x = 160 + index * 213
            y = 160 if index % 2 else 740
            draw.line([centre, (x, y)], fill=(125, 211, 252), width=6)
            draw.ellipse([x - 40, y - 40, x + 40, y + 40], fill=(240, 249, 255))
        draw.ellipse([700, 350, 900, 550], fill=(251, 191, 36))
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        illustration = ContentFile(buffer.getvalue(), name="illustration.png")
        alt_zh, alt_en = demo.DEMO_ILLUSTRATION_ALT
        library_image = Image.objects.filter(alt_text_zh_hans=alt_zh).first()
        if library_image is None:
            library_image = Image(alt_text_zh_hans=alt_zh, alt_text_en=alt_en)
            library_image.file.save("illustration.png", illustration, save=False)
            library_image.save()
        elif library_image.alt_text_en in (None, "", alt_zh):  # a demo the migration copied
            library_image.alt_text_en = alt_en
            library_image.save(update_fields=["alt_text_en"])
        return illustration

    def load_pages(self) -> None:
        about = demo.ABOUT_PAGE
        upsert(
            Page,
            {"slug": about["slug"]},
            {
                "title_zh_hans": about["title"][0],
                "title_en": about["title"][1],
                "body_zh_hans": sanitize_html(about["body"][0]),
                "body_en": sanitize_html(about["body"][1]),
                "publication_status": PublicationStatus.PUBLISHED,
                "published_at": aware(date(2023, 3, 1)),
            },
        )
        for old_path, target in demo.REDIRECTS:
            upsert(Redirect, {"old_path": old_path}, {"target": target, "is_permanent": True})

    # --- accounts and output ------------------------------------------------------------

    def load_accounts(self) -> None:
        for username, group, is_staff, is_superuser in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "email": f"{username}@example.org",
                    "is_staff": is_staff,
                    "is_superuser": is_superuser,
                },
            )
            # The password is set once: a developer who changed it keeps their own.
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            if group and not user.groups.filter(name=group).exists():
                user.groups.add(Group.objects.get(name=group))

    def print_accounts(self, site_url: str) -> None:
        self.stdout.write(self.style.SUCCESS("\nDemo accounts (development machines only):"))
        self.stdout.write(f"  {'user':<10} {'role':<12} {'password':<14} staff")
        for username, group, is_staff, is_superuser in DEMO_ACCOUNTS:
            role = "superuser" if is_superuser else group
            staff = "yes" if is_staff else "no (dashboard only)"
            self.stdout.write(f"  {username:<10} {role:<12} {DEMO_PASSWORD:<14} {staff}")
        self.stdout.write(f"  Sign in at {site_url.rstrip('/')}/admin/")

    def print_counts(self) -> None:
        self.stdout.write(self.style.SUCCESS("Demo content loaded:"))
        # English names, like the rest of the output, so the columns line up.
        with translation.override("en"):
            for model in COUNTED_MODELS:
                name = str(model._meta.verbose_name_plural)
                self.stdout.write(f"  {name:<28} {model.objects.count():>4}")
