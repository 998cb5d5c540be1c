from axes.admin import AccessAttemptAdmin as AxesAccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import AuditEvent, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """A log: readable by those with the view permission, never added to, changed or deleted."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
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
class AccessAttemptAdmin(AxesAccessAttemptAdmin):
    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
