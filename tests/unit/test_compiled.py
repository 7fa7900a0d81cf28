"""The compiled extractor (mypyc, `make compile`) reads exactly as its sources do, and a
build is never used once the sources it was made from have changed."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

import services.extractor as extractor
from services.settings import PURE_PYTHON_VAR

ROOT = Path(__file__).resolve().parents[2]

# every finding and claim of every labelled set, as one JSON document
READ_ALL = """
import json
from pathlib import Path
import services.extractor as extractor
from services.evaluation import article
from services.extractor.rules import extract, read_sentences
from services.registry import load_registry
registry = load_registry(Path("deploy/registry"))
out = {"compiled": extractor.COMPILED, "read": []}
for path in sorted(Path("tests/data").glob("*.jsonl")):
    for line in path.read_text().splitlines():
        item = json.loads(line)
        out["read"].append([list(f) for f in read_sentences(item["text"], registry)])
        claims = extract(article(item, path.stem), registry)
        out["read"].append([c.model_dump(mode="json") for c in claims])
print(json.dumps(out))
"""


def run_python(
    script: str, *args: str, cwd: Path = ROOT, pure: bool = False, path: Path | None = None
) -> dict[str, Any]:
    """A script's JSON output, run by this Python in a fresh process: ``pure`` sets the
    pure-Python switch (unset otherwise), ``path`` goes first on PYTHONPATH."""
    env = {k: v for k, v in os.environ.items() if k != PURE_PYTHON_VAR}
    if pure:
        env[PURE_PYTHON_VAR] = "1"
    if path is not None:
        env["PYTHONPATH"] = str(path)
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def read_all(pure: bool) -> dict[str, Any]:
    return run_python(READ_ALL, pure=pure)


def missing_tools() -> str | None:
    """deploy/scripts/compile.py's verdict on this machine (no C compiler, no headers)."""
    spec = importlib.util.spec_from_file_location("compile", ROOT / "deploy/scripts/compile.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    verdict: str | None = script.missing_tools()
    return verdict


def test_the_compiled_extractor_reads_every_labelled_set_as_its_sources_do(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Findings (sentence by sentence) and claims, byte for byte, over all labelled sets;
    where the machine can compile (`make test` builds first), the build is in use."""
    monkeypatch.delenv(PURE_PYTHON_VAR, raising=False)
    can_compile = missing_tools() is None
    assert (extractor.usable_build() is not None) == can_compile, (
        "no build of these sources: run `make compile`" if can_compile else "a build without tools"
    )
    compiled, sources = read_all(pure=False), read_all(pure=True)
    assert compiled["compiled"] is can_compile
    assert sources["compiled"] is False
    assert len(sources["read"]) > 1000  # two records for each of the ~600 labelled items
    assert compiled["read"] == sources["read"]


def test_a_build_is_used_only_while_its_sources_are_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No build, or a build from other sources, or PEACEWATCH_PURE_PYTHON: the sources."""
    monkeypatch.delenv(PURE_PYTHON_VAR, raising=False)
    for package in ("services", "schemas"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "module.py").write_text("VALUE = 1\n")
    assert extractor.usable_build(tmp_path) is None  # nothing built
    built = extractor.build_dir(tmp_path)
    built.mkdir(parents=True)
    (built / "SOURCES").write_text(extractor.sources_digest(tmp_path) + "\n")
    assert extractor.usable_build(tmp_path) == built / "services" / "extractor"
    (tmp_path / "schemas" / "module.py").write_text("VALUE = 2\n")  # an edit anywhere
    assert extractor.usable_build(tmp_path) is None
    (built / "SOURCES").write_text(extractor.sources_digest(tmp_path) + "\n")  # rebuilt
    assert extractor.usable_build(tmp_path) is not None
    monkeypatch.setenv(PURE_PYTHON_VAR, "1")
    assert extractor.usable_build(tmp_path) is None


# what the Docker image runs: the installed package, from wherever it is installed
READ_INSTALLED = """
import json, sys
from pathlib import Path
import services.extractor as extractor
from services.extractor.rules import read_sentences
from services.registry import load_registry
registry = load_registry(Path(sys.argv[1]) / "deploy" / "registry")
lines = (Path(sys.argv[1]) / "tests/data/dev.jsonl").read_text().splitlines()
texts = [json.loads(line)["text"] for line in lines]
print(json.dumps({
    "file": extractor.__file__,
    "compiled": extractor.COMPILED,
    "read": [[list(f) for f in read_sentences(text, registry)] for text in texts],
}))
"""


def test_an_installed_package_uses_the_build_placed_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Docker image's layout: the wheel installed into site-packages, the build copied to
    site-packages/.local/compiled (deploy/docker/Dockerfile). The wheel must carry exactly the
    sources the build was made from, or the image would quietly run them uncompiled."""
    monkeypatch.delenv(PURE_PYTHON_VAR, raising=False)
    can_compile = missing_tools() is None
    wheels, site, src = tmp_path / "wheels", tmp_path / "site-packages", tmp_path / "src"
    # what the image's build stage copies, built where it leaves the repository untouched
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for name in ("services", "schemas"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"),
            *("--wheel-dir", str(wheels), str(src)),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    (wheel,) = wheels.glob("peacewatch-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    if can_compile:  # `make test` has built it; the image builds it the same way
        built = extractor.build_dir(ROOT)
        shutil.copytree(built, extractor.build_dir(site))
    # the image does the same: compiles in its build stage, copies the build to where its
    # Python installs packages
    dockerfile = (ROOT / "deploy" / "docker" / "Dockerfile").read_text()
    assert "python deploy/scripts/compile.py" in dockerfile
    image_python = re.findall(r"^FROM python:(\d+\.\d+)-slim", dockerfile, re.M)
    assert len(set(image_python)) == 1, image_python
    assert (
        "COPY --from=build /src/.local/compiled "
        f"/usr/local/lib/python{image_python[0]}/site-packages/.local/compiled"
    ) in dockerfile
    installed = run_python(READ_INSTALLED, str(ROOT), cwd=tmp_path, path=site)
    assert Path(installed["file"]).is_relative_to(site)  # not the repository's sources
    assert installed["compiled"] is can_compile
    lines = (ROOT / "tests/data/dev.jsonl").read_text().splitlines()
    texts = [json.loads(line)["text"] for line in lines]
    from services.extractor.rules import read_sentences
    from services.registry import load_registry

    registry = load_registry(ROOT / "deploy" / "registry")
    here = [[list(f) for f in read_sentences(text, registry)] for text in texts]
    assert installed["read"] == json.loads(json.dumps(here))
