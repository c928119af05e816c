"""What the API lets through of stored text: an allow-list for HTML, no markup in plain text.

The admin's Draftail editor only writes harmless HTML, but text also arrives
through the model (imports, migrations, a shell), where nothing checks it: a
`<script>`, an `onerror=` or a `javascript:` link would reach every frontend
that renders the API's HTML. So every HTML string is cleaned on its way out with
nh3, keeping only what Draftail itself produces for our features
(articles.blocks.PARAGRAPH_FEATURES, the pages' INTRO_FEATURES), and every
plain-text string a body block carries has its markup stripped.
"""

import nh3
from django.utils.html import strip_tags

# The tags Wagtail's rich text produces for the features we enable, and the two
# attributes our own link rewriting adds (articles.api.references).
ALLOWED_TAGS = frozenset(
    {"p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "a", "ul", "ol", "li", "sup", "sub"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "data-page-id", "data-document-id"}}
# Relative URLs (frontend paths) pass too; any other scheme loses its href.
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

HTML_DESCRIPTION = (
    "HTML (sanitised: allowed tags "
    + ", ".join(sorted(ALLOWED_TAGS))
    + "; attributes a[href, data-page-id, data-document-id]; URL schemes http, https, "
    "mailto, tel and relative). Links point at frontend paths and document URLs."
)
PLAIN_TEXT_DESCRIPTION = "Plain text (no markup): escape it when rendering as HTML."


def sanitised_html(html: str) -> str:
    """The stored HTML with only the allow-listed tags, attributes and URL schemes."""
    return nh3.clean(
        html or "",
        tags=set(ALLOWED_TAGS),
        # A script's or style's text is code, not content: dropped with its tag.
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=None,
    )


def without_markup(text: str) -> str:
    """Stored text without markup: a plain-text field never carries a tag a browser would run."""
    return strip_tags(text or "")
