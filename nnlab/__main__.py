"""``python -m nnlab``."""
import sys

from nnlab.cli import main

sys.exit(main())
