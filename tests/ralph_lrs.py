"""Runs the Ralph LRS for the xAPI and cmi5 tests (tests/e2e/lrs.mjs starts and stops it).

    .venv-ralph/bin/python tests/ralph_lrs.py HOST PORT

Ralph's `fs` backend stores only the first write (ralph-malph 4.2 to 5.1): the LRS writes
with the default operation type, CREATE, which fails once the data file exists. Appending is
what an LRS of one file needs, so this sets it before starting Ralph's own app. Everything
else (authentication, CORS, data folder) comes from Ralph's RALPH_* environment variables.
"""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.data.fs import FSDataBackend

FSDataBackend.default_operation_type = BaseOperationType.APPEND

uvicorn.run("ralph.api:app", host=sys.argv[1], port=int(sys.argv[2]), log_level="warning")
