"""The claim extractor: text in, claims with provenance out. Pure: no I/O, no clock.

Its reading modules (``NATIVE``) may run compiled: ``make`` builds them with mypyc into
``.local/compiled/<python>/`` (deploy/scripts/compile.py), which reads about twice as fast.
A build is used only if it was made from exactly the ``services`` and ``schemas`` sources
beside it, so an edit runs the sources until the next build; ``PEACEWATCH_PURE_PYTHON=1``
runs the sources regardless. ``COMPILED`` says which one this process runs.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from services.settings import PURE_PYTHON_VAR
from services.settings import REPO_ROOT as ROOT

NATIVE = ("text", "vocabulary", "stance", "attribution", "issues", "rules")


def build_dir(root: Path = ROOT) -> Path:
    """Where the compiled modules for this Python live."""
    return root / ".local" / "compiled" / sys.implementation.cache_tag


def sources_digest(root: Path = ROOT) -> str:
    """One digest of every source a build depends on (the compiled modules check the types
    of what crosses into them, so a schema edit matters too)."""
    digest = hashlib.sha256()
    for path in sorted([*(root / "services").rglob("*.py"), *(root / "schemas").rglob("*.py")]):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def usable_build(root: Path = ROOT) -> Path | None:
    """The compiled modules' directory if a build made from these sources is there."""
    if os.environ.get(PURE_PYTHON_VAR):
        return None
    try:
        built_from = (build_dir(root) / "SOURCES").read_text().strip()
    except OSError:
        return None  # no build: no compiler on this machine, or not built yet
    if built_from != sources_digest(root):
        return None
    return build_dir(root) / "services" / "extractor"


_native = usable_build()
COMPILED = _native is not None
if _native is not None:
    __path__.insert(0, str(_native))  # the compiled modules shadow their sources
