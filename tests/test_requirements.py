"""The lock files that `make lock` writes: servers install only production's packages, and the
development set pins those at the same versions, so what the tests ran is what servers run."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", re.MULTILINE)


def pins(name):
    text = (ROOT / "requirements" / name).read_text()
    return {canonicalize_name(package): version for package, version in PIN.findall(text)}


def declared(names):
    return {canonicalize_name(Requirement(spec).name) for spec in names}


def test_every_pin_carries_a_hash():
    for name in ("production.txt", "development.txt"):
        text = (ROOT / "requirements" / name).read_text()
        for block in re.split(r"\n(?=\S)", text):
            if PIN.match(block):
                assert "--hash=sha256:" in block, f"{name}: {block.splitlines()[0]} has no hash"


def test_production_pins_no_development_tool_and_development_pins_the_same_versions():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    production, development = pins("production.txt"), pins("development.txt")

    assert declared(project["project"]["dependencies"]) <= production.keys()
    assert declared(project["dependency-groups"]["dev"]).isdisjoint(production)
    assert {name: development.get(name) for name in production} == production
