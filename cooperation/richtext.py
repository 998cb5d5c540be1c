"""Rich-text sanitising: one allow-list for every HTML field staff write."""

import nh3
from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "colgroup", "col",
    "hr", "code", "pre",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
# No javascript:, data: or other schemes: links and images stay on the web or the site.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def _media_prefix() -> str:
    url = settings.MEDIA_URL
    return url if url.startswith(("/", "https://")) else f"/{url}"


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    # Images come from our own uploads or from https sites, never http, data: or another
    # scheme (an image URL is fetched by every reader's browser without a click).
    if tag == "img" and attribute == "src":
        value = value.strip()
        if value.startswith(_media_prefix()) and not value.startswith("//"):
            return value
        return value if value.startswith("https://") else None
    return value


def sanitize_html(html: str) -> str:
    """Return ``html`` with everything outside the allow-list removed."""
    if not html:
        return html
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def sanitize_translated_field(record, field_name: str) -> None:
    """Sanitise every language column of a translated rich-text field, in place."""
    for code, _name in settings.LANGUAGES:
        column = build_localized_fieldname(field_name, code)
        setattr(record, column, sanitize_html(getattr(record, column)))
