"""The editorial workflow in the admin: buttons, bulk actions, preview, history, edit tokens.

:class:`PublishableAdminMixin` is the one base of the admins of publishable records
(projects, awards, articles). It is a django-reversion ``VersionAdmin``, so it composes with
other admin mixins (translation, import/export) through ordinary cooperative inheritance:

- the publication state only changes through :mod:`cooperation.workflow` (form, buttons,
  bulk actions), so an editor's forged form publishes nothing;
- every save, transition and deletion keeps a version with who and when; staff see the
  history, compare two versions field by field, restore one, and recover deleted records;
- a save based on a form opened before someone else's save is refused (edit token);
- what someone who may not publish saves of a published record waits for a publisher
  (:mod:`cooperation.pending`): the form and the preview show it, readers do not;
- each step mails whom it concerns, with the comment given with it
  (:mod:`cooperation.notifications`).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from dataclasses import dataclass

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR, ActionLocation
from django.contrib.admin.utils import flatten_fieldsets, quote, unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as mt_settings
from modeltranslation.utils import build_localized_fieldname
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version

from cooperation import history, notifications, workflow
from cooperation import pending as pending_changes
from cooperation.models import PendingChange
from cooperation.publication import moment_text
from cooperation.workflow import NEW_RECORD, State

EDIT_TOKEN = "edit_token"  # noqa: S105 (a form field name, not a secret)
WORKFLOW_BUTTON = "_workflow"
WORKFLOW_COMMENT = "workflow_comment"


def edit_token(record: models.Model) -> str:
    """What the form was based on: the record's last save time."""
    return record.updated_at.isoformat() if record.updated_at else ""


def last_change(record: models.Model, ignored_revision: int | None = None) -> tuple[str, str]:
    """Who last saved ``record`` and at what time (HH:MM, local), for the refusal message
    (``ignored_revision``: the published version this very request kept)."""
    versions = Version.objects.get_for_object(record).select_related("revision__user")
    version = versions.exclude(revision_id=ignored_revision).first()
    user = version.revision.user if version is not None else None
    who = (user.get_full_name() or user.get_username()) if user else gettext("someone else")
    return who, timezone.localtime(record.updated_at).strftime("%H:%M")


