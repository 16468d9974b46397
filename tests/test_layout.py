"""The house: every module imports on its own, module-level imports form no cycle, and
each package says what lives in it."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

LINT = Path(__file__).resolve().parent.parent / "lint"


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(LINT.rglob("*.py")):
        parts = path.relative_to(LINT.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def module_level_imports(name: str, path: Path, known: dict) -> set[str]:
    """The lint modules whose names this module needs when it is imported (imports
    inside functions are deferred on purpose and do not count)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    needed = set()
    for node in ast.parse(path.read_text("utf-8")).body:
        if isinstance(node, ast.Import):
            needed |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                needed.add(submodule if submodule in known else base)
    return {m for m in needed if m in known and m != name}


def test_module_level_imports_form_no_cycle():
    known = modules()
    graph = {name: module_level_imports(name, path, known) for name, path in known.items()}
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for other in sorted(graph[name]):
            if state.get(other) == "open":
                cycle = trail[trail.index(other):] + [other] if other in trail else [name, other]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if other not in state:
                visit(other, trail + [other])
        state[name] = "done"

    for name in graph:
        if name not in state:
            visit(name, [name])


def test_every_module_imports_alone():
    script = ("import importlib, subprocess, sys\n"
              "failed = [m for m in sys.argv[1:] if subprocess.run([sys.executable, '-c', f'import {m}'],"
              " capture_output=True).returncode]\n"
              "print(' '.join(failed))\n")
    names = [name for name in modules() if not name.endswith("__main__")]
    done = subprocess.run([sys.executable, "-c", script, *names], capture_output=True, text=True, timeout=300,
                          cwd=LINT.parent)
    assert done.stdout.strip() == "", f"modules that fail to import alone: {done.stdout}"


def test_every_package_says_what_lives_in_it():
    for init in LINT.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text("utf-8")))
        assert doc and len(doc) > 40, f"{init.relative_to(LINT.parent)} needs a docstring naming its job"
