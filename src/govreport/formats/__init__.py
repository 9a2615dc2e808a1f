"""The built-in format plugins. Each registers through the ``govreport.formats`` entry
point in govreport's pyproject.toml, exactly as a third-party plugin would.

Importing a submodule such as ``govreport.formats.text`` makes Python set the package
attribute ``govreport.formats`` to this package, which would hide the function
:func:`govreport.formats` that lists the installed plugins. The package is therefore
callable and does the same, so ``govreport.formats()`` works whichever is bound.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govreport.plugins import FormatInfo


class _CallablePackage(types.ModuleType):
    def __call__(self) -> list[FormatInfo]:
        from govreport.plugins import formats

        return formats()


sys.modules[__name__].__class__ = _CallablePackage
