"""`python -m renpu` runs the command line."""

from renpu.cli import main

main()
