"""What a saved page becomes, and the vocabulary both readers share (HTML and page text).

A :class:`LegacyArticle` is plain data: text already repaired to Unicode, the body in reading
order, images as the page refers to them. Whatever cannot be a news article is rejected with
:class:`~articles.importing.report.RowRejected`, the type ``import_content`` reports, with the
field at fault ("date", "file", "text") when there is one.
"""

from __future__ import annotations

import datetime
import html
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from articles.importing.legacy.dates import UnreadableDate, find_vietnamese_date
from articles.importing.legacy.encodings import TextRepair
from articles.importing.report import RowRejected
from vietnamese_text.normalise import normalise

# --- What the extraction gives ------------------------------------------------------------


@dataclass
class LegacyImage:
    """An image as the page refers to it; `src` is None when only its caption survived."""

    src: str | None
    caption: str = ""


@dataclass
class Block:
    kind: Literal["paragraph", "heading", "image", "quote", "list"]
    #: Paragraphs and lists: inline HTML (b, i, sup, links, br), text escaped.
    html: str = ""
    #: Plain text of any block (a heading's or quote's value, a caption).
    text: str = ""
    image: LegacyImage | None = None
    #: Headings: "h2", "h3" or "h4".
    level: str = ""


@dataclass
class LegacyArticle:
    title: str
    date: datetime.date
    lead: str = ""
    blocks: list[Block] = field(default_factory=list)
    #: The main image: the first image of the page (or, in page text, the first caption).
    hero: LegacyImage | None = None
    byline: str = ""
    source: str = ""
    canonical_url: str | None = None
    #: Conversions applied to the text, for the report ("TCVN3 (ABC)").
    encoding_note: str | None = None

    def plain_text(self) -> str:
        """Everything a reader reads, for finding cited document numbers."""
        parts = [self.title, self.lead, *(block.text for block in self.blocks)]
        return "\n".join(part for part in parts if part)


# --- Shared vocabulary ----------------------------------------------------------------------


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Lines and box titles that belong to the portal, not to an article (compared normalised).
BOILERPLATE_TITLES = frozenset(
    normalise(title)
    for title in (
        "Thông báo mới",
        "Thông báo",
        "Thư viện ảnh",
        "Thư viện hình ảnh",
        "Thư viện video",
        "Video clip",
        "Tin liên quan",
        "Tin khác",
        "Các tin khác",
        "Các tin đã đưa",
        "Tin cùng chuyên mục",
        "Tin mới",
        "Tin mới nhất",
        "Tin mới hơn",
        "Tin cũ hơn",
        "Tin đọc nhiều",
        "Đọc nhiều nhất",
        "Xem nhiều",
        "Tin nổi bật",
        "Văn bản mới",
        "Số lượt truy cập",
        "Lượt truy cập",
        "Thống kê truy cập",
        "Đang truy cập",
        "Đang trực tuyến",
        "Liên kết website",
        "Liên kết web",
        "Trang chủ",
        "Bản in",
        "In bài viết",
        "In trang",
        "Gửi email",
        "Gửi bài viết",
        "Chia sẻ",
        "Quay lại",
        "Trở về",
        "Về đầu trang",
        "Lên đầu trang",
        "Bình luận",
        "Ý kiến bạn đọc",
        "Gửi ý kiến",
        "Từ khóa",
        "Tags",
    )
)
_COUNTER = re.compile(
    r"^(?:tất cả|tổng(?: số)?(?: lượt)?(?: truy cập)?|hôm nay|hôm qua|trong ngày|trong tuần|"
    r"tuần này|trong tháng|tháng này|đang online|online|đang truy cập|lượt xem|số lượt xem)"
    r"\s*:?\s*[\d.,\s]+$"
)
_PAGER_WORDS = re.compile(r"trang|đầu|cuối|tiếp|sau|trước|first|last|next|prev|[.…»«<>|]")
_COPYRIGHT = re.compile(r"^(?:©|copyright|bản quyền)", re.IGNORECASE)
SOURCE_PREFIX = re.compile(r"^(?:nguồn|theo)\s*:\s*", re.IGNORECASE)

TITLE_MAX, CAPTION_MAX = 255, 500
# A byline is a unit or a name ("Phòng PBGDPL", "Minh Thư - Phòng PBGDPL"), never a sentence.
BYLINE_MAX_CHARS, BYLINE_MAX_WORDS = 80, 10
CAPTION_TEXT_MAX = 300
# Less article text than this is a menu, listing or contact page; a short news brief has more.
MIN_ARTICLE_CHARS, MIN_PARAGRAPH_CHARS = 120, 80


