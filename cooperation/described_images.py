"""What a described image must be, beyond the checks every upload gets (cooperation/images.py):
a description that says something to a reader who cannot see it (covers of projects and
articles, library images), and, for a cover, enough pixels not to show blurred on a phone.

Both are rules on what is written now: a new upload, a description typed or changed. A
record saved before them keeps its image and its text until someone replaces them (an
import of its other columns, or a publisher's action, is never refused because of them).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as mt_settings
from modeltranslation.utils import build_localized_fieldname
from PIL import ExifTags, Image, UnidentifiedImageError

# A cover is shown the width of a phone's screen (343 CSS pixels) and up to 48rem on a
# computer; its smallest rendition is 400 wide (cooperation.images.RENDITION_WIDTHS).
# Below these it is blown up: a 1×1 pixel cover showed as a 343×343 blur.
COVER_MIN_WIDTH = 400
COVER_MIN_HEIGHT = 200

# At least two letters, digits or Chinese characters: “校园” (campus) says something, “x”,
# “图” or “。” do not.
MIN_DESCRIPTION_CHARACTERS = 2

# Words that stand in for a description (compared lower-cased, without spaces or
# punctuation): they name the kind of thing, not what it shows.
PLACEHOLDERS = frozenset(
    {
        "alt",
        "alttext",
        "cover",
        "coverimage",
        "description",
        "image",
        "img",
        "na",
        "none",
        "null",
        "photo",
        "pic",
        "picture",
        "tbd",
        "test",
        "todo",
        "untitled",
        "图片",
        "图像",
        "照片",
        "配图",
        "封面",
        "封面图",
        "封面图片",
        "描述",
        "说明",
        "测试",
        "暂无",
        "待定",
        "待补充",
    }
)

# A file's name typed as its description: one word ending in an image extension, or the name
# a camera, a phone or WeChat gives a picture (IMG_2041, DSC01234, mmexport1683…, 微信图片_2023…).
_FILE_NAME = re.compile(
    r"^(?:\S+\.(?:jpe?g|png|webp|gif|bmp|tiff?|heic|svg)"
    r"|(?:img|dsc[nf]?|pxl|mvimg|mmexport|wx_camera|screenshot|微信图片|截图|屏幕截图)[\W_]*\d\S*)$",
    re.IGNORECASE,
)

_EXAMPLE = _("Students at work in the pharmacy laboratory")


def _said(text: str) -> str:
    """The letters, digits and Chinese characters of ``text``, lower-cased."""
    return "".join(character for character in text.casefold() if character.isalnum())


def check_description(text: str, *, file_name: str = "") -> None:
    """Refuse a description that tells a reader who cannot see the image nothing: fewer than
    two letters or characters, one character repeated (“xxx”), a placeholder word
    (“image”, “图片”), or a file's name (``file_name``, the upload's, or any that looks like
    one). Raises a ``ValidationError`` saying what to write instead."""
    text = text.strip()
    said = _said(text)
    name = PurePosixPath(file_name.replace("\\", "/")).name.casefold()
    typed_its_name = bool(name) and text.casefold() in {name, PurePosixPath(name).stem}
    if typed_its_name or _FILE_NAME.match(text):
        raise ValidationError(
            _(
                "“%(text)s” is a file’s name, which tells a reader who cannot see the image "
                "nothing. Write what the image shows in a few words, such as “%(example)s”."
            ),
            code="file_name_description",
            params={"text": text, "example": _EXAMPLE},
        )
    if len(said) < MIN_DESCRIPTION_CHARACTERS or len(set(said)) == 1 or said in PLACEHOLDERS:
        raise ValidationError(
            _(
                "“%(text)s” tells a reader who cannot see the image nothing. Write what the "
                "image shows in a few words, such as “%(example)s”."
            ),
            code="placeholder_description",
            params={"text": text, "example": _EXAMPLE},
        )


def upload_size(file: File) -> tuple[int, int] | None:
    """The size an upload is shown at (turned upright by its EXIF orientation, as
    cooperation.images stores it), read from its header without decoding the pixels; None if
    it is not an image (the upload's own checks say so)."""
    try:
        file.seek(0)
        with Image.open(file) as image:
            width, height = image.size
            # Orientations 5 to 8 turn the picture a quarter: its sides swap.
            if image.getexif().get(ExifTags.Base.Orientation) in (5, 6, 7, 8):
                width, height = height, width
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
    ):
        return None
    finally:
        file.seek(0)
    return width, height


