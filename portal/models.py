"""Editable public pages (About and the like) and redirects of retired addresses, kept by
staff in the admin."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from config.record_urls import record_url
from cooperation.models import KeepsFormerSlugs
from cooperation.publication import Publishable
from cooperation.richtext import sanitize_translated_field
from portal.redirects import normalised_path, validate_old_address, validate_target


class Page(KeepsFormerSlugs, Publishable):
    """A standalone page such as "About the base"; the body is sanitised rich text."""

    reader_fields = ("title", "body")  # the translated text its page shows

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    body = models.TextField(_("body"))

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["title"]
        permissions = [("publish_page", _("Can publish pages"))]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        sanitize_translated_field(self, "body")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return record_url("portal:page", slug=self.slug)


class Redirect(models.Model):
    """A retired address sent on to a page: the base's former website's pages, or any address
    the portal no longer has, as Wagtail's redirects. Followed only where the portal answers
    "not found" (portal.redirects): a live page always wins."""

    old_path = models.CharField(
        _("old address"),
        max_length=500,
        unique=True,
        help_text=_(
            "The path of the old address, with its query string if it has one: "
            "/info/1021/2023.htm or /news.asp?id=12. A full address may be pasted: only its "
            "path and query are kept."
        ),
    )
    target = models.CharField(
        _("goes to"),
        max_length=500,
        help_text=_(
            "A path on this site, such as /zh-hans/news/some-article/, or a full "
            "https:// address elsewhere."
        ),
    )
    is_permanent = models.BooleanField(
        _("permanent"),
        default=True,
        help_text=_(
            "Permanent (301): browsers and search engines replace the old address for good. "
            "Otherwise temporary (302)."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")
        ordering = ["old_path"]

    def __str__(self) -> str:
        return f"{self.old_path} → {self.target}"

    def save(self, *args, **kwargs) -> None:
        # The one form it is looked up in, whoever saves it (a form, an import, code).
        self.old_path = normalised_path(self.old_path)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        try:
            validate_old_address(self.old_path)
        except ValidationError as error:
            raise ValidationError({"old_path": error}) from error
        self.old_path = normalised_path(self.old_path)
        try:
            validate_target(self.target, self.old_path)
        except ValidationError as error:
            raise ValidationError({"target": error}) from error
