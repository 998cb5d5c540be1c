"""Uploaded images: one place for every image field of the project.

Every upload is
1. checked by content, not by name: JPEG, PNG or WebP only, within a file-size limit and a
   pixel-count limit read from the header *before* any decoding (a 50000×50000 PNG is refused
   without allocating its pixels);
2. re-encoded after applying its EXIF orientation, so EXIF (GPS position, camera serial…)
   and any other metadata or trailing payload are dropped;
3. stored under a random name that records its size (``news/<hex>_1600x1200.jpg``);
4. given WebP renditions 400, 800 and 1600 pixels wide (never wider than the original),
   written once, next to the original (``news/<hex>_1600x1200.w800.webp``).

Because the sizes are in the name, templates build ``srcset``, ``width`` and ``height``
without a query or a file access (``image.renditions``, ``{% picture %}``).

Use :class:`ProcessedImageField` instead of ``models.ImageField``: its form field validates,
its file re-encodes and makes the renditions when a new file is stored.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from cooperation.kept_uploads import KeptUploadFieldMixin

# Pillow's own bomb guard stays on as a second line of defence; ours is stricter.
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
RENDITION_WIDTHS = (400, 800, 1600)
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000  # e.g. 8000 × 5000; a decoded RGBA image of 160 MB at most

_SIZED_NAME = re.compile(r"_(?P<width>\d+)x(?P<height>\d+)\.(?:jpg|png|webp)$")


def max_upload_bytes() -> int:
    return int(getattr(settings, "IMAGE_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_upload_pixels() -> int:
    return int(getattr(settings, "IMAGE_UPLOAD_MAX_PIXELS", DEFAULT_MAX_PIXELS))


def _not_an_image() -> ValidationError:
    return ValidationError(_("This file is not a JPEG, PNG or WebP image."), code="invalid_image")


def _too_many_pixels(width: int | None = None, height: int | None = None) -> ValidationError:
    limit = max_upload_pixels() / 1_000_000
    if width and height:
        return ValidationError(
            _(
                "The image is %(width)s × %(height)s pixels; images may have at most "
                "%(limit)s million pixels."
            ),
            code="too_many_pixels",
            params={"width": width, "height": height, "limit": f"{limit:g}"},
        )
    return ValidationError(
        _("The image has too many pixels; images may have at most %(limit)s million pixels."),
        code="too_many_pixels",
        params={"limit": f"{limit:g}"},
    )


def validate_image_file(file: File) -> str:
    """Check an upload by its content; return its format (``JPEG``, ``PNG`` or ``WEBP``).

    Raises a ``ValidationError`` with a message for the form. Only the header is read before
    the size checks; the pixels are never decoded here.
    """
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, io.SEEK_END)
        size = file.tell()
    if size > max_upload_bytes():
        raise ValidationError(
            _("The file is %(size)s; images may be %(limit)s at most."),
            code="file_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_upload_bytes())},
        )
    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns (and past twice its limit refuses) while reading the header.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                image_format = image.format
                width, height = image.size
                if image_format not in FORMATS:
                    raise ValidationError(
                        _("Only JPEG, PNG and WebP images can be uploaded, not %(format)s."),
                        code="unsupported_format",
                        params={"format": image_format or "?"},
                    )
                if width * height > max_upload_pixels():
                    raise _too_many_pixels(width, height)
                image.verify()  # checks the structure (and PNG checksums) without decoding
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels() from error
    except (UnidentifiedImageError, SyntaxError, OSError, ValueError, EOFError) as error:
        raise _not_an_image() from error
    finally:
        file.seek(0)
    return image_format


@dataclass(frozen=True)
class ProcessedImage:
    data: bytes
    extension: str
    width: int
    height: int
    image: Image.Image  # the re-encoded pixels, kept to make renditions without decoding twice


def reencode(file: File) -> ProcessedImage:
    """Validate, apply the EXIF orientation and re-encode without any metadata."""
    image_format = validate_image_file(file)
    try:
        with Image.open(file) as source:
            source.load()
            image = ImageOps.exif_transpose(source)
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise _not_an_image() from error
    finally:
        file.seek(0)
    image.info = {}  # no EXIF, XMP, text chunks or comments travel into the new file
    buffer = io.BytesIO()
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(buffer, format="JPEG", quality=88, optimize=True)
    elif image_format == "PNG":
        image.save(buffer, format="PNG", optimize=False)
    else:
        image.save(buffer, format="WEBP", quality=85)
    return ProcessedImage(
        data=buffer.getvalue(),
        extension=FORMATS[image_format],
        width=image.width,
        height=image.height,
        image=image,
    )


@dataclass(frozen=True)
class Rendition:
    name: str
    width: int
    height: int


def sized_name(name: str, width: int, height: int) -> str:
    path = PurePosixPath(name)
    return str(path.with_name(f"{path.stem}_{width}x{height}{path.suffix}"))


def dimensions(name: str | None) -> tuple[int, int] | None:
    """The original's size, read from a name this module gave it."""
    match = _SIZED_NAME.search(name or "")
    return (int(match["width"]), int(match["height"])) if match else None


