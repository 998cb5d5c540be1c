"""News articles. The full editorial workflow builds on these models."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, resolution_order

from config.links import LinkFlags, link_table
from config.record_urls import record_url
from cooperation.described_images import DescribedImage
from cooperation.images import RENDITION_WIDTHS, ProcessedImageField
from cooperation.models import Award, CooperationProject, KeepsFormerSlugs, PartnerCountry
from cooperation.publication import Publishable, PublishableQuerySet
from cooperation.richtext import sanitize_translated_field
from cooperation.uploads import RandomUploadPath


class Category(KeepsFormerSlugs):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """The news list narrowed to the category: a category has no page of its own."""
        return f"{reverse('news:article-list')}?{urlencode({'category': self.slug})}"


class Topic(KeepsFormerSlugs):
    """A theme across categories (e.g. "talent training", "Japan"), for readers to follow."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# What the article page lists beside the article: each relation, and the attribute it is
# loaded into.
PAGE_LISTS = {
    "topics": "topic_list",
    "related_projects": "public_projects",
    "related_awards": "public_awards",
    "related_countries": "countries",
}


def _page_list(name: str) -> models.Prefetch:
    """How the article page loads one of its lists: related projects and awards only while
    public, and only the columns the lists show and link by."""
    querysets = {
        "topics": lambda: None,  # the topics' own order, every column (a name and a slug)
        "related_projects": lambda: CooperationProject.objects.public().only("title", "slug"),
        "related_awards": lambda: (
            Award.objects.public().only("title", "slug", "year").order_by("-year", "id")
        ),
        "related_countries": lambda: PartnerCountry.objects.order_by("country"),
    }
    return models.Prefetch(name, queryset=querysets[name](), to_attr=PAGE_LISTS[name])


class ArticleQuerySet(PublishableQuerySet):
    def with_list_data(self) -> ArticleQuerySet:
        return self.select_related("category")

    def with_page_links(self) -> ArticleQuerySet:
        """Each article says, for each kind of record its page lists (PAGE_LISTS, in order),
        whether it is linked to any (``page_links``, a tuple of booleans): read with the
        article, so that ``load_page_relations`` asks only for the kinds it has, not for all
        four every time."""
        return self.annotate(
            page_links=LinkFlags(*(link_table(Article, name) for name in PAGE_LISTS))
        )

    def with_card_data(self) -> ArticleQuerySet:
        """What an article card (includes/article_card.html) shows, and no more: the
        article's columns it reads, its category's name and its topics. The bodies, in both
        languages, were read and decoded for every card and never shown."""
        return (
            self.with_list_data()
            .only(
                "title",
                "slug",
                "summary",
                "published_at",
                "cover_image",
                "cover_image_alt",
                "category__name",
            )
            .prefetch_related("topics")
        )

    def published_in(self, year: int) -> ArticleQuerySet:
        return self.filter(published_at__year=year)

    def in_category(self, category: Category) -> ArticleQuerySet:
        return self.filter(category=category)


class Article(DescribedImage, KeepsFormerSlugs, Publishable):
    reader_fields = ("title", "summary", "body")  # the translated text its page shows
    image_field = "cover_image"
    description_field = "cover_image_alt"

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    body = models.TextField(_("body"))
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="articles"
    )
    source = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("Where the news first appeared.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    cover_image = ProcessedImageField(
        _("cover image"), upload_to=RandomUploadPath("news"), blank=True
    )
    cover_image_alt = models.CharField(_("cover image description"), max_length=255, blank=True)
    related_projects = models.ManyToManyField(
        CooperationProject,
        verbose_name=_("related projects"),
        blank=True,
        related_name="articles",
    )
    related_countries = models.ManyToManyField(
        PartnerCountry,
        verbose_name=_("related partner countries"),
        blank=True,
        related_name="articles",
    )
    related_awards = models.ManyToManyField(
        Award, verbose_name=_("related awards"), blank=True, related_name="articles"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="articles"
    )
    featured = models.BooleanField(_("featured"), default=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-id"]
        permissions = [("publish_article", _("Can publish articles"))]
        # With the id, in the list's order: a deep page of the news list finds its keys
        # from the index alone (config/pagination.py).
        indexes = [
            models.Index(
                fields=["publication_status", "published_at", "id"], name="news_article_public_idx"
            ),
            # Every article, newest first (the default order): the back office's list, and
            # its dates' bounds, read it instead of sorting all 200,000 (184 -> 1 ms).
            models.Index(fields=["-published_at", "-id"], name="news_article_newest_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # The body is rendered as HTML on the portal: only allow-listed markup is ever stored.
        sanitize_translated_field(self, "body")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return record_url("news:article-detail", slug=self.slug)

    def clean(self) -> None:
        super().clean()
        if errors := self.cover_errors():
            raise ValidationError(errors)


class Image(DescribedImage):
    """An image of the library, inserted into rich-text bodies from the editor, with a
    description in each language (news/translation.py): a body gets the one in its own
    language (``description_in``)."""

    reader_fields = ("alt_text",)  # what readers get, for the list's translation filter
    image_field = "file"
    description_field = "alt_text"

    file = ProcessedImageField(_("image"), upload_to=RandomUploadPath("library"))
    alt_text = models.CharField(
        _("description"),
        max_length=255,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        # The description in the active language, or the other one (modeltranslation).
        return self.alt_text or ""

    def clean(self) -> None:
        super().clean()
        if errors := self.description_errors():
            raise ValidationError(errors)

    def description_in(self, language: str) -> tuple[str, str]:
        """The description an image gets in a body written in ``language``, and the language
        that description is written in: the body's own, or, while that one is empty, the
        next of the fallback languages, as the portal shows every translated field
        (MODELTRANSLATION_FALLBACK_LANGUAGES: an English body gets the Chinese description,
        the one every image has)."""
        for code in resolution_order(language):
            if text := getattr(self, build_localized_fieldname(self.description_field, code), ""):
                return text, code
        return "", language

    @property
    def thumbnail_url(self) -> str:
        renditions = self.file.renditions
        return self.file.rendition_url(renditions[0]) if renditions else self.file.url

    @property
    def body_url(self) -> str:
        """The URL put into a body: the original, or its 1600-wide rendition if wider."""
        renditions = self.file.renditions
        if renditions and renditions[-1].width == max(RENDITION_WIDTHS):
            return self.file.rendition_url(renditions[-1])
        return self.file.url


def load_page_relations(article: Article) -> None:
    """Load what the article page lists beside an article read ``with_page_links()``: one
    query for each kind of record it is linked to (at most four), none for the others, whose
    lists are set empty. Most articles link to one or two kinds; each query the page made
    for a kind with no link cost more than reading the article."""
    linked = []
    for (name, attribute), has_links in zip(PAGE_LISTS.items(), article.page_links, strict=True):
        if has_links:
            linked.append(_page_list(name))
        else:
            setattr(article, attribute, [])
    models.prefetch_related_objects([article], *linked)
