"""Pagination whose deep pages stay cheap."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import F, IntegerField, Q, QuerySet, Window
from django.db.models.functions import Mod, RowNumber

# The keys of every ANCHOR_EVERY-th row of a list, in its order (``RowsByKeys``).
Anchors = list[tuple[Any, ...]]
# keep(name, compute): the value kept under this name for the list (its count, its anchors)
# while the list's records are unchanged, or compute() when none is.
Keep = Callable[[str, Callable[[], Any]], Any]


class RowsByKeys:
    """A queryset to paginate whose deep pages are read in two steps: first the keys of the
    page, then the rows of those keys. With ``OFFSET`` on the rows themselves the database
    reads every row before the page (143 ms at page 5,000 of 200,000 articles); the keys
    alone come from an index that holds them in the list's order, without touching the
    table (10 ms). Pages before ``deep_offset`` are read in one query as usual. The
    Paginator is given this object instead of the queryset.

    Even the keys of a page at offset 120,000 are 120,000 index entries walked (25 ms). So
    with ``keep`` (``Keep``: a value kept while the list's records are unchanged), the
    list's anchors are worked out once, in one walk of the index: the keys of every
    ANCHOR_EVERY-th row. A deep page then starts its walk at the anchor before it, fewer
    than ANCHOR_EVERY entries away. The count is kept too (counting 200,000 articles: 30-50
    ms a page). Anchors need an order without ties (ending with the primary key) and rows
    that all have its values (no NULL); a list in another order pages by keys alone.

    Either way a page is a queryset, read only when used and only for what is used: the
    news list wants the ids of its page's cards, and read every column of a deep page's
    articles, both languages' bodies too, only to take their ids."""

    deep_offset = 1000
    anchor_every = 1000

    def __init__(self, queryset: QuerySet, keep: Keep | None = None) -> None:
        self.queryset = queryset
        self.keep = keep

    def count(self) -> int:
        if self.keep is None:
            return self.queryset.count()
        return self.keep("count", self.queryset.count)

    def __getitem__(self, index: slice) -> QuerySet:
        start = index.start or 0
        if start < self.deep_offset:
            return self.queryset[index]
        keys = self.queryset.prefetch_related(None)
        anchor = start // self.anchor_every
        ordering = self.ordering()
        if self.keep is not None and anchor and ordering:
            anchors = self.keep("anchors", self.anchors)
            if anchor < len(anchors):
                keys = keys.filter(at_or_after(ordering, anchors[anchor]))
                start -= anchor * self.anchor_every
        stop = start + (index.stop - index.start)
        ids = list(keys.values_list("pk", flat=True)[start:stop])
        # In the queryset's own order, as the keys were; a row deleted between the two reads
        # is simply left out.
        return self.queryset.filter(pk__in=ids)

    def ordering(self) -> list[str] | None:
        """The list's order, if it ends with the primary key (no two rows tie); else None."""
        ordering = list(self.queryset.query.order_by or self.queryset.model._meta.ordering)
        if not ordering or not all(isinstance(name, str) for name in ordering):
            return None
        if ordering[-1].lstrip("-") not in ("pk", self.queryset.model._meta.pk.name):
            return None
        return ordering

    def anchors(self) -> Anchors:
        """The keys (the ordering's values) of rows 0, ANCHOR_EVERY, 2 × ANCHOR_EVERY, …: one
        walk of the list's index, numbering its rows (none for a list some of whose rows lack
        a value of its order: ``may_be_null``)."""
        ordering = self.ordering() or []
        fields = [name.lstrip("-") for name in ordering]
        expressions = [
            F(name[1:]).desc() if name.startswith("-") else F(name).asc() for name in ordering
        ]
        nullable = [name for name in fields[:-1] if self.may_be_null(name)]  # not the key
        if nullable:
            # A row with no value (NULL) for the order compares with no anchor (at_or_after),
            # and the databases put such rows at different ends: a list holding one (the
            # awards by year and day awarded, where the day is not known) has no anchors,
            # its deep pages read by keys alone. Asked of the order's index: 1 ms.
            lacking = Q()
            for name in nullable:
                lacking |= Q(**{f"{name}__isnull": True})
            if self.queryset.filter(lacking).exists():
                return []
        numbered = (
            self.queryset.prefetch_related(None)
            .order_by(*ordering)
            .annotate(row=Window(RowNumber(), order_by=expressions))
            .annotate(step=Mod(F("row") - 1, self.anchor_every, output_field=IntegerField()))
            .filter(step=0)
        )
        return [tuple(values) for values in numbered.values_list(*fields)]

    def may_be_null(self, name: str) -> bool:
        """Whether this field or annotation of the list's order may be NULL (a translated
        column may: django-modeltranslation makes them all nullable; a title as shown,
        cooperation.models.shown_name_order, declares it never is). Asked of its
        declaration alone, not of the list's filters: a list that keeps only rows with a
        value (the public records' ``published_at``) pays one ``exists()`` a content
        version for it, not a reading of the query's internals."""
        annotation = self.queryset.query.annotations.get(name)
        if annotation is not None:
            return annotation.output_field.null
        return self.queryset.model._meta.get_field(name).null


def at_or_after(ordering: Sequence[str], key: Sequence[Any]) -> Q:
    """The rows at or after the one with these keys, in this order (fields, "-" for
    descending): at or after it on the first field, which an index in that order serves as
    where its walk starts, and past it on the first field that differs."""
    (first, *rest), (value, *more) = ordering, key
    name = first.lstrip("-")
    after, at_or = ("lt", "lte") if first.startswith("-") else ("gt", "gte")
    if not rest:
        return Q(**{f"{name}__{at_or}": value})
    later = Q(**{f"{name}__{after}": value}) | (Q(**{name: value}) & at_or_after(rest, more))
    return Q(**{f"{name}__{at_or}": value}) & later
