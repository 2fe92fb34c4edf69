"""Entry point for `python -m extradesk`."""

from extradesk.cli import main

raise SystemExit(main())
