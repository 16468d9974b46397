"""Other office formats (.doc, .wps, .odt, .rtf): converted to .docx by LibreOffice when
it is installed, then read as Word files; otherwise refused with the advice to save the
draft as .docx.

The conversion never touches the original: the draft is copied into a private
temporary directory, LibreOffice runs there headless with a profile of its own (so the
default macro security applies and no user's settings or other instance interfere),
under a time limit, and everything is removed afterwards.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from lint.read.source import UnreadableInput

FORMATS = {".doc": "Word 97-2003 (.doc)", ".wps": "WPS (.wps)", ".odt": "OpenDocument (.odt)", ".rtf": "RTF (.rtf)"}
TIMEOUT = 120  # seconds for one conversion
_PROGRAMS = ("soffice", "libreoffice")


def converter() -> str | None:
    """The LibreOffice program on PATH, or None."""
    for name in _PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_docx(path: Path, data: bytes) -> bytes:
    """The draft (its bytes, `data`) as a .docx; UnreadableInput when it cannot be converted."""
    program = converter()
    kind = FORMATS.get(path.suffix.lower(), path.suffix)
    if program is None:
        raise UnreadableInput("convert", kind)
    with tempfile.TemporaryDirectory(prefix="reportlint-office-") as work:
        source = Path(work) / f"draft{path.suffix.lower()}"
        source.write_bytes(data)
        profile = Path(work, "profile").as_uri()
        command = [program, "--headless", "--invisible", "--norestore", "--nologo", "--nolockcheck",
                   "--nodefault", f"-env:UserInstallation={profile}", "--convert-to", "docx",
                   "--outdir", str(Path(work, "out")), str(source)]
        try:
            subprocess.run(command, cwd=work, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=TIMEOUT, check=False, env=_environment(work))
        except subprocess.TimeoutExpired:
            raise UnreadableInput("convert_failed", f"{kind}: LibreOffice took more than {TIMEOUT} s") from None
        except OSError as exc:
            raise UnreadableInput("convert_failed", f"{kind}: {exc.strerror or exc}") from None
        result = Path(work, "out", "draft.docx")
        if not result.is_file():
            raise UnreadableInput("convert_failed", f"{kind}: LibreOffice could not convert it")
        return result.read_bytes()


def _environment(work: str) -> dict:
    """LibreOffice's environment: a private HOME and temporary directory."""
    return {**os.environ, "HOME": work, "TMPDIR": work}
