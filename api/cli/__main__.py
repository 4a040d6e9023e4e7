"""``python -m api.cli``: the same as the ``armsgraph`` script."""

from . import main

main()
