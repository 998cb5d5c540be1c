from axes.admin import AccessAttemptAdmin as AxesAccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from accounts import roles
from accounts.models import AuditEvent, User
from accounts.resources import (
    AccessAttemptResource,
    AuditEventResource,
    LogEntryResource,
    RoleResource,
    UserResource,
)
from config.admin_search import BoundedSearchMixin
from config.spreadsheets import SpreadsheetExportMixin


class AccountForm(UserChangeForm):
    """An account's form, which refuses a back-office role without staff status: the account
    could not sign in to the back office, and Django's login says only that the password is
    wrong."""

    def clean(self) -> dict:
        cleaned = super().clean()
        chosen = {group.name for group in cleaned.get("groups") or []}
        needing = [
            str(roles.ROLE_LABELS[name]) for name in roles.BACK_OFFICE_ROLES if name in chosen
        ]
        if needing and "is_staff" in self.fields and not cleaned.get("is_staff"):
            self.add_error(
                "is_staff",
                gettext(
                    "Only staff accounts may enter the back office, where these roles work: "
                    "%(roles)s. Tick “Staff status” too."
                )
                % {"roles": pgettext("between the items of a list", ", ").join(needing)},
            )
        return cleaned


@admin.register(User)
class UserAdmin(BoundedSearchMixin, SpreadsheetExportMixin, DjangoUserAdmin):
    resource_classes = [UserResource]
    form = AccountForm
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (
            _("Language and workflow e-mails"),
            {"fields": ["language", "review_mail", "outcome_mail"]},
        ),
    ]

    # Site admins manage accounts and give them roles; only a superuser makes superusers,
    # grants permissions outside the roles, touches a superuser's account (password
    # included) or changes a site admin's own roles and status, so a site admin can never
    # raise their own rights (give themselves the publisher's role, say) or lock themselves out.
    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return fields
        fields += ["is_superuser", "user_permissions"]
        if obj is not None and obj.pk == request.user.pk:
            fields += ["groups", "is_staff", "is_active"]
        return fields

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def get_export_queryset(self, request: HttpRequest):
        return super().get_export_queryset(request).prefetch_related("groups")


admin.site.unregister(Group)
# django-tasks-db's list of queued tasks is in English only and for developers: a failed
# task (a workflow mail) is logged ("django.tasks"), and the back office stays bilingual.
admin.site.unregister(DBTaskResult)


@admin.register(Group)
class RoleAdmin(BoundedSearchMixin, SpreadsheetExportMixin, DjangoGroupAdmin):
    """The roles: what each may do comes from reviewed data migrations (accounts/migrations),
    so only a superuser edits a role here; site admins read them and assign them to users."""

    resource_classes = [RoleResource]

    def get_export_queryset(self, request: HttpRequest):
        return super().get_export_queryset(request).prefetch_related("permissions")

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser


class ReadOnlyAdmin(BoundedSearchMixin, SpreadsheetExportMixin, admin.ModelAdmin):
    """A log: readable (and exported, as filtered) by those with the view permission, never
    added to, changed or deleted."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    resource_classes = [AuditEventResource]
    list_display = ["created_at", "kind", "username", "ip_address", "path"]
    list_filter = ["kind", "created_at"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "created_at"
    list_select_related = ["user"]
    fields = ["created_at", "kind", "user", "username", "ip_address", "user_agent", "path"]


# Staff changes (records, users, roles) are Django's own LogEntry rows, written by the admin.
if not admin.site.is_registered(LogEntry):

    @admin.register(LogEntry)
    class LogEntryAdmin(ReadOnlyAdmin):
        resource_classes = [LogEntryResource]
        list_display = ["action_time", "user", "action_flag", "content_type", "object_repr"]
        list_filter = ["action_flag", "content_type", "action_time"]
        search_fields = ["object_repr", "user__username", "change_message"]
        date_hierarchy = "action_time"
        list_select_related = ["user", "content_type"]
        fields = [
            "action_time",
            "user",
            "action_flag",
            "content_type",
            "object_id",
            "object_repr",
            "get_change_message",
        ]

        @admin.display(description=_("change"))
        def get_change_message(self, obj: LogEntry) -> str:
            return obj.get_change_message()


# django-axes' failure counters: site admins see who is locked out and unlock (delete) them.
@admin.register(AccessAttempt)
class AccessAttemptAdmin(BoundedSearchMixin, SpreadsheetExportMixin, AxesAccessAttemptAdmin):
    resource_classes = [AccessAttemptResource]

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
