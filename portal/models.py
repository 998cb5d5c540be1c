"""Editable public pages (About and the like), kept by staff in the admin."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation.models import KeepsFormerSlugs
from cooperation.publication import Publishable
from cooperation.richtext import sanitize_translated_field


class Page(KeepsFormerSlugs, Publishable):
    """A standalone page such as "About the base"; the body is sanitised rich text."""

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
        return reverse("portal:page", kwargs={"slug": self.slug})
