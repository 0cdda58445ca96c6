"""Entry point for ``python -m writer_app``."""

from writer_app.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
