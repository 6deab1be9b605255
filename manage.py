#!/usr/bin/env python
"""Django's command-line utility.

``site/`` holds the project's code but can never be imported as a package
named ``site`` (that name belongs to the standard library module Python
imports at start-up). So ``site/`` is a source root instead: it goes on
``sys.path`` here, in ``config/wsgi.py``/``asgi.py`` via gunicorn.conf.py and in
pytest's ``pythonpath``, and its packages (``config``, ``accounts``, ``core``,
``home``) are imported by their own names.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def main():
    sys.path.insert(0, str(ROOT / "site"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
