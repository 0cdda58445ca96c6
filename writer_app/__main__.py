"""Entry point for ``python -m writer_app``."""

from writer_app.cli import main

raise SystemExit(main())
