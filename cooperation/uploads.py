"""Upload paths: files are stored under a random name, never the uploader's."""

import uuid
from pathlib import PurePosixPath

from django.db import models
from django.utils.deconstruct import deconstructible


@deconstructible
class RandomUploadPath:
    """An ``upload_to`` that keeps only the (lower-cased) extension of the original name."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance: models.Model, filename: str) -> str:
        suffix = PurePosixPath(filename).suffix.lower()[:8]
        return f"{self.folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomUploadPath) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)
