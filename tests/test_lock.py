"""The lock files in requirements/ are current with pyproject.toml (``bash scripts/lock.sh`` rewrites them).

scripts/setup.sh syncs .venv/ to requirements/main.txt (or all.txt), so a dependency that pyproject.toml
declares but the lock does not pin, or pins at a version outside the declared range, would never be
installed as declared. Offline: the files are read, no registry is asked.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
LOCKS = REPO / "requirements"
# lock file -> the extras of pyproject.toml it covers (besides the runtime dependencies)
EXTRAS = {"main.txt": ("test", "dev"), "all.txt": ("test", "dev", "train", "places")}
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(?P<version>[^\s;\\]+)")


def read_lock(name: str) -> dict[str, dict]:
    """Each pinned package of ``requirements/NAME``: its versions (one per marker), hashes and ``# via``."""
    pins: dict[str, dict] = defaultdict(lambda: {"versions": set(), "hashes": 0, "via": set()})
    current = None
    for line in (LOCKS / name).read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line):
            current = pins[canonicalize_name(match["name"])]
            current["versions"].add(Version(match["version"]))
        elif current is not None and line.strip().startswith("--hash=sha256:"):
            current["hashes"] += 1
        elif current is not None and (via := re.match(r"^\s+# (?:via)?\s+(\S.*)$", line)):
            current["via"].add(via[1].split(" (")[0])
        elif line and not line.startswith(" "):
            current = None
    return dict(pins)


def declared(extras: tuple[str, ...]) -> list[Requirement]:
    project = PYPROJECT["project"]
    names = [*project["dependencies"], *(r for extra in extras for r in project["optional-dependencies"][extra])]
    return [Requirement(r) for r in names]


@pytest.mark.parametrize("lock", sorted(EXTRAS))
def test_lock_pins_every_declared_dependency_inside_its_range(lock):
    pins = read_lock(lock)
    for requirement in declared(EXTRAS[lock]):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not in requirements/{lock}: run bash scripts/lock.sh"
        for version in pins[name]["versions"]:
            assert requirement.specifier.contains(version, prereleases=True), \
                f"requirements/{lock} pins {name}=={version}, outside {requirement}: run bash scripts/lock.sh"


@pytest.mark.parametrize("lock", sorted(EXTRAS))
def test_lock_pins_nothing_for_a_dependency_pyproject_dropped(lock):
    names = {canonicalize_name(r.name) for r in declared(EXTRAS[lock])}
    for name, pin in read_lock(lock).items():
        if "marsad" in pin["via"]:
            assert name in names, f"requirements/{lock} pins {name} for marsad, which no longer declares it"


@pytest.mark.parametrize("lock", ["main.txt", "all.txt", "uv.txt", "build.txt"])
def test_every_pin_has_its_file_hashes(lock):
    pins = read_lock(lock)
    assert pins
    for name, pin in pins.items():
        assert pin["hashes"] >= 1, f"requirements/{lock}: {name} has no --hash"


def test_main_lock_installs_the_package_itself():
    text = (LOCKS / "main.txt").read_text(encoding="utf-8")
    assert "\n-e .\n" in text and "bash scripts/lock.sh" in text.split("\n", 2)[1]


def test_all_lock_keeps_the_versions_of_the_main_lock():
    main, everything = read_lock("main.txt"), read_lock("all.txt")
    for name, pin in main.items():
        assert everything.get(name, {}).get("versions") == pin["versions"], name


def test_bootstrap_uv_is_the_uv_the_lock_pins():
    # setup.sh installs requirements/uv.txt with pip, then uv syncs main.txt (which must keep that uv).
    assert read_lock("uv.txt")["uv"]["versions"] == read_lock("main.txt")["uv"]["versions"]
    exact = [r for r in declared(("dev",)) if r.name == "uv"]
    assert [str(s.operator) for r in exact for s in r.specifier] == ["=="]


def test_build_backend_is_locked_inside_its_range():
    pins = read_lock("build.txt")
    for requirement in map(Requirement, PYPROJECT["build-system"]["requires"]):
        versions = pins[canonicalize_name(requirement.name)]["versions"]
        assert versions and all(requirement.specifier.contains(v) for v in versions), requirement
