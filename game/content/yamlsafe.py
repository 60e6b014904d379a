"""Hardened YAML loader (YAML 1.2 core scalars): plain data only, bounded size/depth/aliases, every value's position remembered."""
from __future__ import annotations

import os
import re
import stat
from typing import NamedTuple

import yaml

__all__ = [
    "Problem",
    "ContentError",
    "LoadedYaml",
    "dotted",
    "load_yaml_text",
    "load_yaml_file",
    "MAX_BYTES",
    "MAX_NODES",
    "MAX_DEPTH",
]

MAX_BYTES = 2_000_000
MAX_NODES = 200_000
MAX_DEPTH = 100

# The C parser is ~10x faster; the pure-Python one yields the same events.
_Loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


class Problem(NamedTuple):
    path: str
    line: int
    col: int
    loc: str
    message: str

    def __str__(self) -> str:
        if self.loc:
            return f"{self.path}:{self.line}:{self.col}: {self.loc}: {self.message}"
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


class ContentError(Exception):
    """One or more problems found in a content file; str() lists them one per line."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # picklable (a worker pool sends it back): rebuilt from its problems, not its message
        return (type(self), (self.problems,))


def dotted(loc: tuple) -> str:
    out = []
    for part in loc:
        if isinstance(part, int) and not isinstance(part, bool):
            out.append(f"[{part}]")
        else:
            out.append(f".{part}" if out else str(part))
    return "".join(out)


class LoadedYaml:
    """Parsed data plus where each value (and mapping key) sits in the source."""

    # Positions live in a tree shaped like the data: each record is a tuple
    # (line, col, kids, bool_text) for list items and the root, plus (..., key_line, key_col)
    # for mapping entries; kids is a dict/list of child records, or None for scalars and aliases.
    __slots__ = ("data", "path", "_root")

    def __init__(self, data, path, root_record):
        self.data = data
        self.path = path
        self._root = root_record

    def _walk(self, loc):
        """(deepest record reached, whether the whole loc was found)."""
        rec = self._root
        for part in loc:
            kids = rec[2]
            if kids is None:
                return rec, False
            if kids.__class__ is dict:
                try:
                    nxt = kids.get(part)
                except TypeError:  # unhashable part
                    nxt = None
            elif part.__class__ is int and 0 <= part < len(kids):
                nxt = kids[part]
            else:
                nxt = None
            if nxt is None:
                return rec, False
            rec = nxt
        return rec, True

    def where(self, loc: tuple) -> tuple[int, int]:
        rec = self._walk(loc)[0]
        return rec[0], rec[1]

    def key_where(self, loc: tuple) -> tuple[int, int]:
        rec, exact = self._walk(loc)
        if exact and len(rec) == 6:
            return rec[4], rec[5]
        return rec[0], rec[1]

    def bool_hint(self, loc: tuple) -> str | None:
        rec, exact = self._walk(loc)
        return rec[3] if exact else None

    def __repr__(self) -> str:
        return f"LoadedYaml(path={self.path!r}, data={self.data!r})"


# ---------------------------------------------------------------- scalars

_CORE = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_CORE + t for t in ("str", "int", "float", "bool", "null"))
_MAP, _SEQ, _MERGE = _CORE + "map", _CORE + "seq", _CORE + "merge"
_SCALAR_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL}

# YAML 1.2 core schema, the reading editors (yaml-language-server), check-jsonschema and ajv use: only true/false
# are booleans (yes/no/on/off stay text), 010 is ten, 1e3 is a number, 1_000 and 1:30 are text. PyYAML reads
# YAML 1.1; scalars are resolved here instead so the game and the editor read a file alike.
_BOOL_WORDS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_HINT_WORDS = {"yes", "no", "on", "off", "y", "n"}
_NULL_WORDS = {"", "~", "null", "Null", "NULL"}
_INT12 = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT12 = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_INF = float("inf")


def _resolve(value: str) -> str:
    """The YAML 1.2 core tag of a plain scalar (and '<<', the merge key, which the builder supports)."""
    if value in _NULL_WORDS:
        return _NULL
    if value in _BOOL_WORDS:
        return _BOOL
    if _INT12.fullmatch(value):
        return _INT
    if _FLOAT12.fullmatch(value):
        return _FLOAT
    if value == "<<":
        return _MERGE
    return _STR


def _to_int(value: str) -> int:
    if value.startswith("0o"):
        return int(value[2:], 8)
    if value.startswith("0x"):
        return int(value[2:], 16)
    return int(value, 10)


def _to_float(value: str) -> float:
    low = value.lower()
    if low.lstrip("+-") == ".inf":
        return -_INF if low[:1] == "-" else _INF
    if low == ".nan":
        return float("nan")
    return float(value)


def _convert(tag: str, value: str):
    """Value of a scalar with a (resolved or explicit) core tag; raises ValueError if it does not fit."""
    if tag == _STR:
        return value
    if tag == _INT:
        if not _INT12.fullmatch(value):
            raise ValueError(value)
        return _to_int(value)
    if tag == _FLOAT:
        if not (_FLOAT12.fullmatch(value) or _INT12.fullmatch(value)):
            raise ValueError(value)
        return _to_float(value)
    if tag == _BOOL:
        return _BOOL_WORDS[value]
    if tag == _NULL:
        if value not in _NULL_WORDS:
            raise ValueError(value)
        return None
    return value  # timestamps, '=' etc. stay text: data must be plain


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


def _kind(value) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if value is None:
        return "empty (null)"
    return "text"


# ---------------------------------------------------------------- text checks

# YAML's printable set; anything else (controls, lone surrogates) is refused up front.
_BAD_CHAR = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TAB_INDENT = re.compile(r"^[ ]*\t", re.M)


def _line_col_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    col = len(raw[line_start:offset].decode("utf-8", "replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, col


def _line_col_of_char(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


class _Abort(Exception):
    """Stop building: a limit was hit and nothing after it can be trusted."""


class _Frame:
    """An open mapping or list while its events are still arriving."""

    __slots__ = ("is_map", "value", "kids", "anchor", "start_total", "line", "col",
                 "has_key", "key", "key_ok", "kline", "kcol", "merges")

    def __init__(self, is_map, anchor, start_total, line, col):
        self.is_map = is_map
        self.value = {} if is_map else []
        self.kids = {} if is_map else []
        self.anchor = anchor
        self.start_total = start_total
        self.line = line
        self.col = col
        self.has_key = False  # mapping: a key has been read and its value is pending
        self.key = None
        self.key_ok = False
        self.kline = self.kcol = 0
        self.merges = None


class _Sentinel:
    __slots__ = ("name",)

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


_Pending = _Sentinel("<pending anchor>")
_MergeKey = _Sentinel("<<")


class _Builder:
    """Turns the parser's event stream into plain data with an explicit stack (no recursion)."""

    def __init__(self, path: str, text: str = ""):
        self.path = path
        self.text = text
        self._lines: list[str] | None = None
        self.problems: list[Problem] = []
        self.anchors: dict = {}  # name -> (value, expanded size, line)
        self.stack: list[_Frame] = []
        self.total = 0  # values so far, counting every alias at its full expanded size
        self.aliases_seen = False
        self.root = None
        self.root_rec = (1, 1, None, None)
        self.have_root = False
        self.root_plain_empty = False

    def current_loc(self) -> tuple:
        """Location of the slot the next value fills; built only when a problem is reported."""
        loc = []
        for frame in self.stack:
            if frame.is_map:
                if not (frame.has_key and frame.key_ok):
                    break  # inside a key: name the mapping itself
                loc.append("<<" if frame.key is _MergeKey else frame.key)
            else:
                loc.append(len(frame.value))
        return tuple(loc)

    def comment_after(self, mark) -> str | None:
        """The comment right after an empty value ('color: #a02828' is an empty colour and a comment), or None."""
        if self._lines is None:
            self._lines = self.text.split("\n")
        row = self._lines[mark.line] if mark.line < len(self._lines) else ""
        rest = row[mark.column:].lstrip(" ")
        return rest.split()[0] if rest.startswith("#") and len(rest) > 1 else None

    def problem(self, line, col, message, loc=None):
        if loc is None:
            loc = self.current_loc()
        self.problems.append(Problem(self.path, line, col, dotted(loc), message))

    def check_total(self, mark):
        if self.total > MAX_NODES:
            if self.aliases_seen:
                message = f"document expands to more than {MAX_NODES} values (aliases nest too deeply?)"
            else:
                message = f"document has more than {MAX_NODES} values"
            self.problem(mark.line + 1, mark.column + 1, message)
            raise _Abort

    def check_tag(self, tag, allowed, what, line, col):
        if tag in allowed:
            return True
        shown = _show_tag(tag)
        if tag in _SCALAR_TAGS or tag == _MAP or tag == _SEQ:
            self.problem(line, col, f"tag '{shown}' cannot be used on {what}")
        else:
            self.problem(line, col, f"tag '{shown}' is not allowed")
        return False

    def add(self, value, rec, plain_text=None):
        """Hand a finished value (and its position record) to the open collection, or make it the root."""
        stack = self.stack
        if not stack:
            self.root, self.root_rec, self.have_root = value, rec, True
            return
        top = stack[-1]
        if not top.is_map:
            top.value.append(value)
            top.kids.append(rec)
            return
        if not top.has_key:
            top.has_key = True
            top.key = value
            top.kline, top.kcol = rec[0], rec[1]
            top.key_ok = False  # a bad key's problem names the mapping, not the key before it
            top.key_ok = value.__class__ is str or value is _MergeKey or self.bad_key(value, rec, plain_text)
            return
        key = top.key
        if not top.key_ok:
            top.has_key = False
            return
        if key is _MergeKey:
            if top.merges is None:
                top.merges = []
            else:
                # a repeated '<<' is a duplicate key; which one should win would be a guess
                self.problem(top.kline, top.kcol,
                             f"duplicate key '<<' (first at line {top.merges[0][3]}); "
                             "merge several mappings with '<<: [*a, *b]'")
            top.merges.append((value, rec[0], rec[1], top.kline))
            top.has_key = False
            return
        kids = top.kids
        if key in kids:
            self.problem(top.kline, top.kcol, f"duplicate key {key!r} (first at line {kids[key][4]})")
        top.has_key = False
        top.value[key] = value  # like PyYAML, the last one wins (it is an error anyway)
        kids[key] = (rec[0], rec[1], rec[2], rec[3], top.kline, top.kcol)

    def bad_key(self, key, rec, plain_text) -> bool:
        line, col = rec[0], rec[1]
        if isinstance(key, bool):
            if plain_text is not None:
                self.problem(line, col, f"key {plain_text} is read as {str(key).lower()}; "
                                        f"write it in quotes: '{plain_text}'")
            else:
                self.problem(line, col, f"key {str(key).lower()} is true/false; keys must be text")
        elif isinstance(key, (int, float)):
            text = plain_text if plain_text is not None else repr(key)
            self.problem(line, col, f"key {text} is a number; write it as text in quotes: '{text}'")
        elif key is None:
            self.problem(line, col, "key is empty (null); keys must be text")
        else:
            self.problem(line, col, f"keys must be text, not {_kind(key)}")
        return False

    def finish_map(self, frame: _Frame):
        """Apply '<<' merges (called after the frame is popped, so current_loc() names this mapping)."""
        mapping = frame.value
        if not frame.merges:
            return mapping
        merged: dict = {}
        kids = frame.kids
        # YAML merge spec: explicit keys win over merged ones; in '<<: [*a, *b]' *a wins over *b.
        for value, line, col, _kline in frame.merges:
            sources = value if isinstance(value, list) else [value]
            if not sources or not all(isinstance(s, dict) for s in sources):
                self.problem(line, col, "'<<' (merge) needs a mapping or a list of mappings, e.g. '<<: *defaults'")
                continue
            merged_rec = (line, col, None, None, line, col)  # merged values point at the '<<' value
            for source in reversed(sources):
                for k, v in source.items():
                    merged[k] = v
                    if k not in mapping:
                        kids[k] = merged_rec
        merged.update(mapping)
        return merged

    def start_anchor(self, anchor, line, col):
        if anchor in self.anchors:
            self.problem(line, col, f"duplicate anchor '&{anchor}' (first at line {self.anchors[anchor][2]})")
        self.anchors[anchor] = (_Pending, 0, line)

    def run(self, events):
        stack = self.stack
        anchors = self.anchors
        ScalarEvent = yaml.ScalarEvent
        MappingStartEvent = yaml.MappingStartEvent
        SequenceStartEvent = yaml.SequenceStartEvent
        MappingEndEvent = yaml.MappingEndEvent
        SequenceEndEvent = yaml.SequenceEndEvent
        AliasEvent = yaml.AliasEvent
        DocumentStartEvent = yaml.DocumentStartEvent
        documents = 0
        for event in events:
            cls = event.__class__
            if cls is ScalarEvent:
                mark = event.start_mark
                line, col = mark.line + 1, mark.column + 1
                self.total += 1
                if self.total > MAX_NODES:
                    self.check_total(mark)
                value = event.value
                tag = event.tag
                plain_text = hint = None
                if tag is None:
                    if event.implicit[0]:
                        tag = _resolve(value)
                        if tag == _STR and value.lower() in _HINT_WORDS:
                            hint = value  # text in YAML 1.2; a YAML 1.1 habit where true/false was meant
                        elif tag != _STR:
                            plain_text = value
                            try:
                                value = _convert(tag, value)
                            except (ValueError, KeyError, OverflowError):
                                pass  # odd forms such as '0x_' (SafeLoader crashes on them) stay text
                            if tag == _MERGE and stack and stack[-1].is_map and not stack[-1].has_key:
                                value = _MergeKey
                            elif value is None and plain_text == "" and stack:
                                hint = self.comment_after(mark)  # '#...' marks a comment where a value was meant
                            elif value is None and not stack and plain_text == "" and not self.have_root:
                                self.root_plain_empty = True  # '---' with nothing after it
                elif self.check_tag(tag, _SCALAR_TAGS, "a single value", line, col):
                    try:
                        value = _convert(tag, value)
                    except (ValueError, KeyError, OverflowError):
                        self.problem(line, col, f"{value!r} is not a valid {_show_tag(tag)} value")
                if event.anchor is not None:
                    self.start_anchor(event.anchor, line, col)
                    anchors[event.anchor] = ("<<" if value is _MergeKey else value, 1, line)
                self.add(value, (line, col, None, hint), plain_text)
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                mark = event.start_mark
                line, col = mark.line + 1, mark.column + 1
                if len(stack) >= MAX_DEPTH:
                    # no location path: a hundred levels of it would drown the message
                    self.problem(line, col, f"nesting deeper than {MAX_DEPTH} levels", ())
                    raise _Abort
                self.total += 1
                self.check_total(mark)
                is_map = cls is MappingStartEvent
                if event.tag is not None:
                    if is_map:
                        self.check_tag(event.tag, (_MAP,), "a mapping", line, col)
                    else:
                        self.check_tag(event.tag, (_SEQ,), "a list", line, col)
                if event.anchor is not None:
                    self.start_anchor(event.anchor, line, col)
                stack.append(_Frame(is_map, event.anchor, self.total - 1, line, col))
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                frame = stack.pop()
                value = self.finish_map(frame) if frame.is_map else frame.value
                if frame.anchor is not None:
                    anchors[frame.anchor] = (value, self.total - frame.start_total, anchors[frame.anchor][2])
                self.add(value, (frame.line, frame.col, frame.kids, None))
            elif cls is AliasEvent:
                mark = event.start_mark
                line, col = mark.line + 1, mark.column + 1
                entry = anchors.get(event.anchor)
                if entry is None:
                    self.problem(line, col, f"alias '*{event.anchor}' has no anchor '&{event.anchor}' before it")
                    value, size = None, 1
                elif entry[0] is _Pending:
                    self.problem(line, col, f"alias '*{event.anchor}' is used inside its own anchor")
                    value, size = None, 1
                else:
                    value, size = entry[0], entry[1]
                # the expansion is never materialised: the shared value is reused, only its size counted
                self.total += size
                self.aliases_seen = True
                self.check_total(mark)
                self.add(value, (line, col, None, None))  # positions under an alias point at the alias
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    self.problem(mark.line + 1, mark.column + 1,
                                 "only one document is allowed per file (found a second '---')", ())
                    raise _Abort


