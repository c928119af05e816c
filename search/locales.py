"""Which content language an object is written in.

Pages and translatable snippets carry a Wagtail locale; everything else
(images, documents) is taken to be in the default language, Vietnamese.
"""

import functools

from django.conf import settings
from wagtail.models import Locale


def default_language() -> str:
    return settings.LANGUAGE_CODE


def language_of(obj) -> str:
    """The language code of the object's locale, or the default language."""
    locale_id = getattr(obj, "locale_id", None)
    if locale_id is None:
        return default_language()
    return locale_language(locale_id) or default_language()


@functools.lru_cache(maxsize=64)
def locale_language(locale_id: int) -> str | None:
    """A locale's language code, remembered: a rebuild of the whole index asks the
    database once per locale, not once per object (forgotten when locales change)."""
    return Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first()


def forget_locales(**kwargs) -> None:
    locale_language.cache_clear()
