"""``{% picture %}``: an uploaded image with its renditions, sizes and lazy loading."""

from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(
    image, alt: str, sizes: str = "100vw", css_class: str = "", eager: bool = False
) -> dict:
    """Render ``image`` (a ProcessedImageField file) with ``srcset``, ``width`` and ``height``.

    ``eager`` is for the one image above the fold (the article's cover), which should not wait.
    """
    if not image:
        return {"image": None}
    renditions = list(getattr(image, "renditions", []))
    size = getattr(image, "dimensions", None)
    candidates = [(image.rendition_url(r), r.width) for r in renditions]
    if size:
        candidates.append((image.url, size[0]))
    # The 800-wide rendition (or the widest below it) serves browsers without srcset.
    fallback = next((r for r in reversed(renditions) if r.width <= 800), None)
    return {
        "image": image,
        "src": image.rendition_url(fallback) if fallback else image.url,
        "srcset": ", ".join(f"{url} {width}w" for url, width in candidates),
        "width": fallback.width if fallback else (size[0] if size else None),
        "height": fallback.height if fallback else (size[1] if size else None),
        "sizes": sizes,
        "alt": alt,
        "css_class": css_class,
        "eager": eager,
    }
