"""Atomic file writes (a temp file in the same folder, flushed and fsynced, then renamed over the target) and CSV text
whose cells cannot run as spreadsheet formulas."""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write_text(path: str | Path, text: str) -> None:
    """All or nothing: a reader (or a crash) sees the old file or the new one, never half of one. The file gets
    the usual permissions, not the temp file's private ones."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def atomic_write_json(path: str | Path, data: Any, **dumps: Any) -> None:
    atomic_write_text(path, json.dumps(data, **({"separators": (",", ":")} | dumps)))


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text, never runs (OWASP CSV injection): text that begins with = + - @, a
    tab or a carriage return gets a leading apostrophe. Numbers stay numbers (-3.5 is a value, not a formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_text(header: list[str], rows: Iterable[Iterable[Any]], lineterminator: str = "\r\n") -> str:
    """Every CSV the project writes goes through here (cells neutralised by safe_cell)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=lineterminator)
    w.writerow([safe_cell(c) for c in header])
    w.writerows([safe_cell(c) for c in row] for row in rows)
    return buf.getvalue()


def atomic_write_csv(path: str | Path, header: list[str], rows: Iterable[Iterable[Any]]) -> None:
    atomic_write_text(path, csv_text(header, rows))
