"""Which content language an object is written in, and which languages exist.

Pages and translatable snippets carry a Wagtail locale; everything else
(images, documents) is taken to be in the default language, Vietnamese.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from wagtail.coreutils import get_content_languages
from wagtail.models import Locale

# Locale id → language code, filled as objects are indexed: a rebuild of the whole
# index asks the database once per locale, not once per object.
_codes: dict[int, str] = {}


def default_language() -> str:
    return settings.LANGUAGE_CODE


def language_of(obj) -> str:
    """The language code of the object's locale, or the default language."""
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return default_language()
    if locale_id not in _codes:
        code = Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first()
        if code is None:
            return default_language()
        _codes[locale_id] = code
    return _codes[locale_id]


def content_locales() -> list[str]:
    """Language codes of the locales content can be written in, default first."""
    enabled = get_content_languages()
    codes = Locale.objects.filter(language_code__in=enabled).values_list("language_code", flat=True)
    return sorted(codes, key=lambda code: (code != default_language(), list(enabled).index(code)))


def forget_locales(**kwargs) -> None:
    _codes.clear()


post_save.connect(forget_locales, sender=Locale, dispatch_uid="vnsearch-locale-saved")
post_delete.connect(forget_locales, sender=Locale, dispatch_uid="vnsearch-locale-deleted")