def clean_text(text: str) -> str:
    """NFC, every run of spaces (NBSP, tabs, line breaks) as one space, trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def is_boilerplate_line(text: str) -> bool:
    key = normalise(clean_text(text)).strip(" :•-|»›")
    if not key:
        return False
    if key in BOILERPLATE_TITLES or _COUNTER.match(key) or _COPYRIGHT.match(key):
        return True
    return _is_pager(key)


def _is_pager(key: str) -> bool:
    """Pagination such as "1 2 3 4 5 ..." or "« Đầu 1 2 3 Tiếp »"."""
    rest = _PAGER_WORDS.sub(" ", key).split()
    return len(rest) >= 2 and all(word.isdigit() for word in rest)


def is_byline(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= BYLINE_MAX_WORDS
        and len(text) <= BYLINE_MAX_CHARS
        and not text.endswith((".", ":", ";", ","))
        and not has_date(text)
        and not is_boilerplate_line(text)
        and text[:1].isupper()
    )


def has_date(text: str) -> bool:
    try:
        return find_vietnamese_date(text) is not None
    except UnreadableDate:
        return True


def shorten_to(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    return text[: width - 2].rsplit(" ", 1)[0] + " …"


def reject_undecidable(repair: TextRepair, article: LegacyArticle) -> None:
    """Never import mojibake: a block no encoding explains rejects the page if it is kept."""
    hero_caption = article.hero.caption if article.hero else ""
    kept = "".join(f"{article.plain_text()}{hero_caption}{article.byline}".split())
    for sample in repair.undecidable:
        if "".join(sample.split())[:30] in kept:
            raise RowRejected(
                "text: cannot tell how this text is encoded (not Unicode, TCVN3, VNI, "
                f"windows-1258 or UTF-8): “{shorten_to(sample, 80)}”",
                field="text",
            )


def date_from(texts: list[str]) -> datetime.date:
    """The first date in the first text that has one; a bad date is reported, not skipped."""
    for text in texts:
        try:
            found = find_vietnamese_date(text)
        except UnreadableDate as error:
            raise RowRejected(f"date: cannot read the date {error}", field="date") from None
        if found is not None:
            return found
    raise RowRejected("date: no publication date found on the page", field="date")


def take_signature(article: LegacyArticle, text: str) -> bool:
    """A trailing "Nguồn: ..." sets the source, a short unit or name the byline."""
    if SOURCE_PREFIX.match(text) and not article.source:
        article.source = SOURCE_PREFIX.sub("", text)[:255]
        return True
    if is_byline(text) and not article.byline:
        article.byline = text
        return True
    return False


def add_caption(article: LegacyArticle, caption: str) -> None:
    """A caption whose image the text did not keep: the first is the main image's."""
    image = LegacyImage(src=None, caption=shorten_to(caption, CAPTION_MAX))
    if article.hero is None and not article.blocks:
        article.hero = image
    else:
        article.blocks.append(Block("image", text=image.caption, image=image))


def paragraph_block(text: str) -> Block:
    return Block("paragraph", html=html.escape(text, quote=False), text=text)


def check_is_article(article: LegacyArticle) -> None:
    paragraphs = [block.text for block in article.blocks if block.kind in {"paragraph", "list"}]
    texts = [article.lead, *paragraphs]
    longest = max((len(text) for text in texts), default=0)
    if sum(len(text) for text in texts) < MIN_ARTICLE_CHARS or longest < MIN_PARAGRAPH_CHARS:
        raise RowRejected(
            f"not a news page: too little article text (the longest paragraph has {longest} "
            "characters); a menu, listing or contact page?"
        )


_DATE_LINE_WORDS = words(
    "thứ hai ba tư năm sáu bảy chủ nhật cn ngày đăng cập lúc giờ am pm sa ch gmt"
)


def is_date_line(text: str) -> bool:
    """A line that is a date and little else ("Thứ năm, 23/09/2021 08:15", "Cập nhật: ...")."""
    if len(text) > 80 or not has_date(text):
        return False
    labels = re.findall(r"[^\W\d_]+", normalise(text))
    return all(label in _DATE_LINE_WORDS for label in labels)
