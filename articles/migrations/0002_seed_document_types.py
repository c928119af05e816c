"""Seed the national document types (Nghị định 30/2020/NĐ-CP, Phụ lục III; Quy định 66-QĐ/TW).

Editors may rename, reorder or add to them afterwards; the codes are what
document numbers carry.
"""

import uuid

from django.db import migrations

DOCUMENT_TYPES = [
    ("Chỉ thị", "CT"),
    ("Quyết định", "QĐ"),
    ("Nghị quyết", "NQ"),
    ("Kế hoạch", "KH"),
    ("Công văn", "CV"),
    ("Thông báo", "TB"),
    ("Hướng dẫn", "HD"),
    ("Báo cáo", "BC"),
    ("Thông tư", "TT"),
    ("Nghị định", "NĐ"),
    ("Luật", "L"),
    ("Pháp lệnh", "PL"),
    ("Kết luận", "KL"),
    ("Quy định", "QyĐ"),
    ("Chương trình", "CTr"),
    ("Đề án", "ĐA"),
    ("Tờ trình", "TTr"),
    ("Văn bản hợp nhất", "VBHN"),
]


def seed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    DocumentType = apps.get_model("articles", "DocumentType")
    locale = Locale.objects.order_by("pk").first()
    if locale is None:
        locale = Locale.objects.create(language_code="vi")
    for order, (name, code) in enumerate(DOCUMENT_TYPES, start=1):
        DocumentType.objects.get_or_create(
            code=code,
            locale=locale,
            defaults={"name": name, "sort_order": order * 10, "translation_key": uuid.uuid4()},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
