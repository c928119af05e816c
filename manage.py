#!/usr/bin/env python
"""Django's command-line utility, with start-up errors reduced to one line."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    from cms.startup import run_or_explain

    run_or_explain(sys.argv)


if __name__ == "__main__":
    main()
