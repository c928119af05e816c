"""Turn configuration and connection failures at start-up into one readable line.

Operators read these in a container log: "SECRET_KEY is not set" helps, a
forty-line traceback ending in the same words does not.
"""

import sys

from django.core.exceptions import ImproperlyConfigured

# Django's own deploy check (security.W009) asks for as much; the key signs sessions,
# password resets and preview tokens, so a guessable one lets anyone forge them.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5
# Values shipped in this repository's examples: copying one into production is the mistake.
PLACEHOLDER_SECRET_KEYS = {
    "change-me",
    "change-me-to-a-long-random-value",
    "a-long-random-string",
    "build-only",
    "secret",
    "test-only-secret-key",
    "django-insecure-dev-only-never-in-production",
}


def refuse_weak_secret_key(key: str) -> None:
    """Raise ImproperlyConfigured (one line, naming SECRET_KEY) for a placeholder or short key."""
    advice = 'generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'
    if key.strip().lower() in PLACEHOLDER_SECRET_KEYS or key.startswith("django-insecure"):
        raise ImproperlyConfigured(f"SECRET_KEY is a known placeholder; {advice}")
    if len(key) < SECRET_KEY_MIN_LENGTH or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS:
        raise ImproperlyConfigured(
            f"SECRET_KEY is too weak ({len(key)} characters, at least "
            f"{SECRET_KEY_MIN_LENGTH} needed); {advice}"
        )


def describe_database() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"SQLite file {db['NAME']}"
    return f"{db.get('HOST') or 'localhost'}:{db.get('PORT') or 'default port'}"


def run_or_explain(argv: list[str]) -> None:
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        execute_from_command_line(argv)
    except ImproperlyConfigured as error:
        message = " ".join(str(error).split())
        if "SECRET_KEY" in message and not message.startswith("SECRET_KEY "):
            message = "SECRET_KEY is not set: production settings need their own secret key"
        sys.exit(f"error: {message}")
    except OperationalError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
        sys.exit(f"error: database unreachable at {describe_database()} ({first_line})")
