"""A page saved as HTML ("Lưu trang") -> a LegacyArticle.

The article body is found by where the prose is (paragraph text, links discounted), not by the
portal's class names, which differ from one vendor to the next; class names only help to find
the sapo, the date and the byline, and to drop menus, counters and "Thư viện ảnh" boxes left
next to the body. Markup is read as browsers are lenient with it: unclosed paragraphs, tags
closed in the wrong order, layout tables, <font> and <br><br> instead of paragraphs.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from articles.importing.legacy.article import (
    BYLINE_MAX_CHARS,
    CAPTION_MAX,
    CAPTION_TEXT_MAX,
    MIN_PARAGRAPH_CHARS,
    SOURCE_PREFIX,
    TITLE_MAX,
    Block,
    LegacyArticle,
    LegacyImage,
    check_is_article,
    clean_text,
    date_from,
    is_boilerplate_line,
    is_date_line,
    reject_undecidable,
    shorten_to,
    take_signature,
    words,
)
from articles.importing.legacy.dates import UnreadableDate, parse_vietnamese_date
from articles.importing.legacy.encodings import TCVN3, VNI, TextRepair
from articles.importing.report import RowRejected
from vietnamese_text.normalise import normalise

BLOCK_TAGS = words(
    "p div td th tr tbody thead tfoot table li ul ol dl dt dd section article main header "
    "footer aside nav center blockquote figure figcaption pre address form "
    "h1 h2 h3 h4 h5 h6"
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
CONTAINER_TAGS = BLOCK_TAGS | {"body"}
# Not <form>: ASP.NET and SharePoint portals wrap the whole page in one.
DROPPED_TAGS = list(
    words(
        "script style noscript iframe frame frameset object embed applet input button select "
        "textarea svg canvas map template head link meta audio video source"
    )
)
BOILERPLATE_TAGS = frozenset({"nav", "aside", "footer"})
BOILERPLATE_NAMES = words(
    "menu mainmenu topmenu submenu leftmenu nav navbar navigation breadcrumb breadcrumbs "
    "footer sidebar banner slider marquee counter thongke visitor visitors luottruycap paging "
    "pagination pager phantrang share social sharing toolbar related relatednews tinlienquan "
    "tinkhac othernews comment comments binhluan thuvienanh weblink lienket search "
    "timkiem login advert ads quangcao tags keywords"
)
# The site's own banner, whose heading is the portal's name: never the article's title.
SITE_HEADER_NAMES = words("header banner logo masthead top topbar")
LEAD_NAMES = words("sapo lead summary tomtat mota intro abstract chapeau trichdan")
DATE_NAMES = words(
    "date time datetime ngay ngaydang ngaythang publish published pubdate posted postdate "
    "created capnhat ngaycapnhat updated"
)
AUTHOR_NAMES = words("author tacgia byline butdanh nguoiviet writer")
SOURCE_NAMES = words("source nguon nguontin")
TITLE_NAMES = words("title tieude headline")
CAPTION_NAMES = words("caption chuthich ghichu imgcaption")
# Spacers and icons that old templates put between paragraphs.
DECORATIVE_IMAGE = re.compile(r"(?:spacer|blank|pixel|transparent|bullet|icon|arrow)\w*\.gif$")


def extract_html(markup: str, preferred: str | None = None) -> LegacyArticle:
    soup = BeautifulSoup(markup, "html.parser")
    canonical = _canonical_url(soup)
    meta_title = _meta_content(soup, "og:title") or (soup.title.get_text() if soup.title else "")
    meta_date = _meta_content(soup, "article:published_time")
    for tag in soup.find_all(DROPPED_TAGS):
        tag.decompose()
    for comment in soup.find_all(string=lambda node: isinstance(node, Comment)):
        comment.extract()
    root = soup.body or soup
    _reject_document_record(root)
    container = _article_container(root)
    title_tag = _title_tag(container, meta_title)
    zone = _common_ancestor(container, title_tag) if title_tag else container.parent or container
    _drop_boilerplate(zone, keep=[container, title_tag])
    repair = _repair_zone(zone, meta_title, preferred)
    parts = _HtmlParts(zone, container, title_tag, canonical)
    title = (
        clean_text(title_tag.get_text(" "))
        if title_tag
        else _title_from_meta(repair.repair_text(meta_title))
    )
    if not title:
        raise RowRejected("not a news page: no title")
    article = LegacyArticle(
        title=shorten_to(title, TITLE_MAX),
        date=datetime.date.min,
        lead=parts.text_of(parts.lead_tag),
        byline=parts.text_of(parts.author_tag),
        source=SOURCE_PREFIX.sub("", parts.text_of(parts.source_tag))[:255],
        canonical_url=canonical,
    )
    article.blocks = parts.body_blocks()
    _html_signature(article)
    check_is_article(article)
    article.date = _html_date(parts, meta_date, article)
    article.encoding_note = repair.describe()
    reject_undecidable(repair, article)
    return article


def _meta_content(soup: BeautifulSoup, name: str) -> str:
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    return clean_text(tag.get("content", "")) if tag else ""


def _canonical_url(soup: BeautifulSoup) -> str | None:
    link = soup.find("link", rel=lambda rel: rel and "canonical" in rel)
    url = (link.get("href") if link else "") or _meta_content(soup, "og:url")
    url = (url or "").strip()
    return url if urlsplit(url).scheme in {"http", "https"} else None


def _title_from_meta(text: str) -> str:
    """<title> or og:title without the portal's name ("Tiêu đề - Sở Tư pháp")."""
    return clean_text(re.split(r"\s+[-|–:]{1,2}\s+", clean_text(text))[0]) if text else ""