def renditions_of(name: str | None) -> list[Rendition]:
    """The WebP renditions stored next to an image, narrowest first (no file access)."""
    size = dimensions(name)
    if size is None:
        return []
    width, height = size
    stem = str(PurePosixPath(name).with_suffix(""))
    return [
        Rendition(f"{stem}.w{target}.webp", target, max(1, round(height * target / width)))
        for target in RENDITION_WIDTHS
        if target < width
    ]


def make_renditions(storage, name: str, image: Image.Image) -> list[Rendition]:
    """Write the renditions of ``image`` (stored as ``name``); never upscaled."""
    renditions = renditions_of(name)
    for rendition in renditions:
        if storage.exists(rendition.name):  # made once: an existing rendition is kept
            continue
        resized = image.resize((rendition.width, rendition.height), Image.Resampling.LANCZOS)
        if resized.mode not in ("RGB", "RGBA"):
            resized = resized.convert("RGBA" if "A" in resized.getbands() else "RGB")
        buffer = io.BytesIO()
        resized.save(buffer, format="WEBP", quality=80)
        storage.save(rendition.name, ContentFile(buffer.getvalue()))
    return renditions


class ImageUploadField(KeptUploadFieldMixin, forms.ImageField):
    """The form field of every image upload: the checks above, with clear form errors."""

    default_validators = []  # the content decides, not the file name's extension

    def to_python(self, data):
        file = forms.FileField.to_python(self, data)
        if file is None:
            return None
        validate_image_file(file)
        return file

    def widget_attrs(self, widget: forms.Widget) -> dict:
        attrs = super().widget_attrs(widget)
        # The admin shows an upload in a fieldset whose legend names the group (the file,
        # "Clear"), not the file input in it, which had no name of its own.
        if self.label and isinstance(widget, forms.FileInput):
            attrs["aria-label"] = self.label
        return attrs


class ProcessedImageFieldFile(ImageFieldFile):
    @property
    def dimensions(self) -> tuple[int, int] | None:
        return dimensions(self.name)

    @property
    def renditions(self) -> list[Rendition]:
        return renditions_of(self.name)

    def rendition_url(self, rendition: Rendition) -> str:
        return self.storage.url(rendition.name)

    def save(self, name: str, content: File, save: bool = True) -> None:
        processed = reencode(content)
        # The extension comes from the content; the name is random and records the size.
        name = self.field.generate_filename(self.instance, f"image.{processed.extension}")
        name = sized_name(name, processed.width, processed.height)
        self.name = self.storage.save(
            name, ContentFile(processed.data), max_length=self.field.max_length
        )
        setattr(self.instance, self.field.attname, self.name)
        self._committed = True
        make_renditions(self.storage, self.name, processed.image)
        if save:
            self.instance.save()

    save.alters_data = True

    def delete(self, save: bool = True) -> None:
        for rendition in self.renditions:
            self.storage.delete(rendition.name)
        super().delete(save=save)

    delete.alters_data = True


class ProcessedImageField(models.ImageField):
    """An ``ImageField`` whose uploads are checked, re-encoded and given renditions."""

    attr_class = ProcessedImageFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadField, **kwargs})

    def deconstruct(self):
        # Same columns as a plain ImageField: migrations need not know the difference.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs
