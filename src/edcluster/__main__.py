"""The ``edcluster`` console command: the platform's manage.py.

``edcluster demo``, ``edcluster migrate``, ``edcluster runserver`` and every capability's own
commands all go through Django's command machinery with the project's settings.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edcluster.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line([os.path.basename(sys.argv[0]) or "edcluster", *sys.argv[1:]])


if __name__ == "__main__":
    main()