def _class_tokens(tag: Tag) -> set[str]:
    """Class and id split into words: "box-thuvienanh news_detail" -> box, thuvienanh ..."""
    values = [*tag.get("class", []), tag.get("id") or ""]
    tokens = set()
    for value in values:
        value = value.lower()
        tokens.add(value)
        tokens.update(part for part in re.split(r"[-_\s]+", value) if part)
    return tokens


def _named(tag: Tag, names: frozenset[str]) -> bool:
    return bool(_class_tokens(tag) & names)


def _reject_document_record(root: Tag) -> None:
    """A document's record ("Số ký hiệu", "Trích yếu" in a table) is not a news article."""
    labels = {normalise(clean_text(cell.get_text(" "))).rstrip(" :") for cell in root(["td", "th"])}
    if {"số ký hiệu", "trích yếu"} <= labels:
        raise RowRejected(
            "not a news page: it is a document record (số ký hiệu, trích yếu); import "
            "documents into the register with import_content"
        )


# Finding the article: where the prose is -------------------------------------------------


def _own_inline_text(tag: Tag) -> tuple[str, int]:
    """The text a block shows itself (not its child blocks), and how much of it is links.

    Text inside inline wrappers counts (<font>, <span>), even when html.parser has nested the
    following paragraphs in them: old pages leave <p> unclosed, which it does not close.
    """
    texts, link_chars = [], 0
    for node in tag.find_all(string=True):
        inline_parents = list(_parents_within(node, tag))
        if any(parent.name in CONTAINER_TAGS for parent in inline_parents):
            continue
        texts.append(str(node))
        if any(parent.name == "a" for parent in inline_parents):
            link_chars += len(clean_text(str(node)))
    return clean_text(" ".join(texts)), link_chars


def _article_container(root: Tag) -> Tag:
    """The block holding the most prose (readability-style scoring, links discounted).

    A paragraph's text counts fully for the block holding it and half for the next one out; a
    div or cell with text of its own counts for itself too (text separated by <br>).
    """
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    for tag in root.find_all(BLOCK_TAGS - HEADINGS):
        text, link_chars = _own_inline_text(tag)
        length = len(text) - link_chars
        if length < 25 or link_chars > len(text) / 2:
            continue
        holders = [parent for parent in tag.parents if parent.name in CONTAINER_TAGS][:2]
        weighted = list(zip(holders, [1.0, 0.5], strict=False))
        if tag.name != "p":
            weighted.insert(0, (tag, 1.0))
        for holder, weight in weighted:
            tags[id(holder)] = holder
            scores[id(holder)] = scores.get(id(holder), 0) + weight * length
    if not scores:
        raise RowRejected("not a news page: no paragraph of text")
    depth = {key: len(list(tag.parents)) for key, tag in tags.items()}
    best = max(scores, key=lambda key: (scores[key], -depth[key]))
    container = tags[best]
    _reject_listing(container)
    return container


def _reject_listing(container: Tag) -> None:
    """A section's list of articles: several headline links, a good share of the text."""
    text = clean_text(container.get_text(" "))
    headlines = [a for a in container.find_all("a") if len(clean_text(a.get_text(" "))) >= 25]
    link_chars = sum(len(clean_text(a.get_text(" "))) for a in headlines)
    if len(headlines) >= 3 and link_chars >= 0.25 * max(len(text), 1):
        raise RowRejected(
            f"not a news page: it lists {len(headlines)} articles (a section or search listing)"
        )


