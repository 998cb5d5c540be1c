"""Spreadsheet import and export of the redirects of retired addresses.

A base moving to Coopbase lists its former website's addresses by the hundred: a sheet of old
address, new address and whether the move is for good, imported with the same dry run,
all-or-nothing write and row-by-row errors as the records (cooperation.resources). A row
updates the redirect with the same old address, compared in the form it is kept in
(portal.redirects.normalised_path): a pasted full address, the query's parameters in another
order or a final slash name the same redirect. Nothing is deleted by an import.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets
from import_export.instance_loaders import CachedInstanceLoader

from config.spreadsheets import is_blank, replace_rows
from cooperation.resources import CoopResource, YesNoWidget, lookup_field
from portal.models import Redirect
from portal.redirects import normalised_path, validate_old_address

REDIRECT_COLUMN_NOTES = {
    "old_path": _(
        "The old address: its path with its query, if it has one (/info/1021/2023.htm, "
        "/news.asp?id=12), or the whole address pasted. An old address already listed gets "
        "the row's new address."
    ),
    "target": _(
        "Where it goes now: a path on this site (/zh-hans/news/some-article/) or a full "
        "https:// address."
    ),
    "is_permanent": _(
        "1 (or yes, 301) for a permanent redirect, 0 (or no, 302) for a temporary one. "
        "Empty: permanent."
    ),
}


class RedirectResource(CoopResource):
    is_permanent = lookup_field(
        "is_permanent",
        YesNoWidget(_("permanent"), blank=True, synonyms={"301": True, "302": False}),
    )
    # Exported, never imported: when the redirect was listed.
    created_at = fields.Field(
        attribute="created_at",
        column_name="created_at",
        readonly=True,
        widget=widgets.DateTimeWidget(format="%Y-%m-%d %H:%M"),  # the site's time zone
    )

    class Meta(CoopResource.Meta):
        model = Redirect
        fields = ["old_path", "target", "is_permanent", "created_at"]
        import_id_fields = ["old_path"]
        instance_loader_class = CachedInstanceLoader

    def column_notes(self) -> dict:
        return REDIRECT_COLUMN_NOTES

    def template_help(self) -> str:
        return _("Start from the template: one row per old address, with where it goes now.")

    def matching_help(self) -> str:
        return _(
            "A row whose old address is already listed changes where that one goes; the "
            "others are added. Old addresses are compared as they are kept: the path and "
            "query of a pasted address, the query's parameters in any order, with or without "
            "a final slash. Nothing is deleted."
        )

    def before_import(self, dataset, **kwargs) -> None:
        super().before_import(dataset, **kwargs)
        # Each old address in its kept form, so that the file's rows find the redirects they
        # update (the loader compares the cells as they are). A cell that is no address is
        # left as written, for the row's validation to say so.
        if "old_path" not in (dataset.headers or []):
            return
        at = dataset.headers.index("old_path")
        rows = [list(row) for row in dataset]
        for row in rows:
            row[at] = kept_old_address(row[at])
        replace_rows(dataset, rows)


def kept_old_address(cell: object) -> object:
    """The form an old address is kept in, or the cell as it was if it is none."""
    if is_blank(cell):
        return cell
    try:
        validate_old_address(str(cell))
    except ValidationError:
        return cell
    return normalised_path(str(cell))
