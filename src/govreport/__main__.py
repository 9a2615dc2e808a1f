"""The command line as a process: the ``govreport`` script and ``python -m govreport``.

:func:`govreport.cli.main` runs a command; this module starts and ends the process
around it, cheaper than Python would by itself: the collector does not run while
the command's modules are imported (every object they make lives until the process
ends; its passes over them were 5 ms of a 0.1 s ``show``), and when nothing is left
to do at exit, the process ends without freeing each of those objects (3.5 ms more).
"""

from __future__ import annotations

import gc
import os
import sys


def main() -> int:
    """Run the command line on ``sys.argv``; returns its exit status when the process
    must end the ordinary way (see :func:`_end`)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        from govreport.cli import main as run
    finally:
        if collecting:
            gc.enable()
    status = run()  # reading sys.argv, it freezes what the imports made (cli.main)
    _end(status)
    return status


def _end(status: int) -> None:
    """End the process now, with ``status``, when nothing is left for Python's exit to
    do: no exit handler registered (a dependency's, logging's, a process pool's) and no
    other thread. Otherwise return, and the caller exits the ordinary way."""
    import atexit
    import threading

    handlers = getattr(atexit, "_ncallbacks", None)  # CPython's; elsewhere, exit as usual
    if handlers is None or handlers() or threading.active_count() > 1:
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return  # the ordinary exit reports it
    os._exit(status)


if __name__ == "__main__":
    sys.exit(main())