class WorkflowFormMixin:
    """Added to the admin's form for one request: the edit token and the workflow rule."""

    workflow_model: type[models.Model]
    workflow_user = None
    workflow_action = ""
    workflow_before: State | None = None
    workflow_locked = False  # publication fields not taken from the form
    workflow_restoring = False
    workflow_kept_revision: int | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial[EDIT_TOKEN] = edit_token(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None or self.workflow_restoring:
            return cleaned_data
        # Lock the row until this save ends (the admin's change view runs in a transaction):
        # of two saves posted at the same moment, the second waits and then sees the first.
        saved_at = (
            type(self.instance)
            ._default_manager.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("updated_at", flat=True)
            .first()
        )
        current = saved_at.isoformat() if saved_at else ""
        # A form without the token (a script, an old page) is refused too: it cannot show
        # that it was based on the record as it is now.
        if cleaned_data.get(EDIT_TOKEN) != current:
            self.instance.updated_at = saved_at or self.instance.updated_at
            who, when = last_change(self.instance, self.workflow_kept_revision)
            raise ValidationError(
                _(
                    "This record was changed by %(user)s at %(time)s after you opened it; "
                    "reload to see their changes."
                ),
                code="stale",
                params={"user": who, "time": when},
            )
        return cleaned_data

    def _post_clean(self) -> None:
        super()._post_clean()
        record = self.instance
        if self.workflow_locked:
            before = self.workflow_before or NEW_RECORD
            record.publication_status, record.published_at = before.status, before.published_at
        after = State.of(record)
        try:
            if self.workflow_action:
                # A button's step starts from the stored status: a status also picked in the
                # list beside the buttons is the step's to set. (Picking "Published" and
                # pressing Publish was refused: a published record cannot be published.)
                stored = (self.workflow_before or NEW_RECORD).status
                after = workflow.apply_transition(
                    State(stored, after.published_at),
                    self.workflow_action,
                    published_at=after.published_at,
                )
            workflow.check_change(
                model=self.workflow_model,
                before=self.workflow_before,
                after=after,
                user=self.workflow_user,
            )
        except ValidationError as error:
            self.add_error(None, error)
        else:
            record.publication_status, record.published_at = after.status, after.published_at


def publication_label(record: models.Model) -> str:
    """A record's publication status as the back office shows it; a published one that
    readers do not see yet says from when they will (it read "Published" like the public
    ones)."""
    if record.is_scheduled:
        return gettext("Scheduled for %(moment)s") % {"moment": moment_text(record.published_at)}
    return record.get_publication_status_display()


class PendingChangesListFilter(admin.SimpleListFilter):
    title = _("changes waiting for review")
    parameter_name = "waiting"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() not in ("yes", "no"):
            return queryset
        waiting = pending_changes.pending_ids(queryset.model)
        if self.value() == "yes":
            return queryset.filter(pk__in=waiting)
        return queryset.exclude(pk__in=waiting)


class ScheduledListFilter(admin.SimpleListFilter):
    """Published records that readers do not see yet: their time is still to come."""

    title = _("scheduled")
    parameter_name = "scheduled"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes"))]

    def queryset(self, request, queryset):
        return queryset.scheduled() if self.value() == "yes" else queryset


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


class PublishableAdminMixin(VersionAdmin):
    """The admin of a publishable record (see the module docstring)."""

    preview_url_name: str = ""
    change_form_template = "admin/workflow/change_form.html"
    object_history_template = "admin/workflow/object_history.html"
    history_latest_first = True

    # --- permissions ---

    def can_publish(self, request: HttpRequest) -> bool:
        return workflow.can_publish(request.user, self.model)

    def has_publish_permission(self, request: HttpRequest) -> bool:
        """Used by the bulk actions' ``permissions=["publish"]``."""
        return self.can_publish(request)

    def _restoring(self, request: HttpRequest) -> bool:
        return getattr(request, "_workflow_restoring", False)

    def get_list_filter(self, request: HttpRequest):
        return [*super().get_list_filter(request), ScheduledListFilter, PendingChangesListFilter]

    def get_list_display(self, request: HttpRequest):
        # The status as readers meet it (``publication``) and the publication's moment as
        # the status writes it (``publication_moment``), where a list shows them: the moment
        # read "Dec. 7, 2026, 1:06 p.m." beside "Scheduled for 2026-12-07 13:06".
        shown_as = {"publication_status": "publication", "published_at": "publication_moment"}
        return [shown_as.get(name, name) for name in super().get_list_display(request)]

    @admin.display(description=_("publication status"), ordering="publication_status")
    def publication(self, record) -> str:
        return publication_label(record)

    @admin.display(description=_("published at"), ordering="published_at", empty_value="—")
    def publication_moment(self, record) -> str | None:
        return moment_text(record.published_at) if record.published_at else None

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if not self.can_publish(request) or self._restoring(request):
            fields += ["publication_status", "published_at"]
        return fields

    # --- the form: edit token and workflow rule ---

    def get_fieldsets(self, request: HttpRequest, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # Without fieldsets of its own, an admin lists every field of the form, the comment
        # too: that one has its place beside the workflow buttons (the template).
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != WORKFLOW_COMMENT]})
            for name, options in fieldsets
        ]
        if EDIT_TOKEN in flatten_fieldsets(fieldsets):
            return fieldsets
        return [*fieldsets, (None, {"fields": [EDIT_TOKEN], "classes": ["hidden"]})]

    def get_form(self, request: HttpRequest, obj=None, change: bool = False, **kwargs):
        if "fields" in kwargs:
            fields = kwargs.pop("fields")
        else:
            fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        if fields is not None:
            fields = [name for name in fields if name not in (EDIT_TOKEN, WORKFLOW_COMMENT)]
        form = super().get_form(request, obj, change=change, fields=fields, **kwargs)
        if hasattr(request, "_workflow_before"):
            before = request._workflow_before
        else:
            before = State.of(obj) if obj is not None and obj.pk is not None else None
        posted_action = request.POST.get(WORKFLOW_BUTTON, "") if request.method == "POST" else ""
        attrs = {
            EDIT_TOKEN: forms.CharField(widget=forms.HiddenInput, required=False),
            WORKFLOW_COMMENT: forms.CharField(
                label=_("Comment"),
                help_text=_(
                    "Optional: why you save or take this step. It is kept in the history "
                    "and sent with the e-mail the step sends."
                ),
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
            ),
            "workflow_model": self.model,
            "workflow_user": request.user,
            "workflow_action": "" if self._restoring(request) else posted_action,
            "workflow_before": before,
            "workflow_locked": not self.can_publish(request) or self._restoring(request),
            "workflow_restoring": self._restoring(request),
            "workflow_kept_revision": getattr(request, "_workflow_kept_revision", None),
        }
        return type(form.__name__, (WorkflowFormMixin, form), attrs)

    def render_change_form(
        self, request: HttpRequest, context, add=False, change=False, form_url="", obj=None
    ):
        restoring = self._restoring(request)
        state = State.of(obj) if obj is not None and not add else None
        context.update(
            workflow_state=state,
            workflow_transitions=[]
            if restoring or not self.has_change_permission(request, obj)
            else workflow.allowed_transitions(state, request.user, self.model),
            workflow_button=WORKFLOW_BUTTON,
            preview_url=None if add or restoring else self.preview_url(obj),
            compare_url=None
            if add or restoring
            else reverse(self._url_name("history_compare"), args=[quote(obj.pk)]),
            **({} if add or restoring else self._pending_context(request, obj)),
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _pending_context(self, request: HttpRequest, obj) -> dict:
        """What the form says of changes waiting for a publisher (cooperation.pending)."""
        pending: PendingChange | None = getattr(request, "_workflow_pending", None)
        context = {
            "changes_wait": pending_changes.changes_wait_for_review(obj, request.user),
            "pending_change": pending,
        }
        if pending is None:
            return context
        live = pending_changes.record_version(pending.live_revision, obj)
        saved = pending_changes.record_version(pending.revision, obj)
        user = pending.revision.user
        context.update(
            pending_by=(user.get_full_name() or user.get_username())
            if user
            else gettext("someone"),
            pending_at=timezone.localtime(pending.revision.date_created),
            pending_compare_url=(
                reverse(self._url_name("history_compare"), args=[quote(obj.pk)])
                + f"?old={live.pk}&new={saved.pk}"
            )
            if live and saved
            else None,
            pending_discard_url=reverse(self._url_name("discard_pending"), args=[quote(obj.pk)])
            if self.has_change_permission(request, obj)
            else None,
        )
        return context

    # --- changes to a published record wait for a publisher (cooperation.pending) ---

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        record = self.get_object(request, unquote(object_id))
        view = functools.partial(super().change_view, request, object_id, form_url, extra_context)
        if record is None or self._restoring(request):
            return view()
        pending = pending_changes.pending_change(self.model, record.pk)
        request._workflow_pending = pending
        if request.method == "POST":
            return self._save_over_pending(request, record, pending, view)
        if pending is None:
            return view()
        # The form shows the pending change.
        try:
            return pending_changes.shown_with(record, pending, view)
        except RevertError as error:
            messages.error(request, self._unusable_pending_message(error))
            return view()

    def _unusable_pending_message(self, error: Exception) -> str:
        return gettext(
            "The changes waiting for review can no longer be applied (%(reason)s); "
            "discard them to go on from the published version."
        ) % {"reason": error}

    def _save_over_pending(self, request: HttpRequest, record, pending, view) -> HttpResponse:
        """A save builds on the pending change, if any. If the user may not publish this
        published record, what they saved becomes its pending change and the record stays
        as readers see it; otherwise it is saved, and the pending change is gone. Nothing is
        kept of a save that shows the form again (its errors)."""
        held = pending_changes.changes_wait_for_review(record, request.user)
        request._workflow_held = held
        try:
            with transaction.atomic():
                live = pending_changes.keep_live_version(record, request.user) if held else None
                request._workflow_kept_revision = live.revision.pk if live else None
                with pending_changes.pending_applied(record, pending, quietly=False):
                    response = view()
                if response.status_code != 302:
                    if hasattr(response, "render"):
                        response.render()
                    raise pending_changes.RolledBack(response)
                self._after_save(request, record, held=held, live=live, pending=pending)
        except pending_changes.RolledBack as rolled:
            return rolled.response
        except RevertError as error:
            messages.error(request, self._unusable_pending_message(error))
            return HttpResponseRedirect(request.path)
        return response

    def _after_save(self, request: HttpRequest, record, *, held: bool, live, pending) -> None:
        if held:
            if pending_changes.hold(record, live=live) is None:
                message = gettext("Nothing was changed: “%(record)s” stays as published.")
            else:
                message = gettext(
                    "Your changes wait for a publisher: readers still see the published "
                    "version of “%(record)s”."
                )
                if pending is None:  # newly waiting: later saves build on the same changes
                    self._notify(
                        request,
                        notifications.CHANGES_WAITING,
                        record,
                        notifications.publishers_of(self.model),
                    )
            messages.info(request, message % {"record": record})
        elif pending is not None:
            pending_changes.forget(self.model, [record.pk])
            # Saved into a record unpublished since, the changes are part of a draft: their
            # author hears of them when it is published, as of any submission.
            if pending_changes.published_now(record):
                self._notify(
                    request, notifications.CHANGES_PUBLISHED, record, [pending.revision.user]
                )

    def _notify(self, request: HttpRequest, event: str, record, to) -> None:
        link = request.build_absolute_uri(
            reverse(self._url_name("change"), args=[quote(record.pk)])
        )
        notifications.notify(
            event,
            record,
            actor=request.user,
            link=link,
            to=to,
            comment=getattr(request, "_workflow_comment", ""),
            settings_link=request.build_absolute_uri(reverse("accounts:settings")),
        )

    def _notify_step(self, request: HttpRequest, record, before: State | None) -> None:
        """Mails whom a change of ``record``'s publication state concerns."""
        event = notifications.step_event(before, State.of(record))
        if event == notifications.SUBMITTED:
            self._notify(request, event, record, notifications.publishers_of(self.model))
        elif event is not None:
            self._notify(request, event, record, [notifications.submitter_of(record)])

    def message_user(self, request: HttpRequest, message, level=messages.INFO, *args, **kwargs):
        # "… was changed successfully" would be wrong for a save that waits for a publisher:
        # _after_save says what became of it instead.
        if getattr(request, "_workflow_held", False) and level == messages.SUCCESS:
            return
        super().message_user(request, message, level, *args, **kwargs)

    def discard_pending_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        change_url = reverse(self._url_name("change"), args=[quote(obj.pk)])
        pending = pending_changes.pending_change(self.model, obj.pk)
        if pending is not None:
            pending_changes.forget(self.model, [obj.pk])
            self.log_change(request, obj, gettext("Discarded the changes waiting for review."))
            self._notify(request, notifications.CHANGES_DISCARDED, obj, [pending.revision.user])
            messages.success(
                request,
                gettext(
                    "The changes waiting for review were discarded; “%(record)s” is as published."
                )
                % {"record": obj},
            )
        return HttpResponseRedirect(change_url)

    def preview_url(self, obj) -> str | None:
        if obj is None or not self.preview_url_name:
            return None
        try:
            return reverse(self.preview_url_name, kwargs={"pk": obj.pk})
        except NoReverseMatch:
            return None

    def get_view_on_site_url(self, obj=None) -> str | None:
        # A record readers do not see (a draft, one in review, scheduled or archived, or an
        # achievement of a project they do not see) has no page on the site: "View on site"
        # led staff to a 404. "Preview" shows it.
        if obj is not None:
            project = getattr(obj, "project", None)  # an achievement's or an exchange's
            if not (obj.is_public and (project is None or project.is_public)):
                return None
        return super().get_view_on_site_url(obj)

    def save_model(self, request: HttpRequest, obj, form, change: bool) -> None:
        request._workflow_comment = form.cleaned_data.get(WORKFLOW_COMMENT, "").strip()
        super().save_model(request, obj, form, change)
        self._notify_step(request, obj, form.workflow_before)
        action = getattr(form, "workflow_action", "")
        if action:
            messages.success(request, self._transition_message(obj, action))

    def response_add(self, request: HttpRequest, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        return self._back_to_the_form(request, obj, response)

    def response_change(self, request: HttpRequest, obj):
        return self._back_to_the_form(request, obj, super().response_change(request, obj))

    def _back_to_the_form(self, request: HttpRequest, obj, response: HttpResponse) -> HttpResponse:
        """After a workflow button, the user stays on the record to see its new state."""
        if request.POST.get(WORKFLOW_BUTTON) and response.status_code == 302:
            return HttpResponseRedirect(reverse(self._url_name("change"), args=[quote(obj.pk)]))
        return response

    def _transition_message(self, obj, action: str) -> str:
        if action == "publish" and obj.published_at and obj.published_at > timezone.now():
            return gettext("“%(record)s” is scheduled to be published on %(date)s.") % {
                "record": obj,
                "date": moment_text(obj.published_at),
            }
        return gettext("“%(record)s”: %(action)s — now “%(status)s”.") % {
            "record": obj,
            "action": workflow.TRANSITIONS[action].label,
            "status": workflow.Status(obj.publication_status).label,
        }

    def construct_change_message(self, request: HttpRequest, form, formsets, add=False):
        # What the version keeps (cooperation.history): the fields and rows changed by
        # name, worded when the history is read; the workflow's own fields are no change.
        request._version_changes = (
            [{"added": {}}]
            if add
            else history.changes_of(form, formsets, leave_out=(EDIT_TOKEN, WORKFLOW_COMMENT))
        )
        return super().construct_change_message(request, form, formsets, add)

    def log_addition(self, request: HttpRequest, obj, message):
        entry = super().log_addition(request, obj, message)
        self._comment_version(request)
        return entry

    def log_change(self, request: HttpRequest, obj, message):
        entry = super().log_change(request, obj, message)
        self._comment_version(request)
        return entry

    def _comment_version(self, request: HttpRequest) -> None:
        """The version's comment, as data (cooperation.history): what changed, the workflow
        step, whether the save published the changes waiting for review, the user's comment.
        django-reversion kept it worded in the saver's language."""
        if not reversion.is_active():
            return
        action = request.POST.get(WORKFLOW_BUTTON, "") if request.method == "POST" else ""
        publishes_waiting = getattr(request, "_workflow_pending", None) is not None and not (
            getattr(request, "_workflow_held", True)
        )
        request._version_comment = history.version_comment(
            getattr(request, "_version_changes", []),
            action=action if action in workflow.TRANSITIONS else "",
            note="published_waiting" if publishes_waiting else "",
            comment=getattr(request, "_workflow_comment", ""),
            restored=getattr(request, "_workflow_restored_from", None),
            recovered=getattr(request, "_workflow_recovered_from", None),
        )
        reversion.set_comment(request._version_comment)

    @contextlib.contextmanager
    def create_revision(self, request: HttpRequest):
        """The admin's revision, whose comment is this save's (``_comment_version``) when
        it is saved: a restore's or a recovery's view words its own over it after the
        form is saved, in the saver's language."""
        with super().create_revision(request):
            yield
            comment = getattr(request, "_version_comment", None)
            if comment is not None:
                reversion.set_comment(comment)

    # --- deletion keeps a version, so that the record can be recovered ---

    def _keep_before_deleting(self, request: HttpRequest, records) -> None:
        comment = history.version_comment(note="deleted")

        def keep() -> None:
            with reversion.create_revision():
                reversion.set_user(request.user)
                reversion.set_comment(comment)
                for record in records:
                    reversion.add_to_revision(record)

        # The changelist (bulk delete) already runs in a revision, which reversion saves at
        # its end, without the rows deleted meanwhile. A fresh context makes this revision
        # its own, saved now, while the rows still exist (same connection and transaction).
        contextvars.Context().run(keep)

    def delete_model(self, request: HttpRequest, obj) -> None:
        with transaction.atomic():
            self._keep_before_deleting(request, [obj])
            pending_changes.forget(self.model, [obj.pk])
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        with transaction.atomic():
            records = list(queryset)
            self._keep_before_deleting(request, records)
            pending_changes.forget(self.model, [record.pk for record in records])
            super().delete_queryset(request, queryset)

    # --- restore and recover: content comes back, the publication state does not ---

    def revision_view(self, request: HttpRequest, object_id, version_id, extra_context=None):
        current = self.get_object(request, unquote(object_id))
        if current is None:
            raise Http404
        request._workflow_before = State.of(current)
        request._workflow_restoring = True
        restored = Version.objects.filter(pk=version_id).select_related("revision").first()
        if restored is not None:
            # Put back once reversion has put the version in place (changeform_view).
            request._workflow_states = pending_changes.PublicationStates.of(restored.revision)
            request._workflow_restored_from = restored.revision.date_created
            extra_context = {
                "title": gettext("Revert %(name)s") % {"name": _version_name(restored)},
                **(extra_context or {}),
            }
        view = functools.partial(
            super().revision_view, request, object_id, version_id, extra_context
        )
        if request.method != "POST":
            return view()
        # Restoring is a save like any other: it may have to wait for a publisher.
        pending = pending_changes.pending_change(self.model, current.pk)
        held = pending_changes.changes_wait_for_review(current, request.user)
        request._workflow_held = held
        newest = Version.objects.get_for_object(current).values_list("pk", flat=True).first()
        try:
            with transaction.atomic():
                live = pending_changes.keep_live_version(current, request.user) if held else None
                response = view()
                saved = (
                    Version.objects.get_for_object(current)
                    .exclude(revision=live.revision if live else None)
                    .values_list("pk", flat=True)
                    .first()
                )
                if response.status_code != 302 or saved == newest:  # not restored
                    raise pending_changes.RolledBack(response)
                self._after_save(request, current, held=held, live=live, pending=pending)
        except pending_changes.RolledBack as rolled:
            return rolled.response
        return response

    def changeform_view(
        self, request: HttpRequest, object_id=None, form_url="", extra_context=None
    ) -> HttpResponse:
        # Restoring a version brings back its content, not the publication states it was
        # kept with: the record's and its followed rows' stay as they are now (an
        # achievement archived since stays archived).
        states = getattr(request, "_workflow_states", None)
        if states is not None:
            states.put_back()
        return super().changeform_view(request, object_id, form_url, extra_context)

    def recover_view(self, request: HttpRequest, version_id, extra_context=None):
        # A deleted record comes back as a draft, to be published again through the workflow.
        request._workflow_before = None
        request._workflow_restoring = True
        recovered = Version.objects.filter(pk=version_id).select_related("revision").first()
        if recovered is not None:
            request._workflow_recovered_from = recovered.revision.date_created
            extra_context = {
                "title": gettext("Recover %(name)s") % {"name": _version_name(recovered)},
                **(extra_context or {}),
            }
        return super().recover_view(request, version_id, extra_context)

    # --- bulk actions ---

    def get_actions(self, request: HttpRequest, action_location=ActionLocation.CHANGE_LIST):
        # Added here rather than in ``actions`` so that other mixins' actions stay too.
        actions = super().get_actions(request, action_location=action_location)
        if (
            action_location != ActionLocation.CHANGE_LIST
            or IS_POPUP_VAR in request.GET
            or not self.can_publish(request)
        ):
            return actions
        for name in ("publish_selected", "unpublish_selected", "publish_waiting_changes"):
            actions.setdefault(name, self.get_action(name, action_location))
        return actions

    @admin.action(description=_("Publish selected records"), permissions=["publish"])
    def publish_selected(self, request: HttpRequest, queryset) -> None:
        self._bulk_transition(request, queryset, "publish")

    @admin.action(description=_("Unpublish selected records"), permissions=["publish"])
    def unpublish_selected(self, request: HttpRequest, queryset) -> None:
        self._bulk_transition(request, queryset, "unpublish")

    @admin.action(
        description=_("Publish the changes waiting for review of the selected records"),
        permissions=["publish"],
    )
    def publish_waiting_changes(self, request: HttpRequest, queryset) -> None:
        if not self.can_publish(request):
            raise PermissionDenied
        published, unchanged, refused = 0, 0, []
        for record in queryset:
            try:
                pending = pending_changes.publish(record, request.user)
            except RevertError as error:
                refused.append(f"“{record}” ({self._unusable_pending_message(error)})")
                continue
            except ValidationError as error:
                refused.append(f"“{record}” ({error.messages[0]})")
                continue
            if pending is None:
                unchanged += 1
                continue
            published += 1
            self._notify(request, notifications.CHANGES_PUBLISHED, record, [pending.revision.user])
        messages.success(
            request,
            ngettext(
                "The changes waiting for review of %(count)d record were published.",
                "The changes waiting for review of %(count)d records were published.",
                published,
            )
            % {"count": published},
        )
        if unchanged:
            messages.info(
                request,
                ngettext(
                    "%(count)d record had no changes waiting.",
                    "%(count)d records had no changes waiting.",
                    unchanged,
                )
                % {"count": unchanged},
            )
        self._refused_message(request, refused)

    def _bulk_transition(self, request: HttpRequest, queryset, name: str) -> None:
        if not self.can_publish(request):
            raise PermissionDenied
        changed, refused = 0, []
        for record in queryset:
            try:
                done = workflow.transition(record=record, name=name, user=request.user)
            except (ValidationError, PermissionDenied) as error:
                reason = error.messages[0] if isinstance(error, ValidationError) else str(error)
                refused.append(f"“{record}” ({reason})")
            else:
                changed += 1
                self._notify_step(request, done, State.of(record))
        label = workflow.TRANSITIONS[name].label
        if changed:  # nothing changed is no success: the refusals say why
            messages.success(
                request,
                ngettext(
                    "%(action)s: %(count)d record changed.",
                    "%(action)s: %(count)d records changed.",
                    changed,
                )
                % {"action": label, "count": changed},
            )
        self._refused_message(request, refused)

    def _refused_message(self, request: HttpRequest, refused: list[str]) -> None:
        if refused:
            messages.warning(
                request,
                ngettext(
                    "%(count)d record refused: %(records)s",
                    "%(count)d records refused: %(records)s",
                    len(refused),
                )
                % {"count": len(refused), "records": "; ".join(refused)},
            )

    # --- history: compare two versions ---

    def _url_name(self, view: str) -> str:
        opts = self.model._meta
        return f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{view}"

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{opts.app_label}_{opts.model_name}_history_compare",
            ),
            path(
                "<path:object_id>/pending/discard/",
                self.admin_site.admin_view(self.discard_pending_view),
                name=f"{opts.app_label}_{opts.model_name}_discard_pending",
            ),
            *super().get_urls(),
        ]

    def _versions(self, object_id: str):
        return Version.objects.get_for_object_reference(self.model, object_id).select_related(
            "revision__user"
        )

    def history_view(self, request: HttpRequest, object_id, extra_context=None):
        versions = list(self._versions(unquote(object_id)).order_by("-pk"))
        action_list = [
            {
                "version": version,
                "revision": version.revision,
                "comment": history.comment_text(version.revision.comment, self.model),
                "url": reverse(self._url_name("revision"), args=[quote(object_id), version.pk]),
            }
            for version in versions
        ]
        context = {
            "action_list": action_list,
            "compare_url": reverse(self._url_name("history_compare"), args=[object_id]),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def compare_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = self._versions(str(obj.pk))
        chosen = {}
        for key in ("old", "new"):
            value = request.GET.get(key, "")
            if value:
                try:
                    chosen[key] = versions.get(pk=int(value))
                except (ValueError, Version.DoesNotExist):
                    raise Http404 from None
        if len(chosen) < 2:
            latest = list(versions.order_by("-pk")[:2])
            if len(latest) < 2:
                chosen = {}
            else:
                chosen.setdefault("new", latest[0])
                chosen.setdefault("old", latest[1])
        old, new = chosen.get("old"), chosen.get("new")
        if old is not None and new is not None and old.pk > new.pk:
            old, new = new, old
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Compare versions: %s") % obj,
            "subtitle": None,
            "object": obj,
            "opts": self.model._meta,
            "old": old,
            "new": new,
            "changes": self.version_changes(old, new) if old and new else [],
            "history_url": reverse(self._url_name("history"), args=[quote(obj.pk)]),
            "restore_url": reverse(self._url_name("revision"), args=[quote(obj.pk), old.pk])
            if old
            else None,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/workflow/compare.html", context)

    def version_changes(self, old: Version, new: Version) -> list[FieldChange]:
        """The fields that differ between two versions, with readable values."""
        before, after = old.field_dict, new.field_dict
        changes = []
        for field in _compared_fields(self.model):
            if field.attname not in before | after:
                continue
            old_value, new_value = before.get(field.attname), after.get(field.attname)
            if _same(old_value, new_value):
                continue
            changes.append(
                FieldChange(
                    str(field.verbose_name), _display(field, old_value), _display(field, new_value)
                )
            )
        changes += self._related_changes(old, new)
        return changes

    def _related_changes(self, old: Version, new: Version) -> list[FieldChange]:
        """Rows kept with the record (a project's partners, fields, achievements)."""
        # django-reversion keeps the followed relations of a registered model here.
        follow = reversion.revisions._get_options(self.model).follow
        changes = []
        relations = {rel.get_accessor_name(): rel for rel in self.model._meta.related_objects}
        for name in follow:
            relation = relations.get(name)
            if relation is None or not relation.one_to_many:
                continue
            old_rows = _related_rows(old, relation)
            new_rows = _related_rows(new, relation)
            # By what the rows hold, not by their names: each version named its rows in the
            # language of whoever saved it, so the same rows read differently.
            if _row_contents(relation, old_rows) != _row_contents(relation, new_rows):
                changes.append(
                    FieldChange(
                        str(relation.related_model._meta.verbose_name_plural),
                        _row_names(relation, old_rows),
                        _row_names(relation, new_rows),
                    )
                )
        return changes


def _version_name(version: Version) -> str:
    """The name of the record a version kept, in the reader's language (django-reversion
    titles its restore and recover pages with the name it kept as text, in the saver's
    language: "恢复 Joint lab" for a record the history page calls 联合实验室)."""
    try:
        return str(version._object_version.object)
    except RevertError:  # a version its model can no longer read: the name kept with it
        return version.object_repr


def _related_rows(version: Version, relation) -> list[Version]:
    """The versions of the rows of ``relation`` (one-to-many) kept in the same revision as
    ``version``."""
    model = relation.related_model
    fk = relation.field.attname
    return [
        row
        for row in version.revision.version_set.filter(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
        )
        if str(row.field_dict.get(fk)) == str(version.object_id)
    ]


def _row_contents(relation, rows: list[Version]) -> list[tuple]:
    """What the rows hold, in an order of their own; not their ids (a row removed and added
    again is the same row to the reader)."""
    compared = {
        field.attname for field in _compared_fields(relation.related_model) if not field.primary_key
    }
    return sorted(
        tuple(
            sorted(
                (name, _comparable(row.field_dict[name]))
                for name in compared & row.field_dict.keys()
            )
        )
        for row in rows
    )


def _comparable(value) -> str:
    if isinstance(value, list | tuple):
        return repr(sorted(map(str, value)))
    return repr(value)


def _row_names(relation, rows: list[Version]) -> str:
    """The rows named in the viewer's language, as the record's own fields are: from what the
    version kept and the related records as they are now."""
    model = relation.related_model
    columns = {
        field.attname
        for field in _compared_fields(model)
        if not isinstance(field, models.ManyToManyField)
    } | {model._meta.pk.attname}
    objects = [
        (row, model(**{name: row.field_dict[name] for name in columns & row.field_dict.keys()}))
        for row in rows
    ]
    # The related records the names show (a partner's institution): one query each kind.
    for field in model._meta.concrete_fields:
        if not field.many_to_one or field == relation.field:
            continue
        wanted = {getattr(obj, field.attname) for _row, obj in objects} - {None}
        found = field.related_model._base_manager.in_bulk(
            wanted, field_name=field.target_field.name
        )
        for _row, obj in objects:
            if getattr(obj, field.attname) in found:
                setattr(obj, field.name, found[getattr(obj, field.attname)])
    names = []
    for row, obj in objects:
        try:
            names.append(str(obj))
        except ObjectDoesNotExist:
            # A related record deleted since: the name the version was saved with.
            names.append(row.object_repr)
    return "; ".join(sorted(names)) or "—"


def _compared_fields(model: type[models.Model]) -> list:
    """The versioned fields of ``model`` two versions are compared by."""
    fields = [field for field in model._meta.get_fields() if _versioned(field)]
    names = {field.attname for field in fields}
    # modeltranslation keeps the untranslated column too, which django-reversion reads in
    # the viewer's language; the language columns say it.
    return [
        field
        for field in fields
        if build_localized_fieldname(field.attname, mt_settings.DEFAULT_LANGUAGE) not in names
    ]


def _versioned(field) -> bool:
    """Fields worth comparing: concrete columns and plain many-to-many, not the id and not
    the automatic timestamps (the versions' own dates say when)."""
    if isinstance(field, models.ManyToManyField):
        return True
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return False
    return getattr(field, "concrete", False) and not field.auto_created


def _same(a, b) -> bool:
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return sorted(map(str, a)) == sorted(map(str, b))
    return a == b


def _display(field, value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(field, models.ManyToManyField):
        objects = field.related_model._default_manager.filter(pk__in=value)
        return "; ".join(sorted(str(o) for o in objects)) or "—"
    if isinstance(field, models.ForeignKey):
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if hasattr(value, "tzinfo") and getattr(value, "hour", None) is not None:
        return localize(timezone.localtime(value))
    return str(value)


# --- the back office's home page: what waits for review ---


@dataclass
class ReviewQueueRow:
    label: str
    in_review: int
    in_review_url: str
    waiting: int
    waiting_url: str


def review_queue(request: HttpRequest, site: admin.AdminSite | None = None) -> list[ReviewQueueRow]:
    """For each kind of publishable record the user may change: how many are in review and
    how many have changes waiting for a publisher, with links to those lists (one query per
    kind, and one for all the waiting changes)."""
    site = site or admin.site
    waiting = pending_changes.waiting_counts()
    rows = []
    for model, model_admin in site._registry.items():
        if not isinstance(model_admin, PublishableAdminMixin):
            continue
        if not model_admin.has_change_permission(request):
            continue
        changelist = reverse(model_admin._url_name("changelist"))
        rows.append(
            ReviewQueueRow(
                label=str(model._meta.verbose_name_plural),
                in_review=model._default_manager.filter(
                    publication_status=workflow.Status.IN_REVIEW
                ).count(),
                in_review_url=f"{changelist}?publication_status__exact={workflow.Status.IN_REVIEW}",
                waiting=waiting.get(model, 0),
                waiting_url=f"{changelist}?{PendingChangesListFilter.parameter_name}=yes",
            )
        )
    return sorted(rows, key=lambda row: row.label)
