"""Migrations stand still: a migration imports nothing of the portal's own code.

A migration runs the code it imports as that code is on the day it runs, not as it was when the migration
was written: a search function changed or a module moved would change or break what an old migration does.
So what a migration needs (its RunPython functions, the values it writes, the classes of its index
expressions) is copied into it, and its fields reference Django's own classes.
"""

import ast
from pathlib import Path

from django.conf import settings


def project_packages():
    """The top-level packages of this repository: the project package and every app."""
    return {path.parent.name for path in Path(settings.BASE_DIR).glob("*/__init__.py")}


def migration_files():
    return sorted(Path(settings.BASE_DIR).glob("*/migrations/[0-9]*.py"))


def project_imports(path, packages):
    """`module` for each import of the portal's own code in a migration file (relative imports included)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.split(".")[0] in packages]
        elif isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").split(".")[0] in packages):
            found.append("." * node.level + (node.module or ""))
    return found


def test_the_check_sees_every_migration_of_every_app():
    apps_with_migrations = {path.parent.parent.name for path in migration_files()}
    assert {"listings", "attractions", "villages", "routes", "ports", "events", "dashboard"} <= (apps_with_migrations)


def test_no_migration_imports_the_portals_code():
    packages = project_packages()
    offenders = {
        str(path.relative_to(settings.BASE_DIR)): imports
        for path in migration_files()
        if (imports := project_imports(path, packages))
    }
    assert offenders == {}