def _title_tag(container: Tag, meta_title: str) -> Tag | None:
    """The article's heading: at the start of the body, or the nearest one before it.

    A heading the page's <title> repeats wins over a nearer one (a section name, the site's
    name in its banner).
    """
    candidates = list(_title_candidates(container))
    in_meta = normalise(clean_text(meta_title))
    for tag in candidates:
        if normalise(clean_text(tag.get_text(" "))) in in_meta:
            return tag
    return candidates[0] if candidates else None


def _title_candidates(container: Tag) -> Iterator[Tag]:
    for tag in container.find_all(True):
        if _text_before(container, tag):
            break
        if _is_title_candidate(tag):
            yield tag
    holders = {id(parent) for parent in container.parents}
    for tag in container.find_all_previous(True):
        if id(tag) in holders or _inside_boilerplate(tag, BOILERPLATE_NAMES | SITE_HEADER_NAMES):
            continue
        if _is_title_candidate(tag):
            yield tag


def _is_title_candidate(tag: Tag) -> bool:
    named = tag.name in {"h1", "h2", "h3"} or _named(tag, TITLE_NAMES)
    return named and _is_title_text(tag)


def _is_title_text(tag: Tag) -> bool:
    text = clean_text(tag.get_text(" "))
    return 10 <= len(text) <= 2 * TITLE_MAX and not is_boilerplate_line(text)


def _text_before(container: Tag, tag: Tag) -> bool:
    """Whether the container shows any text before `tag`."""
    for node in tag.find_all_previous(string=True):
        if container not in node.parents:
            return False
        if clean_text(str(node)):
            return True
    return False


def _inside_boilerplate(tag: Tag, names: frozenset[str] = BOILERPLATE_NAMES) -> bool:
    return any(
        isinstance(node, Tag) and (node.name in BOILERPLATE_TAGS or _named(node, names))
        for node in [tag, *tag.parents]
    )


def _common_ancestor(first: Tag, second: Tag) -> Tag:
    ancestors = {id(node) for node in [first, *first.parents]}
    for node in [second, *second.parents]:
        if id(node) in ancestors:
            return node
    return first


def _drop_boilerplate(zone: Tag, keep: list[Tag | None]) -> None:
    """Menus, share bars, counters, galleries and related-news boxes inside the article zone."""
    kept = [tag for tag in keep if tag is not None]
    for tag in zone.find_all(True):
        if tag.decomposed or not (tag.name in BOILERPLATE_TAGS or _named(tag, BOILERPLATE_NAMES)):
            continue
        if any(tag is other or tag in other.parents for other in kept):
            continue
        tag.decompose()


# Encodings -----------------------------------------------------------------------------------


def _font_hint(node: NavigableString, zone: Tag) -> tuple[str | None, bool]:
    """The legacy font a text is set in: (.VnTime -> TCVN3, VNI-Times -> VNI, .VnTimeH -> caps)."""
    for parent in node.parents:
        face = (parent.get("face") or "") + " " + _font_family(parent.get("style") or "")
        face = face.lower()
        if _TCVN3_FONT.search(face):
            return TCVN3, bool(re.search(r"vn\w*h\b", face))
        if _VNI_FONT.search(face):
            return VNI, False
        if parent is zone:
            break
    return None, False


# .VnTime, .VnArial, VnTimeH (the dot is sometimes lost); VNI-Times, VNI-Helve.
_TCVN3_FONT = re.compile(r"(?:^|[\s,'\"])\.?vn(?!i)[a-z]")
_VNI_FONT = re.compile(r"(?:^|[\s,'\"])vni[-\s]")


def _font_family(style: str) -> str:
    match = re.search(r"font-family\s*:\s*([^;]+)", style, re.IGNORECASE)
    return match.group(1) if match else ""


def _repair_zone(zone: Tag, meta_title: str, preferred: str | None) -> TextRepair:
    """Re-read legacy-encoded text in place, block by block (see encodings.TextRepair)."""
    groups: dict[int, list[NavigableString]] = {}
    for node in zone.find_all(string=True):
        if clean_text(str(node)):
            block = next((p for p in node.parents if p.name in BLOCK_TAGS), zone)
            groups.setdefault(id(block), []).append(node)
    texts = [str(node) for nodes in groups.values() for node in nodes]
    repair = TextRepair([*texts, meta_title], preferred)
    for nodes in groups.values():
        hints = [_font_hint(node, zone) for node in nodes]
        encoding = next((hint for hint, _ in hints if hint), None)
        repaired = repair.repair([str(node) for node in nodes], encoding)
        for node, text, (_, capitals) in zip(nodes, repaired, hints, strict=True):
            text = text.upper() if capitals else text
            if text != str(node):
                node.replace_with(NavigableString(text))
    return repair


