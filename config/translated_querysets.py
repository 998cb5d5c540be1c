"""django-modeltranslation's querysets, each class made once a process.

Every ``Model.objects`` call of a translated model with its own queryset class (our
``.public()`` querysets) has modeltranslation make its queryset multilingual by building a
new class (``multilingual_queryset_factory``): a class statement each time, for the same
two bases. The class is the same each time, so it is made once and reused; the querysets
behave as before (their class has the same bases and name). A page made some 10-40 of
them: 1-2 % of its instructions (README, Benchmarks)."""

from __future__ import annotations

from typing import Any

from modeltranslation import manager

_build_class = manager.multilingual_queryset_factory
_made: dict[type, type] = {}


def _multilingual_queryset(old_cls: type, instantiate: bool = True) -> Any:
    cls = _made.get(old_cls)
    if cls is None:
        cls = _made[old_cls] = _build_class(old_cls, instantiate=False)
    return cls() if instantiate else cls


def make_each_class_once() -> None:
    """Have modeltranslation reuse the class it made for a queryset class (once, at start)."""
    manager.multilingual_queryset_factory = _multilingual_queryset
