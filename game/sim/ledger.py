"""The why-ledger: every change to a value with its cause, so start + sum of deltas == end; kept in numpy columns."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

import numpy as np


class Cause(NamedTuple):
    kind: str                      # action | event | dynamic | obligation | threat | organization
    id: str                        # action or event id, or the name of the dynamic
    actor: int | None = None       # nation index, if a nation caused it
    target: tuple[int, ...] = ()   # nation (or organization) indices it was aimed at


class Entry(NamedTuple):
    field: str
    index: Any            # None (whole array), int, or (i, j) tuple, or () for scalars
    delta: Any            # float, or ndarray shaped like the field when index is None
    cause: Cause


class _Columns:
    """A finished resolution's entries as columns: field code, flat index (negative: block -index-1, a whole-array
    change kept as one operation), delta, cause id. A whole-array change keeps the one array State.add computed (no
    copy, no per-value entries): `blocks[b]`, see _Blocks."""

    __slots__ = ("names", "shapes", "field", "index", "delta", "cause", "causes", "blocks")
    names: tuple[str, ...]                 # field names, by code
    shapes: tuple[tuple[int, ...], ...]    # each field's shape, by code
    field: np.ndarray                      # field code per entry
    index: np.ndarray                      # flat index per entry (negative: a block)
    delta: np.ndarray
    cause: np.ndarray                      # index into causes per entry
    causes: tuple[Cause, ...]
    blocks: _Blocks

    def __len__(self) -> int:
        return len(self.field)


_INTERN: dict[Cause, Cause] = {}   # causes are immutable: turns that repeat one share it
_NO_BUF = np.zeros(0)              # the buffer of blocks that keep their arrays (shared: it is never written)


class _Blocks:
    """The deltas of a resolution's whole-array changes. Small ones (a few regions' worth of values) are packed into
    one buffer, so a long game keeps one array per turn instead of forty (each array costs ~100 bytes of header);
    large ones (a 100-nation region's N x N changes) keep the arrays State.add computed, since copying them would cost
    more time than their headers cost memory."""

    __slots__ = ("arrays", "buf", "offs")
    PACK = 65536   # values
    arrays: tuple[np.ndarray, ...] | None   # large: the arrays themselves; small: None, packed into buf at offs
    buf: np.ndarray
    offs: list[int]

    def __init__(self, arrays: tuple[np.ndarray, ...]) -> None:
        if sum(a.size for a in arrays) <= self.PACK:
            self.arrays = None
            self.buf = np.concatenate([a.reshape(-1) for a in arrays]) if arrays else np.zeros(0)
            self.offs = np.cumsum([0] + [a.size for a in arrays]).tolist()
        else:
            self.arrays, self.buf, self.offs = arrays, _NO_BUF, []

    def __getitem__(self, b: int) -> np.ndarray:
        if self.arrays is not None:
            return self.arrays[b]
        return self.buf[self.offs[b]:self.offs[b + 1]]

    def __len__(self) -> int:
        return len(self.arrays) if self.arrays is not None else len(self.offs) - 1


def _flat(index: Any, shape: tuple[int, ...]) -> int:
    if type(index) is int:
        return index
    if index == ():
        return 0
    return int(np.ravel_multi_index(tuple(int(x) for x in np.atleast_1d(index)), shape)) if len(shape) != 2 \
        else int(index[0]) * shape[1] + int(index[1])


def _unflat(flat: int, shape: tuple[int, ...]) -> Any:
    """The index in the form callers give it: () for a scalar, an int for a vector, (i, j) for a matrix."""
    nd = len(shape)
    if nd == 1:
        return flat
    if nd == 0:
        return ()
    if nd == 2:
        return divmod(flat, shape[1])
    return tuple(int(x) for x in np.unravel_index(flat, shape))


class Ledger:
    """Entries of one resolution, in the order they happened.

    While a resolution runs, State.add appends plain tuples (the cheapest record Python has); `compact` turns them
    into numpy columns once the resolution ends, so a long history keeps ~20 bytes per change instead of ~250.
    Readable Entry objects and report rows are built only when asked for (explorer, export, debrief, tests)."""

    __slots__ = ("_raw", "_cols", "on")

    def __init__(self, entries: list[Entry] | None = None, on: bool = True) -> None:
        self._raw: list[tuple] = list(entries) if entries is not None else []   # (field, index, delta, cause)
        self._cols: _Columns | None = None
        self.on = on   # off: a resolution whose report leaves the ledger out (batch runs, look-ahead) keeps none

    # -- recording -------------------------------------------------------------------------
    def record(self, fname: str, index: Any, delta: Any, cause: Cause) -> None:
        if self.on:
            self._raw.append((fname, index, delta, cause))

    def clear(self) -> None:
        self._raw = []
        self._cols = None

    def compact(self, values: dict[str, np.ndarray]) -> None:
        """Move the recorded tuples into numpy columns (shapes from `values`, the state's arrays)."""
        raw = self._raw
        if not raw:
            return
        if self._cols is not None:   # recorded after an earlier compaction: rebuild from everything, in order
            raw = [tuple(e) for e in self._iter_cols()] + raw
        # column by column in C-speed passes (zip, dict.fromkeys, comprehensions): this runs once per resolution
        fcol, icol, dcol, ccol = zip(*raw)
        c = _Columns()
        c.names = tuple(dict.fromkeys(fcol))
        c.shapes = tuple(np.shape(values[f]) for f in c.names)
        code = {f: k for k, f in enumerate(c.names)}
        fc = [code[f] for f in fcol]
        cid: dict[Cause, int] = {}
        cc = [cid.setdefault(x, len(cid)) for x in ccol]   # one hash per entry
        c.causes = tuple([_INTERN.setdefault(x, x) for x in cid])   # one copy of a cause however many turns repeat it
        if len(_INTERN) > 200_000:
            _INTERN.clear()
        cols = [s[1] if len(s) == 2 else 0 for s in c.shapes]
        flat = [i if type(i) is int else -1 if i is None else i[0] * cols[f] + i[1] if len(i) == 2 and cols[f]
                else _flat(i, c.shapes[f]) for i, f in zip(icol, fc)]
        blocks = tuple([np.asarray(d, dtype=float) for d in [d for i, d in zip(icol, dcol) if i is None]])
        c.field = np.array(fc, dtype=np.uint8 if len(c.names) < 256 else np.int32)
        c.index = np.array(flat, dtype=np.int64)
        if c.index.size and -2**31 < c.index.min() and c.index.max() < 2**31:
            c.index = c.index.astype(np.int32)   # flat indices of regions below 46,000 nations
        if blocks:
            neg = c.index < 0
            c.index[neg] = -1 - np.arange(len(blocks))
            c.delta = np.array([0.0 if i is None else d for i, d in zip(icol, dcol)], dtype=float)
        else:
            c.delta = np.array(dcol, dtype=float)
        c.cause = np.array(cc, dtype=np.int32)
        c.blocks = _Blocks(blocks)
        self._cols = c
        self._raw = []

    # -- reading ---------------------------------------------------------------------------
    def _iter_cols(self) -> Iterator[Entry]:
        c = self._cols
        if c is None:
            return
        names, shapes, causes, blocks = c.names, c.shapes, c.causes, c.blocks
        for f, ix, d, ci in zip(c.field.tolist(), c.index.tolist(), c.delta.tolist(), c.cause.tolist()):
            if ix < 0:
                yield Entry(names[f], None, blocks[-1 - ix].reshape(shapes[f]), causes[ci])
            else:
                yield Entry(names[f], _unflat(ix, shapes[f]), d, causes[ci])

    def __iter__(self) -> Iterator[Entry]:
        yield from self._iter_cols()
        for e in self._raw:
            yield e if type(e) is Entry else Entry(*e)

    @property
    def entries(self) -> list[Entry]:
        """Every entry as an Entry, built now (a read-only snapshot)."""
        return list(self)

    def __len__(self) -> int:
        return (len(self._cols) if self._cols is not None else 0) + len(self._raw)

    def __bool__(self) -> bool:
        return len(self) > 0

    def rows(self) -> list[list]:
        """The entries as the report's plain rows: [field, index, delta, cause kind, cause id, actor, target]."""
        out: list[list] = []
        c = self._cols
        if c is not None:
            names, shapes = c.names, c.shapes
            ct = [(x.kind, x.id, x.actor, x.target) for x in c.causes]
            blocks = c.blocks
            for f, ix, d, ci in zip(c.field.tolist(), c.index.tolist(), c.delta.tolist(), c.cause.tolist()):
                kind, cid, actor, tgt = ct[ci]
                shape = shapes[f]
                if ix < 0:
                    out.append([names[f], None, blocks[-1 - ix].reshape(shape).tolist(), kind, cid, actor, list(tgt)])
                elif len(shape) == 1:
                    out.append([names[f], ix, d, kind, cid, actor, list(tgt)])
                elif len(shape) == 2:
                    out.append([names[f], list(divmod(ix, shape[1])), d, kind, cid, actor, list(tgt)])
                else:
                    out.append([names[f], list(np.atleast_1d(_unflat(ix, shape))) if shape else [], d, kind, cid,
                                actor, list(tgt)])
        for e in self._raw:
            out.append(entry_to_list(e if type(e) is Entry else Entry(*e)))
        return out

    def causes(self, fname: str, index: Any = ()) -> list[tuple[Cause, float]]:
        """Every cause that changed v[fname][index] with its delta, in order."""
        out = []
        for e in self:
            if e.field != fname:
                continue
            if e.index is None:
                d = float(np.asarray(e.delta)[index]) if index != () else float(e.delta)
                if d:
                    out.append((e.cause, d))
            elif _same_index(e.index, index):
                out.append((e.cause, float(e.delta)))
        return out

    def total(self, fname: str, shape: tuple[int, ...]) -> np.ndarray:
        """Sum of every delta recorded for a field, as an array of the field's shape."""
        acc = np.zeros(shape)
        for e in self:
            if e.field != fname:
                continue
            if e.index is None:
                acc = acc + e.delta
            else:
                acc[e.index] += e.delta
        return acc


def entry_to_list(e: Entry) -> list:
    """[field, index, delta, cause kind, cause id, actor, target]: compact, since a game has thousands."""
    ix = e.index
    if ix is not None and type(ix) is not int:
        ix = [int(x) for x in ix]
    d = e.delta.tolist() if isinstance(e.delta, np.ndarray) else e.delta
    c = e.cause
    return [e.field, ix, d, c.kind, c.id, c.actor, list(c.target)]


class LedgerRows(Sequence):
    """A report's ledger as a read-only sequence of plain rows, built from the compact ledger each time it is read
    (a report keeps no copy of the rows; Report turns it into a list when written as JSON)."""

    __slots__ = ("ledger",)

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def __len__(self) -> int:
        return len(self.ledger)

    def __bool__(self) -> bool:
        return len(self.ledger) > 0

    def __iter__(self) -> Iterator[list]:
        return iter(self.ledger.rows())

    def __getitem__(self, k: Any) -> Any:
        return self.ledger.rows()[k]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (LedgerRows, list, tuple)):
            return self.ledger.rows() == list(other)
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self.ledger.rows())

    def __reduce__(self) -> tuple:
        return (LedgerRows, (self.ledger,))


def _same_index(a: Any, b: Any) -> bool:
    if isinstance(a, tuple) or isinstance(b, tuple):
        return tuple(np.atleast_1d(a)) == tuple(np.atleast_1d(b)) if a != () and b != () else a == b
    return int(a) == int(b)
