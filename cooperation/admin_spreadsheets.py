"""Spreadsheets in the back office: export of any list, import of the main records.

Mixins for the admin classes (cooperation and news), composed with the others
(TranslationAdmin, the publication workflow, version history) without replacing them.

- Export: the list as currently filtered and searched, to XLSX or CSV, every cell made inert
  for spreadsheets (config/spreadsheets.py). Needs the model's view permission.
- Import: XLSX or CSV, a dry run first showing each row as new, updated or unchanged (or its
  problems, by row and column), then a confirm step; the write runs in one transaction, so a
  bad row means nothing is written. Needs both add and change permission on the model.
  While the server checks or writes, the page shows how many rows are done
  (cooperation/import_progress.py).
"""

from __future__ import annotations

import reversion
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import re_path, reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ImportExportMixin
from import_export.forms import ConfirmImportForm, ImportForm

from config.spreadsheets import CSV_CONTENT_TYPE, SpreadsheetExportMixin, UnreadableSheet
from cooperation import history
from cooperation.import_progress import URL_ARGUMENT, progress_key, read_progress
from cooperation.resources import PREVIEW_ROWS
from cooperation.spreadsheets import csv_template, xlsx_template


class SpreadsheetImportForm(ImportForm):
    # Ticked at first: a spreadsheet update that fills in some columns should not wipe what
    # the others hold (a file of institutions' ROR ids would clear their cities).
    blank_keeps = forms.BooleanField(
        label=gettext_lazy("Blank cells keep existing values"),
        required=False,
        initial=True,
        help_text=gettext_lazy(
            "For records the file updates, a blank cell leaves the record's value as it is. "
            "Untick it to clear the values whose cells are blank."
        ),
    )


class SpreadsheetConfirmImportForm(ConfirmImportForm):
    # The choice made for the check, carried to the write.
    blank_keeps = forms.BooleanField(required=False, widget=forms.HiddenInput)


