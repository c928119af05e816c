"""The request parameters every endpoint shares, parsed one way.

- `parse_locale`: the one locale rule. Every endpoint answers in the site's default
  language (LANGUAGE_CODE) unless the request asks for another with `locale`; a code
  that is not one of WAGTAIL_CONTENT_LANGUAGES is a 400. So `/api/pages/` without
  `locale` lists the default language's pages only, as search, menus and feeds do.
- `page_model`: a page type named as `app_label.ModelName`, among Wagtail's page models.
- `known_parameters_only`: ninja ignores query parameters it does not declare; a
  frontend's typo (`?loacle=en`) deserves a 400 naming it, on every operation.

NUL characters are handled once, before any view, by `api.errors.ApiInputMiddleware`.
"""

import functools
from collections.abc import Callable
from typing import Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, get_page_models

from api.problems import BadParameter

LOCALE_DESCRIPTION = (
    "Language code, one of the site's content languages (vi, en, km). Without it, the "
    "site's default language (vi): no endpoint mixes languages unless asked."
)


def content_language_codes() -> list[str]:
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


# The codes as a type: an enum in OpenAPI, so a typed client offers only valid values
# (anything else is still parse_locale's 400).
LanguageCode = Literal[tuple(content_language_codes())]


def default_language_code() -> str:
    """The default locale's code, as Wagtail's `Locale.get_default()` finds it (no query)."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def parse_locale(code: str | None, parameter: str = "locale") -> str:
    """The language code a request asks for, or the default one; unknown codes are a 400."""
    if not code:
        return default_language_code()
    codes = content_language_codes()
    if code not in codes:
        raise BadParameter(parameter, f"Unknown locale {code!r}; valid values: {', '.join(codes)}")
    return code


def requested_locale(code: str | None, parameter: str = "locale") -> Locale | None:
    """The Locale row of the language `parse_locale` finds; None while that language has
    no Locale row yet (nothing was ever written in it)."""
    return Locale.objects.filter(language_code=parse_locale(code, parameter)).first()


def page_type_name(model: type[Page]) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def page_types() -> dict[str, type[Page]]:
    """Every concrete page type by its `app_label.ModelName` (Wagtail's base Page excluded)."""
    return {page_type_name(model): model for model in get_page_models() if model is not Page}


def page_model(value: str, parameter: str = "type") -> type[Page]:
    """The page type `value` names (`articles.ArticlePage`); anything else is a 400."""
    models = page_types()
    model = models.get(value)
    if model is None:
        valid = ", ".join(sorted(models))
        raise BadParameter(parameter, f"Unknown page type {value!r}; valid values: {valid}")
    return model


def declared_query_parameters(operation) -> set[str]:
    """The query parameter names a ninja operation declares (a Query schema's fields flattened)."""
    names: set[str] = set()
    for model in operation.models:
        if getattr(model, "__ninja_param_source__", None) == "query":
            names.update(getattr(model, "__ninja_flatten_map__", None) or model.model_fields)
    return names


def unknown_parameter_error(request: HttpRequest, allowed: set[str]) -> BadParameter | None:
    unknown = sorted(set(request.GET) - allowed)
    if not unknown:
        return None
    valid = ", ".join(sorted(allowed)) or "none"
    return BadParameter(unknown[0], f"Unknown parameter {unknown[0]!r}; valid parameters: {valid}")


def known_parameters_only(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Ninja "view"-mode decorator (`api.add_decorator`): unknown query parameters are a 400.

    It wraps the operation's `run`, so the check happens before any parameter is parsed,
    with the names the operation declares, and its error goes through the API's handlers.
    """
    operation = run.__self__
    allowed = declared_query_parameters(operation)

    @functools.wraps(run)
    def checked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        error = unknown_parameter_error(request, allowed)
        if error is not None:
            return operation.api.on_exception(request, error)
        return run(request, *args, **kwargs)

    return checked