# The article's parts --------------------------------------------------------------------------


class _HtmlParts:
    """Sapo, date, byline and body of the article zone; each tag is used once."""

    def __init__(self, zone: Tag, container: Tag, title_tag: Tag | None, canonical: str | None):
        self.zone, self.container, self.title_tag = zone, container, title_tag
        self.site_host = urlsplit(canonical).hostname if canonical else None
        self.lead_tag = self._find(LEAD_NAMES, 1500, at_start=True)
        self.author_tag = self._find(AUTHOR_NAMES, BYLINE_MAX_CHARS)
        self.source_tag = self._find(SOURCE_NAMES, 255)
        self.date_tag = self.zone.find("time") or self._find(DATE_NAMES, 120)
        self.used = {id(tag) for tag in (title_tag, self.lead_tag, self.author_tag) if tag}
        self.used |= {id(tag) for tag in (self.source_tag, self.date_tag) if tag}

    def _find(self, names: frozenset[str], max_chars: int, at_start: bool = False) -> Tag | None:
        """The first tag of the zone named like a part (class="sapo"), if it fits the part.

        A part found inside the body container must not be the container or hold it; a sapo
        there must also come first.
        """
        for tag in self.zone.find_all(True):
            if not _named(tag, names) or tag is self.container or tag in self.container.parents:
                continue
            if not 0 < len(self.text_of(tag)) <= max_chars:
                continue
            inside = self.container in tag.parents
            if at_start and inside and not _text_before_is_short(self.container, tag):
                continue
            return tag
        return None

    def text_of(self, tag: Tag | None) -> str:
        return clean_text(tag.get_text(" ")) if tag is not None else ""

    def header_texts(self) -> list[str]:
        """Zone text outside the body and before it: where portals print the date."""
        texts = []
        for node in self.zone.find_all(string=True):
            if self.container in node.parents:
                break
            texts.append(clean_text(str(node)))
        return [text for text in texts if text]

    def body_blocks(self) -> list[Block]:
        builder = _BlockBuilder(self)
        # Images between the title and the body (a separate "main image" box).
        for image in self._images_before_body():
            builder.image(image)
        builder.walk(self.container)
        builder.flush()
        return builder.blocks

    def _images_before_body(self) -> list[Tag]:
        images = []
        for image in self.zone.find_all("img"):
            if self.container in image.parents:
                continue
            if self.title_tag is not None and image in self.title_tag.find_all_previous("img"):
                continue
            if image in self.container.find_all_previous("img"):
                images.append(image)
        return images


def _text_before_is_short(container: Tag, tag: Tag) -> bool:
    """A sapo inside the body container must come first (before any long paragraph)."""
    before = 0
    for node in tag.find_all_previous(string=True):
        if container not in node.parents:
            break
        before += len(clean_text(str(node)))
    return before < MIN_PARAGRAPH_CHARS


