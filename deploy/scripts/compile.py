"""Compile the extractor's reading modules with mypyc into .local/compiled/<python>/.

`make` runs this before `run`, `test`, `bench`, `eval`, `chaos` and `fuzz` whenever a source
changed. The compiled modules read about twice as fast as the sources and give the same
findings (tests/unit/test_compiled.py). The build records the digest of the sources it was made
from; services/extractor/__init__.py uses it only while that digest still holds.
Without a C compiler or Python's headers this says so and leaves the extractor pure
Python; with both, a failed build fails the command (it is a bug to fix, not a fallback).
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import shutil
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from services.extractor import NATIVE, build_dir, sources_digest  # noqa: E402


def missing_tools() -> str | None:
    """Why this machine cannot build the extractor, or None when it can."""
    # the compiler setuptools will call: $CC if set, else the one Python was built with
    compiler = shlex.split(os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc")[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler})"
    headers = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if not headers.is_file():
        return f"no Python headers ({headers})"
    return None


def main() -> int:
    missing = missing_tools()
    if missing is not None:
        print(f"compile: {missing}: the extractor runs as pure Python")
        return 0
    import setuptools  # noqa: F401  (mypyc builds with setuptools when it is imported)
    from mypyc.build import mypycify
    from setuptools import setup

    target = build_dir()
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="build-", dir=target.parent))
    digest = sources_digest()
    paths = [str(ROOT / "services" / "extractor" / f"{name}.py") for name in NATIVE]
    os.chdir(ROOT)  # mypy type-checks with the project's [tool.mypy] settings
    notes = io.StringIO()
    try:
        with contextlib.redirect_stdout(notes):  # mypyc's optimisation notes: noise here
            extensions = mypycify(
                paths,
                only_compile_paths=paths,
                opt_level="3",
                group_name="services.extractor.native",  # its runtime beside the modules
                target_dir=str(work / "c"),
            )
    except BaseException:
        print(notes.getvalue(), end="")
        raise
    os.chdir(work)  # setuptools would read the project's pyproject.toml in ROOT
    staged = work / "lib"
    setup(
        name="peacewatch-extractor-native",
        ext_modules=extensions,
        script_args=["-q", "build_ext", "--build-lib", str(staged), "--build-temp", "o"],
    )
    (staged / "SOURCES").write_text(digest + "\n")
    shutil.rmtree(target, ignore_errors=True)
    staged.rename(target)
    shutil.rmtree(work)
    print(f"compile: {', '.join(NATIVE)} -> {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
