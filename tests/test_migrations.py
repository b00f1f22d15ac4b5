"""Migrations import no live code of the project: what they did must not change when the code
does. They copy what they need, or share it from an earlier migration."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PACKAGES = {"articles", "comments", "newsroom"}
# A field's validator is written into a migration as its import path, by makemigrations.
VALIDATORS = {"articles.models"}
MIGRATIONS = sorted(ROOT.glob("*/migrations/[0-9]*.py"))


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


@pytest.mark.parametrize("path", MIGRATIONS, ids=lambda path: f"{path.parts[-3]}/{path.stem}")
def test_a_migration_imports_nothing_of_the_project_but_field_validators(path):
    project_imports = {
        module for module in imported_modules(path) if module.partition(".")[0] in PROJECT_PACKAGES
    }

    assert project_imports <= VALIDATORS
