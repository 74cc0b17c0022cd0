"""`python -m blamefree` runs the command-line interface."""

from blamefree.cli.app import main

main()
