"""``python -m mineralgraph`` runs the CLI."""

from mineralgraph.cli import main

main()