class SpreadsheetImportExportMixin(SpreadsheetExportMixin, ImportExportMixin):
    """Export as every list's (SpreadsheetExportMixin), and import from XLSX or CSV with a
    dry run and a confirm step."""

    import_template_name = "admin/cooperation/import.html"
    import_form_class = SpreadsheetImportForm
    confirm_form_class = SpreadsheetConfirmImportForm
    # The share of settings.IMPORT_MAX_ROWS a file may have: less for records whose rows
    # take longer to check and write (news articles' long texts), so that each step stays
    # within the request's time.
    import_max_rows_share = 1.0

    def get_import_formats(self) -> list[type]:
        return [
            import_format.with_share(self.import_max_rows_share)
            for import_format in super().get_import_formats()
        ]

    def has_import_permission(self, request: HttpRequest) -> bool:
        # An import both creates and updates records.
        opts = self.opts
        return request.user.has_perm(
            f"{opts.app_label}.add_{opts.model_name}"
        ) and request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    def import_action(self, request: HttpRequest, **kwargs) -> HttpResponse:
        response = super().import_action(request, **kwargs)
        # The page names the columns an import reads; import-export names every column,
        # those only exported (id, publication status) too.
        if isinstance(response, TemplateResponse) and response.context_data:
            resource_kwargs = self.get_import_resource_kwargs(request)
            resources = [
                resource_class(**resource_kwargs)
                for resource_class in self.get_import_resource_classes(request)
            ]
            result = response.context_data.get("result")
            if result is not None:
                response.context_data.update(self.preview(result))
                response.context_data.update(self.problem_table(result, resources[0]))
            response.context_data["fields_list"] = [
                (resource.get_display_name(), resource.import_columns()) for resource in resources
            ]
            response.context_data["matching_help"] = resources[0].matching_help()
            response.context_data["template_help"] = resources[0].template_help()
        return response

    def preview(self, result) -> dict:
        """The rows the dry run's page shows, those the resource worked out a diff for (the
        first PREVIEW_ROWS it would write, new or updated: every row of a long file, each
        with its diff, made a page of megabytes), and how many more it would write; the
        unchanged ones are only counted."""
        changed = [row for row in result.valid_rows() if row.import_type in ("new", "update")]
        shown = [row for row in changed if row.diff]
        return {
            # The rows confirming writes, as the summary counts them (new and updated): the
            # page says "confirming writes nothing" only when there are none.
            "preview_written": len(changed),
            "preview_rows": shown,
            "preview_not_shown": len(changed) - len(shown),
            # Blank cells that would clear what existing records hold (CoopResource): the
            # count, and the first rows as the preview shows its first.
            "emptied": getattr(result, "emptied", [])[:PREVIEW_ROWS],
            "emptied_count": len(getattr(result, "emptied", [])),
            "ignored_columns": getattr(result, "ignored_columns", []),
        }

    def problem_table(self, result, resource) -> dict:
        """The table of rows with problems: each row's cells in the columns an import reads
        (import-export's table showed the exported ``id`` too), the row numbered as the
        list of problems numbers it, by its line in the spreadsheet."""
        columns = set(resource.import_columns())
        keep = [at for at, header in enumerate(result.diff_headers) if header in columns]
        return {
            "problem_headers": [result.diff_headers[at] for at in keep],
            "problem_rows": [(row, [row.values[at] for at in keep]) for row in result.invalid_rows],
        }

    def add_data_read_fail_error_to_form(self, form, error) -> None:
        # A file too long, or a row longer than the header, is not one of the wrong format:
        # say what to do about it.
        if isinstance(error, UnreadableSheet):
            form.add_error("import_file", str(error))
            return
        # Any other file the chosen format cannot read: a picture, a text file or an old .xls
        # named .xlsx (BadZipFile), a CSV saved in GBK or UTF-16 (UnicodeDecodeError).
        # import-export named only the exception; say what to upload instead.
        import_format = self.get_import_formats()[int(form.cleaned_data["format"])]()
        form.add_error(
            "import_file",
            _(
                "This file could not be read as %(format)s. Upload an XLSX file, or a CSV file "
                "saved in UTF-8 (an .xls file: save it as .xlsx first), and choose the format "
                "that matches it."
            )
            % {"format": import_format.get_title().upper()},
        )

    def get_import_resource_kwargs(self, request: HttpRequest, **kwargs) -> dict:
        resource_kwargs = super().get_import_resource_kwargs(request, **kwargs)
        # The check's form or the write's: blank cells keep values as its box said.
        chosen = getattr(kwargs.get("form"), "cleaned_data", None) or {}
        resource_kwargs["blank_keeps"] = bool(chosen.get("blank_keeps"))
        return resource_kwargs

    def get_confirm_form_initial(self, request: HttpRequest, import_form) -> dict:
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["blank_keeps"] = bool(import_form.cleaned_data.get("blank_keeps"))
        return initial

    def get_import_data_kwargs(self, **kwargs) -> dict:
        request = kwargs.get("request")
        kwargs = super().get_import_data_kwargs(**kwargs)
        # All or nothing: a row that fails validation rolls back the whole file.
        kwargs["rollback_on_validation_errors"] = True
        if request is not None:
            kwargs["progress_key"] = progress_key(
                request.user.pk, request.POST.get("progress_token", "")
            )
        return kwargs

    def process_import(self, request: HttpRequest, **kwargs) -> HttpResponse:
        # The confirm step reads back the file checked by the dry run before writing anything:
        # a confirmation without it (expired, forged, or no form at all) starts again.
        if not self.has_import_permission(request):
            raise PermissionDenied
        try:
            if self.create_confirm_form(request).is_valid():
                # Records with a history keep a version of what the import wrote, as an
                # admin save does: an overwritten text can be restored.
                with reversion.create_revision():
                    reversion.set_user(request.user)
                    reversion.set_comment(history.version_comment(note="imported"))
                    return super().process_import(request, **kwargs)
        except FileNotFoundError:
            pass
        self.message_user(
            request,
            _("The checked file is no longer available; upload it again."),
            messages.ERROR,
        )
        info = self.opts.app_label, self.opts.model_name
        return HttpResponseRedirect(reverse("admin:{}_{}_import".format(*info)))

    def process_result(self, result, request: HttpRequest):
        """After the confirm step: if the data changed since the dry run and a row now
        fails, nothing was written; show the problems instead of a success message."""
        if result.has_errors() or result.has_validation_errors():
            context = self.admin_site.each_context(request)
            resource_class = self.get_import_resource_classes(request)[0]
            resource = resource_class(**self.get_import_resource_kwargs(request))
            context.update(
                {
                    "title": _("Import"),
                    "opts": self.model._meta,
                    "result": result,
                    "import_error_display": self.import_error_display,
                    "nothing_written": True,
                    **self.problem_table(result, resource),
                }
            )
            return TemplateResponse(request, [self.import_template_name], context, status=400)
        return super().process_result(result, request)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        urls = [
            re_path(
                r"^import-template\.(?P<file_format>xlsx|csv)$",
                self.admin_site.admin_view(self.import_template_view),
                name="{}_{}_import_template".format(*info),
            ),
            re_path(
                rf"^import-progress/{URL_ARGUMENT}/$",
                self.admin_site.admin_view(self.import_progress_view),
                name="{}_{}_import_progress".format(*info),
            ),
        ]
        return urls + super().get_urls()

    def import_progress_view(self, request: HttpRequest, token: str) -> JsonResponse:
        """How far this user's import named by token has got: done and total rows, and
        whether it is the check or the write; {"done": null} before it has started."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        progress = read_progress(progress_key(request.user.pk, token)) or {"done": None}
        response = JsonResponse(progress)
        add_never_cache_headers(response)
        return response

    def import_template_view(self, request: HttpRequest, file_format: str) -> HttpResponse:
        """An empty sheet with the import's columns (both languages), and notes on each."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        resource = self.get_import_resource_classes(request)[0]()
        name = f"{self.opts.model_name}-import-template.{file_format}"
        if file_format == "xlsx":
            notes = {key: str(value) for key, value in resource.column_notes().items()}
            response = HttpResponse(
                xlsx_template(resource, notes, resource.required_columns()),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        else:
            response = HttpResponse(csv_template(resource), content_type=CSV_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
