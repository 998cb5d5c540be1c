"""The four staff roles of DESIGN.md, as group names shared by code and tests."""

from django.utils.translation import gettext_lazy as _

EDITOR = "Editor"
PUBLISHER = "Publisher"
LEADERSHIP = "Leadership"
SITE_ADMIN = "Site admin"

ROLE_LABELS = {
    EDITOR: _("Editor"),
    PUBLISHER: _("Publisher"),
    LEADERSHIP: _("Leadership"),
    SITE_ADMIN: _("Site admin"),
}
