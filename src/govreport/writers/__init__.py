"""Writers: a :class:`~govreport.Report` printed as the official template, in each format.

Each module here turns the plan of :mod:`govreport.writers.grid` into one format;
the format plugins' ``write`` methods call them, so ``govreport.dumps`` reaches them
the same way it reaches a third-party plugin's writer.
"""

from __future__ import annotations