def _syntax_problem(exc, text: str, raw: bytes):
    """(line, col, message) for a parser error, one line, no Python exception text."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if isinstance(exc, yaml.reader.ReaderError):
        line, col = _line_col_of_byte(raw, max(0, min(exc.position, len(raw))))
        return line, col, "this character is not allowed in YAML text"
    if mark is None:
        return 1, 1, "the YAML could not be read"
    line, col = mark.line + 1, mark.column + 1
    lines = text.split("\n", line)  # split only as far as the error line
    row = lines[line - 1] if line - 1 < len(lines) else ""
    if col - 1 < len(row) and row[col - 1] == "\t":
        return line, col, "tab character used for indentation; YAML needs spaces"
    # A tab in the indentation just above the error is the usual cause of odd indentation errors.
    for n in (line, line - 1):
        if 1 <= n <= len(lines):
            m = _TAB_INDENT.match(lines[n - 1])
            if m:
                return n, m.end(), "tab character used for indentation; YAML needs spaces"
    problem = " ".join(str(getattr(exc, "problem", None) or "syntax error").split())
    cmark = getattr(exc, "context_mark", None)
    start = cmark.line + 1 if cmark is not None else line
    plain = _plain_syntax(problem, str(getattr(exc, "context", "") or ""), row, col, lines[max(0, min(start, line - 2) - 1):line], start)
    if plain:
        return line, col, plain
    context = getattr(exc, "context", None)
    if context and cmark is not None:
        problem += f" ({' '.join(str(context).split())} that began at line {cmark.line + 1})"
    elif context:
        problem += f" ({' '.join(str(context).split())})"
    return line, col, problem


def _plain_syntax(problem: str, context: str, row: str, col: int, rows: list[str], start: int) -> str | None:
    """The parser's complaint in an author's words, for the usual causes (None: keep the parser's)."""
    if "flow" in context and any(re.search(r"(^|\s)#", r) for r in rows):
        return ("a '#' after a space starts a comment, which hid the rest of the line (and its closing '}' or ']'); "
                "put a value with '#' in quotes, e.g. color: \"#a02828\"")
    if problem.startswith("mapping values are not allowed"):
        if ": " in row[:max(0, col - 1)]:
            return ("a second ': ' on this line: a value that contains ': ' must be in quotes, "
                    "e.g. briefing: \"Note: ...\"")
        return ("this line is indented further than the key above it, so YAML reads it as part of that key's value; "
                "line keys of one mapping up in the same column")
    if problem.startswith("did not find expected '-' indicator"):
        return (f"this line is indented differently from the list it belongs to (begun at line {start}): every item "
                f"starts with '-' in the same column, and an item's keys line up under its first key")
    if problem.startswith("did not find expected key") and "block mapping" in context:
        return (f"this line is indented differently from the keys above it (the mapping begun at line {start}): "
                f"keys of one mapping start in the same column")
    return None


def _deep_nesting(text: str, path: str, mark, builder: _Builder) -> _Builder:
    """libyaml's own depth limit (1000) fired while scanning ahead, before any event reached us.

    Re-read only the text before that point so our MAX_DEPTH check can name the first level too deep.
    """
    lines = text.split("\n", mark.line)
    cut = sum(len(row) + 1 for row in lines[:mark.line]) + mark.column
    retry = _Builder(path)
    try:
        retry.run(yaml.parse(text[:cut], Loader=_Loader))
    except _Abort:
        if any("nesting deeper" in p.message for p in retry.problems):
            return retry
    except yaml.YAMLError:
        pass
    builder.problems.append(Problem(path, mark.line + 1, mark.column + 1, "",
                                    f"nesting deeper than {MAX_DEPTH} levels"))
    return builder


def _load(raw: bytes, path: str) -> LoadedYaml:
    if len(raw) > MAX_BYTES:
        raise ContentError([Problem(path, 1, 1, "", f"file is {len(raw)} bytes; the limit is {MAX_BYTES}")])
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ContentError([Problem(path, 1, 1, "", "the file is UTF-16 text; save it as UTF-8")])
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _line_col_of_byte(raw, nul)
        raise ContentError([Problem(path, line, col, "",
                                    "binary data (NUL byte); this must be a UTF-8 text file")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col_of_byte(raw, exc.start)
        raise ContentError([Problem(path, line, col, "",
                                    f"not UTF-8 text: invalid byte 0x{raw[exc.start]:02x}")]) from None
    if text.startswith("\ufeff"):
        text = text[1:]  # a UTF-8 byte-order mark is harmless; drop it so columns match what editors show
    bad = _BAD_CHAR.search(text)
    if bad:
        line, col = _line_col_of_char(text, bad.start())
        raise ContentError([Problem(path, line, col, "",
                                    f"character U+{ord(bad.group()):04X} is not allowed in YAML text")])

    builder = _Builder(path, text)
    try:
        builder.run(yaml.parse(text, Loader=_Loader))
    except _Abort:
        pass
    except yaml.YAMLError as exc:
        if isinstance(exc, yaml.MarkedYAMLError) and "maximum nesting depth" in str(exc.problem):
            builder = _deep_nesting(text, path, exc.problem_mark, builder)
        else:
            line, col, message = _syntax_problem(exc, text, raw)
            builder.problems.append(Problem(path, line, col, "", message))
    else:
        if not builder.have_root or builder.root_plain_empty:
            builder.problems.append(Problem(
                path, 1, 1, "",
                "the file is empty; a scenario is a mapping of keys such as 'name:' and 'nations:'"))
        elif not isinstance(builder.root, dict):
            line, col = builder.root_rec[0], builder.root_rec[1]
            builder.problems.append(Problem(
                path, line, col, "", f"the top level must be a mapping (key: value), not {_kind(builder.root)}"))
    if builder.problems:
        builder.problems.sort(key=lambda p: (p.line, p.col))
        raise ContentError(builder.problems)
    return LoadedYaml(builder.root, path, builder.root_rec)


def load_yaml_text(text_or_bytes, path: str = "<string>") -> LoadedYaml:
    path = str(path)
    try:
        if isinstance(text_or_bytes, str):
            # surrogatepass lets a lone surrogate through to the UTF-8 check, which reports it
            raw = text_or_bytes.encode("utf-8", "surrogatepass")
        elif isinstance(text_or_bytes, (bytes, bytearray, memoryview)):
            raw = bytes(text_or_bytes)
        else:
            raise ContentError([Problem(path, 1, 1, "", "expected YAML text")])
        return _load(raw, path)
    except ContentError:
        raise
    except RecursionError:
        raise ContentError([Problem(path, 1, 1, "", f"nesting deeper than {MAX_DEPTH} levels")]) from None
    except MemoryError:
        raise ContentError([Problem(path, 1, 1, "", "the file is too large to load")]) from None
    except Exception:  # never let a traceback reach the player; this is a bug in the loader if it happens
        raise ContentError([Problem(path, 1, 1, "", "the YAML could not be read (internal loader error)")]) from None


_OS_REASONS = (
    (FileNotFoundError, "no such file"),
    (NotADirectoryError, "no such file"),
    (IsADirectoryError, "it is a directory"),
    (PermissionError, "permission denied"),
)


def _read_error(path: str, exc: OSError) -> ContentError:
    reason = next((why for cls, why in _OS_REASONS if isinstance(exc, cls)), None)
    if reason is None:
        reason = (exc.strerror or "input/output error").lower()
    return ContentError([Problem(path, 1, 1, "", f"cannot read file: {reason}")])


def load_yaml_file(path) -> LoadedYaml:
    try:
        shown = os.fspath(path)
        shown = shown.decode("utf-8", "replace") if isinstance(shown, bytes) else shown
    except TypeError:
        shown = str(path)
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(st.st_mode):
            # FIFOs and devices could block or never end
            raise ContentError([Problem(shown, 1, 1, "", "cannot read file: not a regular file")])
        if st.st_size > MAX_BYTES:
            raise ContentError([Problem(shown, 1, 1, "", f"file is {st.st_size} bytes; the limit is {MAX_BYTES}")])
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)  # never more than the limit, even if the file grows meanwhile
    except OSError as exc:
        raise _read_error(shown, exc) from None
    except (ValueError, TypeError):  # e.g. a path with a NUL byte in it
        raise ContentError([Problem(shown, 1, 1, "", "cannot read file: not a valid path")]) from None
    if len(raw) > MAX_BYTES:
        raise ContentError([Problem(shown, 1, 1, "", f"file is more than {MAX_BYTES} bytes; the limit is {MAX_BYTES}")])
    return load_yaml_text(raw, shown)
