"""This folder is the nnlesson *repository*; the package is the folder ``nnlesson/`` inside it.

``git clone`` names the repository folder ``nnlesson`` too, so Python started in the folder *above* the
clone finds this folder first when it imports ``nnlesson``.  Without this file it would import it as an
empty namespace package (``AttributeError: module 'nnlesson' has no attribute 'MLP'``).  With it, the
import hands over to the real package: the same modules, the same objects.
"""

import os as _os

__path__ = [_os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "nnlesson")]
__file__ = _os.path.join(__path__[0], "__init__.py")
with open(__file__, encoding="utf-8") as _source:
    exec(compile(_source.read(), __file__, "exec"))  # noqa: S102 - the package's own __init__
del _os, _source
