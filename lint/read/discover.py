"""Which files are drafts: files named on the command line are checked as given (unless
`force-exclude`); directories are walked for files matching `include`, leaving out
what `exclude` + `extend-exclude` name and, as git would, what `.gitignore` files (in a
git repository), `.ignore` files and `.git/info/exclude` ignore. Hidden files and
directories are never walked into.

Patterns are globs. One without a slash matches a file or directory name at any depth
below the configuration's directory (`README*`, `archive`); one with a slash matches
the path relative to the directory of the configuration file that has it, or any
directory above the file (`drafts/old/**`): the configuration anchors it there
(anchored()), so a pattern inherited through `extend` keeps its meaning. The default
excludes (DEFAULT_EXCLUDE) match names without regard to case.
"""
from __future__ import annotations

import fnmatch
import os
import re
from functools import cached_property
from pathlib import Path

from lint.read import DRAFT_SUFFIXES
from lint.record import record

DEFAULT_INCLUDE = tuple(f"*{suffix}" for suffix in DRAFT_SUFFIXES)
# What every repository has beside the drafts: its own documents and tooling.
DEFAULT_EXCLUDE = (
    "README*", "LICENSE*", "LICENCE*", "COPYING*", "NOTICE*", "CHANGELOG*", "CHANGES*", "HISTORY*", "NEWS*",
    "CONTRIBUTING*", "CODE_OF_CONDUCT*", "SECURITY*", "AUTHORS*", "CITATION*", "requirements*.txt",
    "constraints*.txt", "robots.txt", "node_modules", "venv", "__pycache__", "site-packages", "build", "dist",
    "*.egg-info",
)
IGNORE_FILES = (".gitignore", ".ignore")


@record(frozen=True)
class Selection:
    root: Path = Path(".")  # what relative patterns are relative to (the configuration's directory)
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    force_exclude: bool = False

    def excluded(self, path: Path) -> bool:
        """Whether exclude or extend-exclude names the path (or a directory above it)."""
        absolute = os.path.abspath(path)
        folder, name = os.path.split(absolute)
        return self.excluded_in(folder, name, absolute)

    def excluded_in(self, folder: str, name: str, absolute: str) -> bool:
        """excluded() of `absolute`, which is `name` in the absolute `folder` (a walk
        knows them: not worked out again for every file)."""
        if absolute == self._root:
            name = "."  # the root as a path relative to itself
        return self._folder_excluded(folder) or self._names(absolute, name, always=True)

    def _folder_excluded(self, folder: str) -> bool:
        """Whether the folder or one above it is excluded: asked once a folder, for a
        walk asks it of every file there."""
        known = self._folders.get(folder)
        if known is None:
            parent, name = os.path.split(folder)
            known = parent != folder and (self._folder_excluded(parent) or self._names(folder, name, always=False))
            self._folders[folder] = known
        return known

    def _names(self, absolute: str, name: str, always: bool) -> bool:
        """One step of the path: its name (counted below the root only, unless `always`)
        against the patterns without a slash, its absolute path against the others."""
        below = always or absolute.startswith(self._root_prefix)
        posix = absolute if os.sep == "/" else absolute.replace(os.sep, "/")
        return any((below and m.name(name)) or m.path(posix) for m in self._matchers)

    def included(self, name: str) -> bool:
        return bool(self._include.match(name.lower()))

    @cached_property
    def _root(self) -> str:
        return os.path.abspath(self.root)

    @cached_property
    def _root_prefix(self) -> str:
        return os.path.join(self._root, "")

    @cached_property
    def _folders(self) -> dict[str, bool]:
        return {}

    @cached_property
    def _include(self) -> re.Pattern:
        return re.compile("|".join(fnmatch.translate(p.lower()) for p in self.include) or "(?!)")

    @cached_property
    def _matchers(self) -> list:
        ignore_case = self.exclude == DEFAULT_EXCLUDE
        return [m for m in (glob_matcher(self.exclude, ignore_case), glob_matcher(self.extend_exclude)) if m]


def anchored(pattern: str, folder: Path) -> str:
    """A pattern with a slash, made absolute at the folder its configuration is in."""
    if "/" not in pattern.rstrip("/"):
        return pattern
    return Path(os.path.abspath(folder)).as_posix().rstrip("/") + "/" + pattern.lstrip("/")


