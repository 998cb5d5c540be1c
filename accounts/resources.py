"""What the account lists export to a spreadsheet: never a password hash or a session."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from import_export import fields, resources, widgets

from accounts.models import AuditEvent, User


class UserResource(resources.ModelResource):
    # Roles by name, so that the sheet reads without a lookup table.
    roles = fields.Field(
        attribute="groups",
        column_name="roles",
        widget=widgets.ManyToManyWidget(model="auth.Group", field="name", separator="; "),
    )

    class Meta:
        model = User
        # An explicit list: a field added to User later is not exported until named here.
        fields = [
            "id",
            "username",
            "email",
            "first_name",
            "last_name",
            "is_active",
            "is_staff",
            "is_superuser",
            "roles",
            "last_login",
            "date_joined",
        ]
        export_order = fields


class AuditEventResource(resources.ModelResource):
    kind = fields.Field(attribute="get_kind_display", column_name="event")

    class Meta:
        model = AuditEvent
        fields = ["id", "created_at", "kind", "username", "ip_address", "user_agent", "path"]
        export_order = fields


class LogEntryResource(resources.ModelResource):
    user = fields.Field(attribute="user__username", column_name="user")
    action = fields.Field(attribute="get_action_flag_display", column_name="action")
    content_type = fields.Field(attribute="content_type", column_name="record type")
    change = fields.Field(attribute="get_change_message", column_name="change")

    class Meta:
        model = LogEntry
        fields = [
            "id",
            "action_time",
            "user",
            "action",
            "content_type",
            "object_id",
            "object_repr",
            "change",
        ]
        export_order = fields


class RoleResource(resources.ModelResource):
    permissions = fields.Field(
        attribute="permissions",
        column_name="permissions",
        widget=widgets.ManyToManyWidget(model="auth.Permission", field="codename", separator="; "),
    )

    class Meta:
        model = Group
        fields = ["id", "name", "permissions"]
        export_order = fields


class AccessAttemptResource(resources.ModelResource):
    """Login lockouts; never the request's GET or POST data."""

    class Meta:
        model = AccessAttempt
        fields = [
            "id",
            "attempt_time",
            "username",
            "ip_address",
            "user_agent",
            "path_info",
            "failures_since_start",
        ]
        export_order = fields
