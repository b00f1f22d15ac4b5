"""Every environment variable the site reads is in .env.example and in the one configuration table
(docs/operations.md, "Configuration"), and neither names a variable that nothing reads."""

import ast
import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SETTINGS = PROJECT / "newsroom" / "settings.py"
GUNICORN = PROJECT / "deploy" / "gunicorn.conf.py"
ENV_EXAMPLE = PROJECT / ".env.example"
OPERATIONS = PROJECT / "docs" / "operations.md"

# A line of .env.example that sets a variable, or shows how to (commented out).
ASSIGNMENT = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=", re.MULTILINE)
NAME_IN_CELL = re.compile(r"`([A-Z][A-Z0-9_]*)`")


def string(node):
    """The text of a string literal; None for anything else (a variable, a call)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def first_string(call):
    return string(call.args[0]) if call.args else None


def is_name(node, name):
    return isinstance(node, ast.Name) and node.id == name


def read_by_settings(source):
    """The names settings.py passes to django-environ: env("X"), env.int("X"), env.db("X")..."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        on_env = is_name(func, "env") or (
            isinstance(func, ast.Attribute) and is_name(func.value, "env")
        )
        if on_env and (name := first_string(node)):
            names.add(name)
    return names


def is_os_environ(node):
    return isinstance(node, ast.Attribute) and node.attr == "environ" and is_name(node.value, "os")


def read_by_gunicorn(source):
    """The names gunicorn.conf.py looks up: os.environ.get("X"), os.environ["X"], os.getenv("X")."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            func = node.func
            environ_get = func.attr == "get" and is_os_environ(func.value)
            getenv = func.attr == "getenv" and is_name(func.value, "os")
            if (environ_get or getenv) and (name := first_string(node)):
                names.add(name)
        elif (
            isinstance(node, ast.Subscript)
            and is_os_environ(node.value)
            and (name := string(node.slice))
        ):
            names.add(name)
    return names


def variables_read():
    return read_by_settings(SETTINGS.read_text()) | read_by_gunicorn(GUNICORN.read_text())


def variables_in_env_example():
    return set(ASSIGNMENT.findall(ENV_EXAMPLE.read_text()))


def configuration_table():
    """The variables named in the first column of docs/operations.md's "Configuration" table."""
    text = OPERATIONS.read_text()
    section = text.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in section.splitlines():
        if line.startswith("|"):
            names.update(NAME_IN_CELL.findall(line.split("|")[1]))
    return names


def test_the_variables_are_found_in_both_files_that_read_them():
    read = variables_read()

    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "PAGE_CACHE_SECONDS"} <= read
    assert {"GUNICORN_BIND", "GUNICORN_WORKERS", "GUNICORN_MAX_REQUESTS"} <= read


def test_every_variable_the_site_reads_is_in_env_example():
    missing = variables_read() - variables_in_env_example()

    assert not missing, f".env.example lacks {sorted(missing)}"


def test_every_variable_the_site_reads_is_in_the_configuration_table():
    missing = variables_read() - configuration_table()

    assert not missing, f'docs/operations.md, "Configuration", lacks {sorted(missing)}'


def test_env_example_names_no_variable_the_site_does_not_read():
    unread = variables_in_env_example() - variables_read()

    assert not unread, f".env.example names {sorted(unread)}, which nothing reads"


def test_the_configuration_table_names_no_variable_the_site_does_not_read():
    unread = configuration_table() - variables_read()

    assert not unread, f"docs/operations.md's table names {sorted(unread)}, which nothing reads"
