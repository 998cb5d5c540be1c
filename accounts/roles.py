"""The four staff roles of DESIGN.md, as group names shared by code and tests."""

from django.utils.translation import gettext_lazy as _

EDITOR = "Editor"
PUBLISHER = "Publisher"
LEADERSHIP = "Leadership"
SITE_ADMIN = "Site admin"

# The roles that work in the back office (/admin/), which only staff accounts may enter;
# leadership reads the dashboard, which needs no staff status.
BACK_OFFICE_ROLES = (EDITOR, PUBLISHER, SITE_ADMIN)

ROLE_LABELS = {
    EDITOR: _("Editor"),
    PUBLISHER: _("Publisher"),
    LEADERSHIP: _("Leadership"),
    SITE_ADMIN: _("Site admin"),
}
