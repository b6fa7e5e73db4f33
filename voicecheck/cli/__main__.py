"""`python -m voicecheck.cli`."""

import sys

from . import main

sys.exit(main())
