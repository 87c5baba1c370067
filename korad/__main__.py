"""``python -m korad``: the same as the ``korad`` command."""

from korad.cli import main

raise SystemExit(main())
