"""Preview: staff see a record in any state as the portal will show it.

A preview is the portal's own detail view and template, over all records instead of the
public ones, with a visible banner. It is for staff who may view the model; everyone else
gets a 404, as for any record that is not public. It is never cached (``private, no-store``,
so the anonymous page cache never stores it either) and never indexed.
"""

from __future__ import annotations

import functools

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from reversion.errors import RevertError

from cooperation.models import Achievement, Award, CooperationProject, Exchange
from cooperation.pending import pending_change, shown_with
from cooperation.publication import PublicationStatus, moment_text
from cooperation.views import (
    AchievementDetailView,
    AwardDetailView,
    ExchangeDetailView,
    ProjectDetailView,
)


def can_preview(user, model) -> bool:
    opts = model._meta
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
    )


def preview_note(record) -> str:
    """What the banner says about the record's state."""
    if record.is_public:
        return _("This record is public.")
    if record.publication_status == PublicationStatus.PUBLISHED and record.published_at:
        return _("Scheduled: readers see it from %(date)s.") % {
            "date": moment_text(record.published_at)
        }
    return _("Status “%(status)s”: readers cannot see it.") % {
        "status": record.get_publication_status_display()
    }


class PreviewMixin:
    """Turns a public detail view into its staff preview (see the module docstring)."""

    model: type
    # Never stored by the page cache (no-store), so it declares no content apps to be kept
    # under, whatever the public view it turns declares.
    content_apps = None

    def records(self):
        return self.model._default_manager.all()

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not can_preview(request.user, self.model):
            raise Http404
        respond = functools.partial(super().dispatch, request, *args, **kwargs)
        # A record with changes waiting for a publisher is shown with them.
        self.pending = pending_change(self.model, kwargs.get("pk"))
        self.pending_unusable = ""
        record = self.records().filter(pk=kwargs.get("pk")).first() if self.pending else None
        try:
            response = respond() if record is None else shown_with(record, self.pending, respond)
        except RevertError as error:
            self.pending, self.pending_unusable = None, str(error)
            response = respond()
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            preview=True,
            preview_note=preview_note(self.object),
            preview_pending=getattr(self, "pending", None) is not None,
            preview_pending_unusable=getattr(self, "pending_unusable", ""),
        )
        return context


class ProjectPreviewView(PreviewMixin, ProjectDetailView):
    model = CooperationProject


class AwardPreviewView(PreviewMixin, AwardDetailView):
    model = Award


class ExchangePreviewView(PreviewMixin, ExchangeDetailView):
    model = Exchange


class AchievementPreviewView(PreviewMixin, AchievementDetailView):
    model = Achievement