class _BlockBuilder:
    """Walks the body in reading order, gathering inline content into paragraphs."""

    def __init__(self, parts: _HtmlParts):
        self.parts = parts
        self.blocks: list[Block] = []
        self._inline: list[str] = []
        self._breaks = 0
        self.skip: set[int] = set(parts.used)

    # Walking -----------------------------------------------------------------------------

    def walk(self, node: Tag) -> None:
        for child in list(node.children):
            if isinstance(child, NavigableString):
                self._add_inline(html.escape(str(child), quote=False))
            elif id(child) in self.skip or child.decomposed:
                continue
            elif child.name == "img":
                self.flush()
                self.image(child)
            elif child.name == "br":
                self._line_break()
            else:
                self._element(child)

    def _element(self, tag: Tag) -> None:
        name = tag.name
        if name in HEADINGS:
            self.flush()
            text = clean_text(tag.get_text(" "))
            if text and text != self.parts.text_of(self.parts.title_tag):
                level = {"h1": "h2", "h2": "h2", "h3": "h3"}.get(name, "h4")
                self.blocks.append(Block("heading", text=text, level=level))
        elif name in {"ul", "ol"}:
            self.flush()
            self._list(tag)
        elif name == "blockquote":
            self.flush()
            text = clean_text(tag.get_text(" "))
            if text:
                self.blocks.append(Block("quote", text=text))
        elif name in BLOCK_TAGS or tag.find(["img", *BLOCK_TAGS]):
            self.flush()
            if not _is_link_box(tag):
                self._figure_or_walk(tag)
            self.flush()
        else:
            self._add_inline(self._formatted(tag))

    def _figure_or_walk(self, tag: Tag) -> None:
        """A block holding one image and a short text is that image with its caption."""
        images = tag.find_all("img")
        if len(images) == 1 and tag.name in {"p", "div", "table", "figure", "center", "td"}:
            caption = _caption_inside(tag, images[0])
            if caption is not None:
                self.image(images[0], caption)
                return
        self.walk(tag)

    def _list(self, tag: Tag) -> None:
        items = [self.inline_html(item) for item in tag.find_all("li", recursive=False)]
        items = [item for item in items if _strip_html(item)]
        if items:
            body = "".join(f"<li>{item}</li>" for item in items)
            text = " ".join(_strip_html(item) for item in items)
            self.blocks.append(Block("list", html=f"<{tag.name}>{body}</{tag.name}>", text=text))

    # Inline content ------------------------------------------------------------------------

    def inline_html(self, tag: Tag) -> str:
        """A tag's inline content as the HTML a paragraph block keeps."""
        out = []
        for child in tag.children:
            if isinstance(child, NavigableString):
                out.append(html.escape(str(child), quote=False))
            elif child.name == "br":
                out.append("<br/>")
            elif child.name != "img" and id(child) not in self.skip:
                out.append(self._formatted(child))
        return "".join(out)

    def _formatted(self, tag: Tag) -> str:
        inner = self.inline_html(tag)
        wrapper = {"b": "b", "strong": "b", "i": "i", "em": "i", "sup": "sup"}.get(tag.name)
        if tag.name == "a":
            href = self._kept_href(tag.get("href") or "")
            return f'<a href="{html.escape(href)}">{inner}</a>' if href else inner
        if wrapper and _strip_html(inner):
            return f"<{wrapper}>{inner}</{wrapper}>"
        return inner

    def _kept_href(self, href: str) -> str:
        """Links out of the old portal are kept; links into it would be dead after moving."""
        parts = urlsplit(href.strip())
        if parts.scheme == "mailto":
            return href.strip()
        if parts.scheme in {"http", "https"} and parts.hostname != self.parts.site_host:
            return href.strip()
        return ""

    def _add_inline(self, fragment: str) -> None:
        if fragment:
            if _strip_html(fragment):
                self._breaks = 0
            self._inline.append(fragment)

    def _line_break(self) -> None:
        """One <br> breaks a line; two in a row end the paragraph (old editors' habit)."""
        self._breaks += 1
        if self._breaks >= 2:
            self.flush()
        else:
            self._inline.append("<br/>")

    def flush(self) -> None:
        fragment = re.sub(r"\s+", " ", "".join(self._inline)).strip()
        fragment = re.sub(r"^(?:<br/>\s*)+|(?:\s*<br/>)+$", "", fragment)
        self._inline, self._breaks = [], 0
        text = _strip_html(fragment)
        if not text:
            return
        if is_boilerplate_line(text):
            return
        self.blocks.append(Block("paragraph", html=fragment, text=text))

    # Images --------------------------------------------------------------------------------

    def image(self, tag: Tag, caption: str | None = None) -> None:
        src = (tag.get("src") or "").strip()
        if not src or _is_decorative(tag, src):
            return
        if caption is None:
            caption = self._caption_after(tag)
        caption = shorten_to(caption or _caption_from_alt(tag), CAPTION_MAX)
        image = LegacyImage(src=src, caption=caption)
        self.blocks.append(Block("image", text=caption, image=image))

    def _caption_after(self, image: Tag) -> str:
        """The caption old editors put under a picture: a short, italic or centred block."""
        figure = image.find_parent("figure")
        if figure is not None and figure.find("figcaption"):
            caption = figure.find("figcaption")
            self.skip.add(id(caption))
            return clean_text(caption.get_text(" "))
        holder = next((p for p in image.parents if p.name in BLOCK_TAGS), None)
        if holder is None:
            return ""
        following = holder.find_next_sibling(True)
        if following is None or not _looks_like_caption(following):
            return ""
        self.skip.add(id(following))
        return clean_text(following.get_text(" "))


