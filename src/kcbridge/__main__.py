"""``python -m kcbridge`` runs the command-line interface (the same as ``kcbridge``)."""

from kcbridge.cli import main

if __name__ == "__main__":
    main()
