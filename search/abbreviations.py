"""Government abbreviations, matched in both directions at query time.

A query for "UBND" also finds "Ủy ban nhân dân", and the reverse. Editors keep
the list in the admin (search.models.Abbreviation); the list below seeds it.

An abbreviation that is also an ordinary syllable ("TU" is tư, tự, từ once its
marks are folded) expands only when typed in capitals, so "tư pháp" never turns
into "Tỉnh ủy pháp".
"""

import re
from dataclasses import replace

from django.core.cache import cache

from search.analysis import AnalysedQuery, pair_terms
from vietnamese_text.folding import fold
from vietnamese_text.normalise import syllables
from vietnamese_text.syllable import is_vietnamese_syllable

CACHE_KEY = "vnsearch:abbreviations"

DEFAULT_ABBREVIATIONS = [
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("TU", "Tỉnh ủy"),
    ("HU", "Huyện ủy"),
    ("TW", "Trung ương"),
    ("BCH", "Ban Chấp hành"),
    ("BTV", "Ban Thường vụ"),
    ("PBGDPL", "Phổ biến, giáo dục pháp luật"),
    ("TTHC", "Thủ tục hành chính"),
    ("VBQPPL", "Văn bản quy phạm pháp luật"),
    ("QPPL", "Quy phạm pháp luật"),
    ("CP", "Chính phủ"),
    ("TTg", "Thủ tướng Chính phủ"),
    ("QH", "Quốc hội"),
    ("UBTVQH", "Ủy ban Thường vụ Quốc hội"),
    ("ĐBQH", "Đại biểu Quốc hội"),
    ("NĐ", "Nghị định"),
    ("NQ", "Nghị quyết"),
    ("QĐ", "Quyết định"),
    ("CT", "Chỉ thị"),
    ("TT", "Thông tư"),
    ("TTLT", "Thông tư liên tịch"),
    ("KH", "Kế hoạch"),
    ("HD", "Hướng dẫn"),
    ("TB", "Thông báo"),
    ("BC", "Báo cáo"),
    ("CV", "Công văn"),
    ("STP", "Sở Tư pháp"),
    ("BTP", "Bộ Tư pháp"),
    ("TAND", "Tòa án nhân dân"),
    ("VKSND", "Viện kiểm sát nhân dân"),
    ("CAND", "Công an nhân dân"),
    ("QĐND", "Quân đội nhân dân"),
    ("THADS", "Thi hành án dân sự"),
    ("TGPL", "Trợ giúp pháp lý"),
    ("BTNN", "Bồi thường nhà nước"),
    ("HGCS", "Hòa giải ở cơ sở"),
    ("CCHC", "Cải cách hành chính"),
    ("CNTT", "Công nghệ thông tin"),
    ("KTXH", "Kinh tế - xã hội"),
    ("ANTT", "An ninh trật tự"),
    ("ATGT", "An toàn giao thông"),
    ("BHXH", "Bảo hiểm xã hội"),
    ("BHYT", "Bảo hiểm y tế"),
    ("QSDĐ", "Quyền sử dụng đất"),
    ("GCN", "Giấy chứng nhận"),
    ("CMND", "Chứng minh nhân dân"),
    ("CCCD", "Căn cước công dân"),
    ("HTX", "Hợp tác xã"),
    ("TNHH", "Trách nhiệm hữu hạn"),
    ("CBCCVC", "Cán bộ, công chức, viên chức"),
    ("CCVC", "Công chức, viên chức"),
    ("LĐLĐ", "Liên đoàn Lao động"),
    ("UBKT", "Ủy ban Kiểm tra"),
    ("ĐCSVN", "Đảng Cộng sản Việt Nam"),
    ("CHXHCN", "Cộng hòa xã hội chủ nghĩa"),
    ("XHCN", "Xã hội chủ nghĩa"),
    ("GDĐT", "Giáo dục và Đào tạo"),
    ("LĐTBXH", "Lao động - Thương binh và Xã hội"),
    ("TNMT", "Tài nguyên và Môi trường"),
    ("NNPTNT", "Nông nghiệp và Phát triển nông thôn"),
    ("GTVT", "Giao thông vận tải"),
    ("TTTT", "Thông tin và Truyền thông"),
    ("VHTTDL", "Văn hóa, Thể thao và Du lịch"),
    ("KHĐT", "Kế hoạch và Đầu tư"),
    ("TP", "Thành phố"),
    ("TX", "Thị xã"),
]


def folded_key(abbreviation: str) -> str:
    return fold(re.sub(r"[^\w]", "", abbreviation))


def load_table() -> list[tuple[str, str]]:
    """(abbreviation, expansion) pairs from the admin's list, cached until edited."""
    table = cache.get(CACHE_KEY)
    if table is None:
        from search.models import Abbreviation

        table = list(Abbreviation.objects.values_list("abbreviation", "expansion"))
        cache.set(CACHE_KEY, table, 3600)
    return table


def forget_table(**kwargs) -> None:
    cache.delete(CACHE_KEY)


def expand(analysed: AnalysedQuery, raw_query: str, table=None) -> AnalysedQuery:
    """Add the other form of every abbreviation or expansion found in the query."""
    table = load_table() if table is None else table
    if not table or not analysed:
        return analysed
    typed_in_capitals = {fold(token) for token in re.findall(r"\w+", raw_query) if token.isupper()}
    query_sequence = " ".join(analysed_folded_sequence(raw_query))
    extra_folded: list[str] = []
    extra_pairs: list[str] = []
    for abbreviation, expansion in table:
        key = folded_key(abbreviation)
        expansion_folded = [fold(word) for word in syllables(expansion)]
        if not key or not expansion_folded:
            continue
        ambiguous = is_vietnamese_syllable(key)
        if key in analysed.folded and (not ambiguous or key in typed_in_capitals):
            extra_folded.extend(expansion_folded)
            extra_pairs.extend(pair_terms(expansion_folded))
        if f" {' '.join(expansion_folded)} " in f" {query_sequence} ":
            extra_folded.append(key)
    if not extra_folded:
        return analysed
    return replace(
        analysed,
        folded=list(dict.fromkeys(analysed.folded + extra_folded)),
        pairs=list(dict.fromkeys(analysed.pairs + extra_pairs)),
    )


def analysed_folded_sequence(text: str) -> list[str]:
    return [fold(word) for word in syllables(text)]