def _caption_inside(holder: Tag, image: Tag) -> str | None:
    """The text sharing a small block (p, figure, a two-row table) with its only image."""
    text = clean_text(holder.get_text(" "))
    if not text or len(text) > CAPTION_TEXT_MAX:
        return None
    if holder.name == "table" and len(holder.find_all("tr")) > 3:
        return None
    return text


def _looks_like_caption(tag: Tag) -> bool:
    text = clean_text(tag.get_text(" "))
    if not text or len(text) > CAPTION_TEXT_MAX or tag.find("img"):
        return False
    style = (tag.get("style") or "").replace(" ", "").lower()
    centred = "text-align:center" in style or (tag.get("align") or "").lower() == "center"
    return centred or _emphasised(tag) or _named(tag, CAPTION_NAMES) or tag.name == "figcaption"


def _emphasised(tag: Tag) -> bool:
    """All of the block's text is in italics."""
    nodes = [node for node in tag.find_all(string=True) if clean_text(str(node))]
    return bool(nodes) and all(
        any(parent.name in {"i", "em"} for parent in _parents_within(node, tag)) for node in nodes
    )


def _parents_within(node: NavigableString, stop: Tag) -> Iterator[Tag]:
    for parent in node.parents:
        if parent is stop:
            return
        yield parent


def _caption_from_alt(tag: Tag) -> str:
    """Alt text is a caption only when it reads like one (not "anh1.jpg", not one word)."""
    text = clean_text(tag.get("alt") or tag.get("title") or "")
    if len(text.split()) < 3 or re.search(r"\.(?:jpe?g|png|gif|bmp|webp)$", text, re.I):
        return ""
    return text


def _is_decorative(tag: Tag, src: str) -> bool:
    sizes = [tag.get("width") or "", tag.get("height") or ""]
    tiny = any(size.isdigit() and int(size) <= 2 for size in sizes)
    return tiny or bool(DECORATIVE_IMAGE.search(src.lower().split("?")[0]))


def _is_link_box(tag: Tag) -> bool:
    """A block of links with little else: a menu or a "see also" box left in the body."""
    links = tag.find_all("a")
    if len(links) < 3:
        return False
    text = len(clean_text(tag.get_text(" ")))
    linked = sum(len(clean_text(a.get_text(" "))) for a in links)
    return linked > 0.6 * max(text, 1)


def _strip_html(fragment: str) -> str:
    text = re.sub(r"<[^>]+>", "", re.sub(r"<br\s*/?>", " ", fragment))
    return clean_text(html.unescape(text))


def _html_signature(article: LegacyArticle) -> None:
    """Without sapo or byline markup: a wholly bold first paragraph is the lead, short
    trailing ones the byline and source."""
    paragraphs = [block for block in article.blocks if block.kind == "paragraph"]
    if not article.lead and paragraphs and _wholly_bold(paragraphs[0].html):
        article.lead = paragraphs[0].text
        article.blocks.remove(paragraphs[0])
    for _ in range(2):
        last = article.blocks[-1] if article.blocks else None
        if last is None or last.kind != "paragraph" or not take_signature(article, last.text):
            break
        article.blocks.pop()
    first_image = next((block for block in article.blocks if block.kind == "image"), None)
    if first_image is not None and article.hero is None:
        article.hero = first_image.image
        article.blocks.remove(first_image)


def _wholly_bold(fragment: str) -> bool:
    return (
        bool(re.fullmatch(r"\s*<b>.*</b>\s*", fragment, re.DOTALL))
        and "</b>" not in (fragment.strip()[3:-4])
    )


def _html_date(parts: _HtmlParts, meta_date: str, article: LegacyArticle) -> datetime.date:
    """The date element first (an unreadable one is an error), then the text around the title,
    the page's metadata, and the lead."""
    if parts.date_tag is not None:
        text = parts.date_tag.get("datetime") or parts.text_of(parts.date_tag)
        try:
            return parse_vietnamese_date(text)
        except UnreadableDate as error:
            raise RowRejected(f"date: cannot read the date {error}", field="date") from None
    first = article.blocks[0] if article.blocks else None
    dateline = []
    if first is not None and first.kind == "paragraph" and is_date_line(first.text):
        dateline = [article.blocks.pop(0).text]  # "Ngày 5/5/2020" opening the body
    first_text = [block.text for block in article.blocks[:1]]
    return date_from([*parts.header_texts(), *dateline, meta_date, article.lead, *first_text])
