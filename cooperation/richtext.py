"""Rich-text sanitising: one allow-list for every HTML field staff write.

HTML from elsewhere (a pasted page, the old website's news) keeps its structure in the
terms of the admin's editor (``cooperation.editor``) instead of losing it: block containers
the editor has no node for (``div``, ``section`` …) become paragraphs, a heading level it
does not offer becomes the nearest one it does, an image whose address is refused is removed
rather than kept without one, and every image has a text alternative (empty, meaning
decorative, when none was given).
"""

import re
from html import escape
from html.parser import HTMLParser

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

# Block containers the editor has no node for: their text becomes paragraphs (or, where a
# paragraph cannot stand, lines), never running on into the text next to it.
BLOCK_CONTAINERS = {
    "div", "section", "article", "header", "footer", "main", "aside", "nav", "address",
    "hgroup", "center", "details", "summary", "dl", "dt", "dd",
}  # fmt: skip
HEADING_LEVELS = sorted(int(tag[1]) for tag in ALLOWED_TAGS if re.fullmatch(r"h[1-6]", tag))
HEADINGS = {f"h{level}" for level in range(1, 7)}
# Where the editor takes paragraphs; and where a container is simply unwrapped, its content
# being the parent's own items (list items, table rows, a figure's image and caption).
FLOW_PARENTS = {None, "li", "td", "th", "blockquote"}
STRUCTURE_PARENTS = {"ul", "ol", "table", "thead", "tbody", "tr", "colgroup", "figure"}
BLOCKS = {"p", "ul", "ol", "blockquote", "table", "figure", "hr", "pre"} | HEADINGS
VOID_TAGS = {"br", "img", "hr", "col"}


def _media_prefixes() -> tuple[str, ...]:
    """Where our uploads are: MEDIA_URL, on this site or, with media in a bucket, the
    bucket's whole address (config.media_storage.media_storage), which may be http (a MinIO on
    the campus network); and then this site's /media/ still, where bodies written before
    the move point (kept on saving, not dropped as a stranger's image)."""
    url = settings.MEDIA_URL
    if url.startswith(("http://", "https://")):
        return (url, "/media/")
    return (url if url.startswith("/") else f"/{url}",)


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    # Images come from our own uploads or from https sites, never http, data: or another
    # scheme (an image URL is fetched by every reader's browser without a click).
    if tag == "img" and attribute == "src":
        value = value.strip()
        if value.startswith(_media_prefixes()) and not value.startswith("//"):
            return value
        return value if value.startswith("https://") else None
    return value


def _clean(html: str, tags: set[str]) -> str:
    return nh3.clean(
        html,
        tags=tags,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


class _Element:
    def __init__(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tag = tag
        self.attrs = dict(attrs)
        self.children: list = []


class _TreeBuilder(HTMLParser):
    """Reads nh3's output (well-formed: every element closed) into a tree."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("", [])
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = _Element(tag, attrs)
        self.stack[-1].children.append(element)
        if tag not in VOID_TAGS:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(_Element(tag, attrs))

    def handle_endtag(self, tag):
        if tag not in VOID_TAGS and len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _is_block(node) -> bool:
    return isinstance(node, _Element) and node.tag in BLOCKS


def _is_blank(nodes: list) -> bool:
    return all(isinstance(node, str) and not node.strip() for node in nodes)


def _paragraphs(nodes: list) -> list:
    """Blocks as they are; each run of text and inline elements between them a paragraph."""
    out: list = []
    run: list = []
    for node in [*nodes, None]:
        if node is not None and not _is_block(node):
            run.append(node)
            continue
        if not _is_blank(run):
            paragraph = _Element("p", [])
            paragraph.children = run
            out.append(paragraph)
        run = []
        if node is not None:
            out.append(node)
    return out


def _nearest_heading(tag: str) -> str:
    level = int(tag[1])
    return f"h{min(HEADING_LEVELS, key=lambda allowed: abs(allowed - level))}"


def _restructure(parent: str | None, nodes: list) -> list:
    out: list = []
    line_break_due = False  # (inline context) after a container's lines
    for node in nodes:
        if isinstance(node, str):
            if line_break_due and node.strip():
                out.append(_Element("br", []))
                line_break_due = False
            out.append(node)
            continue
        if node.tag in BLOCK_CONTAINERS:
            # Its content is judged where the container stands, as the container goes.
            content = _restructure(parent, node.children)
            if parent in FLOW_PARENTS:
                out.extend(_paragraphs(content))
            elif parent in STRUCTURE_PARENTS or _is_blank(content):
                out.extend(content)
            else:
                if not _is_blank(out) and not (out and getattr(out[-1], "tag", "") == "br"):
                    out.append(_Element("br", []))
                out.extend(content)
                line_break_due = True
            continue
        if node.tag == "img" and not node.attrs.get("src"):
            continue  # its address was refused (or never given): nothing left to show
        if node.tag == "img":
            node.attrs.setdefault("alt", "")
        if node.tag in HEADINGS and node.tag not in ALLOWED_TAGS:
            node.tag = _nearest_heading(node.tag)
        node.children = _restructure(node.tag, node.children)
        if node.tag == "figure" and not any(
            isinstance(child, _Element) and child.tag == "img" for child in node.children
        ):
            # Without its image, a figure is its caption's text.
            caption = [
                grandchild
                for child in node.children
                if isinstance(child, _Element)
                for grandchild in child.children
            ]
            out.extend(_paragraphs(caption) if parent in FLOW_PARENTS else caption)
            continue
        if line_break_due:
            out.append(_Element("br", []))
            line_break_due = False
        out.append(node)
    return out


def _serialize(nodes: list) -> str:
    parts = []
    for node in nodes:
        if isinstance(node, str):
            parts.append(escape(node, quote=False))
            continue
        attrs = "".join(f' {name}="{escape(value or "")}"' for name, value in node.attrs.items())
        parts.append(f"<{node.tag}{attrs}>")
        if node.tag == "pre" and node.children and str(node.children[0]).startswith("\n"):
            parts.append("\n")  # (a parser drops a newline that opens a pre)
        if node.tag not in VOID_TAGS:
            parts.append(f"{_serialize(node.children)}</{node.tag}>")
    return "".join(parts)


def sanitize_html(html: str) -> str:
    """Return ``html`` with everything outside the allow-list removed, its block structure
    kept in the editor's terms (see the module's docstring)."""
    if not html:
        return html
    builder = _TreeBuilder()
    builder.feed(_clean(html, ALLOWED_TAGS | BLOCK_CONTAINERS | HEADINGS))
    builder.close()
    # The allow-list once more, over what was rebuilt: the last word stays nh3's.
    return _clean(_serialize(_restructure(None, builder.root.children)), ALLOWED_TAGS)


def sanitize_translated_field(record, field_name: str) -> None:
    """Sanitise every language column of a translated rich-text field, in place."""
    for code, _name in settings.LANGUAGES:
        column = build_localized_fieldname(field_name, code)
        setattr(record, column, sanitize_html(getattr(record, column)))