class GlobMatcher:
    """One test for a list of globs, given a path's names below the root and its
    absolute path's parts: names against the patterns without a slash, the absolute
    path and its parent directories against the (anchored) others."""

    def __init__(self, patterns, ignore_case: bool = False):
        flags = re.IGNORECASE if ignore_case else 0
        names = [fnmatch.translate(p.rstrip("/")) for p in patterns if "/" not in p.rstrip("/")]
        paths = [fnmatch.translate(p.rstrip("/")) for p in patterns if "/" in p.rstrip("/")]
        self._name = re.compile("|".join(names), flags).match if names else None
        self._path = re.compile("|".join(paths), flags).match if paths else None

    def name(self, name: str) -> bool:
        return self._name is not None and self._name(name) is not None

    def path(self, posix: str) -> bool:
        return self._path is not None and self._path(posix) is not None

    def __call__(self, names_below: list[str], absolute: list[str]) -> bool:
        return any(self.name(name) for name in names_below) or any(
            self.path("/".join(absolute[:i])) for i in range(2, len(absolute) + 1))


def glob_matcher(patterns, ignore_case: bool = False) -> GlobMatcher | None:
    return GlobMatcher(patterns, ignore_case) if patterns else None


class Unlistable(Exception):
    """A directory under the paths could not be listed: its drafts would go unchecked."""

    def __init__(self, error: OSError):
        super().__init__(f"{error.filename}: cannot list the directory ({error.strerror or error}): "
                         "its drafts would go unchecked")


def _refuse(error: OSError) -> None:
    raise Unlistable(error)


def discover(paths: list[Path], selection: Selection = Selection()) -> list[Path]:
    """The drafts under the paths, in order (Unlistable when a directory cannot be read)."""
    found: list[Path] = []
    seen: set[str] = set()
    for path in paths:
        if path.is_dir():
            candidates = _walk(path, selection)
        elif selection.force_exclude and selection.excluded(path):
            candidates = []
        else:
            candidates = [(os.path.normpath(path), path)]
        for key, candidate in candidates:
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def _walk(root: Path, selection: Selection) -> list[tuple[str, Path]]:
    """(normalised name, path) of the drafts under root, in sorted order."""
    files = []
    ignores = _Ignores(root, selection.respect_gitignore)
    for dirpath, dirnames, filenames in os.walk(root, onerror=_refuse):
        folder, normalised, absolute = Path(dirpath), os.path.normpath(dirpath), os.path.abspath(dirpath)
        ignores.enter(folder)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and not selection.excluded(folder / d) and not ignores.ignored(folder / d, True))
        for name in sorted(filenames):
            # ~$name.docx is Word's lock file for an open document, not a draft
            if name.startswith((".", "~$")) or not selection.included(name):
                continue
            where = os.path.join(absolute, name)
            if not selection.excluded_in(absolute, name, where) and not ignores.ignored(where, False):
                files.append((os.path.join(normalised, name), folder / name))
    return files


class _Ignores:
    """The ignore files in force: .ignore always, .gitignore and .git/info/exclude
    inside a git repository (from its top, so a parent's .gitignore counts too)."""

    def __init__(self, root: Path, gitignore: bool):
        self.specs: dict[Path, list] = {}  # directory -> its specs
        self._by_depth: list | None = None
        top = _repository_top(root) if gitignore else None
        self.names = IGNORE_FILES if top else (".ignore",)
        self.top = top
        start = Path(os.path.abspath(root))
        if top is not None:
            self._load(top, top / ".git" / "info" / "exclude")
            for folder in [*reversed(start.parents), start]:
                if folder != start and (folder == top or top in folder.parents):
                    self.enter(folder)

    def enter(self, folder: Path) -> None:
        folder = Path(os.path.abspath(folder))
        for name in self.names:
            self._load(folder, folder / name)

    def _load(self, folder: Path, file: Path) -> None:
        try:
            if not file.is_file():
                return
            lines = file.read_text("utf-8", errors="replace").splitlines()
        except OSError:
            return
        import pathspec

        self.specs.setdefault(folder, []).append(pathspec.GitIgnoreSpec.from_lines(lines))
        self._by_depth = None

    @property
    def by_depth(self) -> list[tuple[str, list]]:
        """(folder as a prefix to compare, its specs), outermost first: asked of every
        file, so paths are compared as strings (Path.parents made a walk of a repository
        four times slower)."""
        if self._by_depth is None:
            folders = sorted(self.specs, key=lambda f: len(f.parts))
            self._by_depth = [(os.path.normcase(os.path.join(str(f), "")), self.specs[f]) for f in folders]
        return self._by_depth

    def ignored(self, path: Path | str, is_dir: bool) -> bool:
        if not self.specs:
            return False
        absolute = os.path.abspath(path)
        compared = os.path.normcase(absolute)  # as Path compares: without case on Windows
        state = False
        for prefix, specs in self.by_depth:
            if compared.startswith(prefix):
                rel = absolute[len(prefix):].replace(os.sep, "/") + ("/" if is_dir else "")
                for spec in specs:
                    result = spec.check_file(rel)
                    if result.include is not None:
                        state = result.include
        return state


def _repository_top(start: Path) -> Path | None:
    folder = Path(os.path.abspath(start))
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None
