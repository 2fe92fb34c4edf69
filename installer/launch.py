"""PyInstaller entry point: the same `extradesk` command, GUI when given no sub-command.

A big supplier catalogue is read by child processes started as this executable with
catalogue_read.CHILD_FLAG (a bundled app has no `python -m`).
"""

import sys

if __name__ == "__main__":
    if sys.argv[1:] == ["--catalogue-reader"]:
        from extradesk.services.catalogues.read import child_main

        child_main()
        sys.exit(0)
    from extradesk.cli import main

    sys.exit(main())
