"""Entry point for `python -m extradesk`."""

from extradesk.cli import main

if __name__ == "__main__":  # a "spawn" child process imports this module again
    raise SystemExit(main())
