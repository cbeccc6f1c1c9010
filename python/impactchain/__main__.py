"""``python -m impactchain`` runs the command-line interface."""

from impactchain.cli import main

raise SystemExit(main())
