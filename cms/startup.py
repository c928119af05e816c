"""Turn configuration and connection failures at start-up into one readable line.

Operators read these in a container log: "SECRET_KEY is not set" helps, a
forty-line traceback ending in the same words does not.
"""

import sys

from django.core.exceptions import ImproperlyConfigured


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
        if "SECRET_KEY" in message:
            message = "SECRET_KEY is not set: production settings need their own secret key"
        sys.exit(f"error: {message}")
    except OperationalError as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
        sys.exit(f"error: database unreachable at {describe_database()} ({first_line})")
