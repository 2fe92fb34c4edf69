"""PyInstaller entry point: the same `extradesk` command, GUI when given no sub-command."""

import sys

from extradesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
