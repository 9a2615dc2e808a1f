"""govreport's log, without importing the logging module (3.6 ms of every start).

The library logs through ``logging.getLogger("govreport")`` (docs/guide.md, "Logging"):
:data:`log` hands each record to that logger whenever the logging module is imported,
and drops it otherwise. Nothing is lost: an application that configures logging has
imported it, and one that has not would see nothing, as the logger has a NullHandler.

The command line shows the log on stderr (:func:`to_stream`). When nothing has imported
the logging module it writes the lines itself, in the format its handler would use.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    import logging

NAME = "govreport"
# logging's levels
DEBUG, INFO, WARNING, ERROR = 10, 20, 30, 40


class Log:
    """The methods of a :class:`logging.Logger` that govreport uses."""

    def __init__(self) -> None:
        self._logger: logging.Logger | None = None
        #: where the command line shows lines at or above a level, while it runs
        self._stream: tuple[TextIO, int] | None = None

    def debug(self, text: str, *args: object) -> None:
        self._log(DEBUG, text, args)

    def info(self, text: str, *args: object) -> None:
        self._log(INFO, text, args)

    def warning(self, text: str, *args: object) -> None:
        self._log(WARNING, text, args)

    def isEnabledFor(self, level: int) -> bool:  # logging's name
        """Whether a record of ``level`` would go anywhere (worth making its text)."""
        if self._stream is not None and level >= self._stream[1]:
            return True
        logger = self.logger()
        return logger is not None and logger.isEnabledFor(level)

    def _log(self, level: int, text: str, args: tuple[object, ...]) -> None:
        if self._stream is not None and level >= self._stream[1]:
            print(f"{NAME}: {text % args}", file=self._stream[0])
        logger = self.logger()
        if logger is not None and logger.isEnabledFor(level):
            logger.log(level, text, *args, stacklevel=3)  # the record names the caller

    def logger(self) -> logging.Logger | None:
        """The ``govreport`` logger, once anything has imported the logging module."""
        if self._logger is None:
            logging = sys.modules.get("logging")
            if logging is None or not hasattr(logging, "NullHandler"):  # not (yet) whole
                return None
            logger = logging.getLogger(NAME)
            # silent unless the application configures logging
            logger.addHandler(logging.NullHandler())
            self._logger = logger
        return self._logger

    def to_stream(self, stream: TextIO | None, level: int = WARNING) -> None:
        """Show records at or above ``level`` on ``stream`` as ``govreport: text``
        (``None``: stop). Only for a process in which nothing has imported logging:
        otherwise a handler on :meth:`logger` does it."""
        self._stream = None if stream is None else (stream, level)


#: The one log of the library.
log = Log()