def check_cover_size(file: File) -> None:
    """Refuse a cover image smaller than COVER_MIN_WIDTH × COVER_MIN_HEIGHT pixels."""
    size = upload_size(file)
    if size is None:
        return
    width, height = size
    if width < COVER_MIN_WIDTH or height < COVER_MIN_HEIGHT:
        raise ValidationError(
            _(
                "The image is %(width)s × %(height)s pixels; a cover image must be at least "
                "%(min_width)s × %(min_height)s pixels, or it shows blurred on a phone. "
                "Choose a larger picture."
            ),
            code="cover_too_small",
            params={
                "width": width,
                "height": height,
                "min_width": COVER_MIN_WIDTH,
                "min_height": COVER_MIN_HEIGHT,
            },
        )


class DescribedImage(models.Model):
    """A record with an image (``image_field``) and its description in each language
    (``description_field``, translated). A description is checked (``check_description``) when it is
    written or its image is new; one stored before the rule stays until it is edited, so
    that an import of the record's other columns is not refused for it."""

    image_field: str
    description_field: str

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):
        record = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        # The columns as read: clean() tells a changed description without reading the row
        # again (an import validates thousands of records). Kept as given, and looked into
        # only then: every list reads these records (a dict of them a record made the news
        # list 2.8 % dearer in instructions).
        record._read_columns = (field_names, values)
        return record

    def stored_descriptions(self) -> dict[str, str | None]:
        """The descriptions as the record was read from the database (none for a new one)."""
        field_names, values = getattr(self, "_read_columns", ((), ()))
        read = dict(zip(field_names, values, strict=True))
        return {column: read[column] for column in self.description_columns() if column in read}

    @classmethod
    def description_columns(cls) -> list[str]:
        return [
            build_localized_fieldname(cls.description_field, code)
            for code in mt_settings.AVAILABLE_LANGUAGES
        ]

    def new_upload(self) -> bool:
        """Whether the image is a file just uploaded, not yet stored (its name is then the
        uploader's own)."""
        image = getattr(self, self.image_field)
        return bool(image) and not image._committed

    def descriptions_written(self) -> list[str]:
        """The description columns written since the record was read: all of them for a new
        image, or for a record not read from the database."""
        if self.new_upload():
            return self.description_columns()
        stored = self.stored_descriptions()
        return [
            column
            for column in self.description_columns()
            if column not in stored or (stored[column] or "") != (getattr(self, column) or "")
        ]

    def description_errors(self) -> dict[str, ValidationError]:
        """The errors of the descriptions written now, by column."""
        if not getattr(self, self.image_field):
            return {}
        file_name = getattr(self, self.image_field).name if self.new_upload() else ""
        errors = {}
        for column in self.descriptions_written():
            if text := getattr(self, column):
                try:
                    check_description(text, file_name=file_name)
                except ValidationError as error:
                    errors[column] = error
        return errors

    def cover_errors(self) -> dict[str, ValidationError]:
        """The errors of a cover image and its descriptions (an article's, a project's): the
        descriptions written now; a Chinese one, required (the English page falls back to
        it; one stored in English alone stays until edited); a new upload's size."""
        errors = self.description_errors()
        chinese = build_localized_fieldname(self.description_field, mt_settings.DEFAULT_LANGUAGE)
        if getattr(self, self.image_field) and not getattr(self, chinese):
            if not any(getattr(self, column) for column in self.description_columns()):
                errors[chinese] = ValidationError(
                    _("Describe the cover image for readers who cannot see it.")
                )
            elif self.descriptions_written():
                errors[chinese] = ValidationError(
                    _(
                        "Describe the cover image in Chinese as well, for readers of the "
                        "Chinese page who cannot see it."
                    )
                )
        if self.new_upload():
            try:
                check_cover_size(getattr(self, self.image_field).file)
            except ValidationError as error:
                errors[self.image_field] = error
        return errors
