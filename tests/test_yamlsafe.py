"""Tests for game.content.yamlsafe: the hardened, position-tracking YAML loader."""
import math
import random
import textwrap

import pytest
import yaml

from game.content import yamlsafe
from game.content.yamlsafe import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_NODES,
    ContentError,
    LoadedYaml,
    Problem,
    dotted,
    load_yaml_file,
    load_yaml_text,
)


def problems(text, path="x.yaml"):
    """The str() of every problem load_yaml_text reports (it must report some)."""
    with pytest.raises(ContentError) as info:
        load_yaml_text(text, path)
    lines = [str(p) for p in info.value.problems]
    assert str(info.value) == "\n".join(lines)
    return lines


def file_problems(path):
    with pytest.raises(ContentError) as info:
        load_yaml_file(path)
    return [str(p) for p in info.value.problems]


SCENARIO = textwrap.dedent("""\
    # A small but realistic scenario
    name: Northern Straits
    turns: 40
    start_year: 2031
    ratio: 0.75
    tiny: 1.5e-3
    big: 1_000_000
    hexa: 0x1F
    enabled: yes
    hostile: No
    secret: off
    nothing: ~
    also_nothing:
    quoted: "yes"
    single: '42'
    defaults: &defaults
      trust: 0.5
      budget: 1200
      tags: [coastal, trade]
    nations:
      - id: alba
        <<: *defaults
        trust: 0.9
      - id: brev
        <<: *defaults
      - {id: cort, trust: -0.25, allies: [alba, brev]}
    notes: |
      Line one
      Line two
    folded: >
      folded
      text
    """)


# ---------------------------------------------------------------- basics

def test_problem_str_with_and_without_loc():
    assert str(Problem("a.yaml", 3, 5, "nations[2].trust", "bad")) == "a.yaml:3:5: nations[2].trust: bad"
    assert str(Problem("a.yaml", 1, 1, "", "bad")) == "a.yaml:1:1: bad"


def test_content_error_joins_problems():
    err = ContentError([Problem("a", 1, 1, "", "one"), Problem("a", 2, 1, "k", "two")])
    assert str(err) == "a:1:1: one\na:2:1: k: two"
    assert len(err.problems) == 2


def test_dotted():
    assert dotted(("nations", 2, "trust")) == "nations[2].trust"
    assert dotted(()) == ""
    assert dotted((0, "a", 1, 2)) == "[0].a[1][2]"


def test_limits_exported():
    assert (MAX_BYTES, MAX_NODES, MAX_DEPTH) == (2_000_000, 200_000, 100)


def yaml12(text):
    """yaml.safe_load (YAML 1.1) with the YAML 1.2 core reading of the words and numbers where they differ."""
    data = yaml.safe_load(text)
    if isinstance(data, dict):
        data.update({k: v for k, v in YAML12.items() if k in data})
    return data


# where YAML 1.2 (the game's reading, and the editors') differs from PyYAML's 1.1 in SCENARIO
YAML12 = {"big": "1_000_000", "enabled": "yes", "hostile": "No", "secret": "off"}


def test_normal_document_reads_as_yaml_12():
    loaded = load_yaml_text(SCENARIO, "s.yaml")
    assert isinstance(loaded, LoadedYaml)
    assert loaded.path == "s.yaml"
    assert loaded.data == yaml12(SCENARIO)
    assert list(loaded.data) == list(yaml.safe_load(SCENARIO))
    nations = loaded.data["nations"]
    assert nations[0] == {"trust": 0.9, "budget": 1200, "tags": ["coastal", "trade"], "id": "alba"}
    assert nations[1]["trust"] == 0.5
    assert loaded.data["enabled"] == "yes" and loaded.data["hostile"] == "No"  # YAML 1.2: text
    assert loaded.data["quoted"] == "yes" and loaded.data["single"] == "42"


def test_bytes_and_bom_accepted():
    assert load_yaml_text(b"\xef\xbb\xbfa: 1\n").data == {"a": 1}
    assert load_yaml_text(b"a: 1\n").data == {"a": 1}


def test_load_file_ok(tmp_path):
    f = tmp_path / "s.yaml"
    f.write_text(SCENARIO, encoding="utf-8")
    loaded = load_yaml_file(f)
    assert loaded.path == str(f)
    assert loaded.data == yaml12(SCENARIO)


def test_numbers_and_words_read_as_yaml_12_core():
    text = ("a: 1:30\nb: 010\nc: 0b101\nd: -0x1f\ne: +12\nf: 1_000.5\ng: 6.8523015e+5\nh: -.5\ni: 0o7\nj: 1e5\n"
            "k: 0x1F\nl: yes\nm: True\nn: off\no: 1.\n")
    assert load_yaml_text(text).data == {"a": "1:30", "b": 10, "c": "0b101", "d": "-0x1f", "e": 12, "f": "1_000.5",
                                         "g": 685230.15, "h": -0.5, "i": 7, "j": 100000.0, "k": 31, "l": "yes",
                                         "m": True, "n": "off", "o": 1.0}


def test_inf_and_nan_are_kept():
    data = load_yaml_text("a: .inf\nb: -.Inf\nc: .NaN\n").data
    assert data["a"] == math.inf and data["b"] == -math.inf and math.isnan(data["c"])


def test_timestamps_stay_text():
    # data must be plain types only; dates are left for validation to parse
    assert load_yaml_text("when: 2031-05-01\n").data == {"when": "2031-05-01"}


def test_pure_python_parser_fallback(monkeypatch):
    monkeypatch.setattr(yamlsafe, "_Loader", yaml.SafeLoader)
    assert load_yaml_text(SCENARIO).data == yaml12(SCENARIO)
    assert problems("[" * 5000) == ["x.yaml:1:101: nesting deeper than 100 levels"]


# ---------------------------------------------------------------- positions

def test_where_and_key_where():
    loaded = load_yaml_text(SCENARIO)
    assert loaded.where(("name",)) == (2, 7)
    assert loaded.key_where(("name",)) == (2, 1)
    assert loaded.where(("nations",)) == (21, 3)
    assert loaded.where(("nations", 0)) == (21, 5)
    assert loaded.where(("nations", 0, "trust")) == (23, 12)
    assert loaded.key_where(("nations", 0, "trust")) == (23, 5)
    assert loaded.where(("nations", 2, "trust")) == (26, 23)
    assert loaded.key_where(("nations", 2, "trust")) == (26, 16)
    assert loaded.where(("nations", 2, "allies", 1)) == (26, 45)
    assert loaded.where(("defaults", "tags", 1)) == (19, 19)


def test_where_falls_back_to_deepest_ancestor():
    loaded = load_yaml_text(SCENARIO)
    assert loaded.where(("nations", 2, "missing", 7)) == loaded.where(("nations", 2))
    assert loaded.where(("nope",)) == loaded.where(())
    assert loaded.where(()) == (2, 1)  # the root mapping starts at its first key, after the comment
    # key_where for a list index (no key) falls back to where()
    assert loaded.key_where(("nations", 1)) == loaded.where(("nations", 1))


def test_where_with_odd_locations():
    loaded = load_yaml_text(SCENARIO)
    nations = loaded.where(("nations",))
    assert loaded.where(("nations", -1)) == nations
    assert loaded.where(("nations", "0")) == nations
    assert loaded.where(("nations", 99)) == nations
    assert loaded.where(("name", "deeper")) == loaded.where(("name",))
    assert loaded.where((["unhashable"],)) == loaded.where(())
    assert loaded.bool_hint(("enabled", "x")) is None
    assert loaded.key_where(("nations", 0, "nope")) == loaded.where(("nations", 0))


def test_merged_and_aliased_values_point_at_the_merge():
    loaded = load_yaml_text(SCENARIO)
    # 'budget' came from '<<: *defaults' on line 25: point at that alias
    assert loaded.where(("nations", 1, "budget")) == (25, 9)
    assert loaded.where(("nations", 1, "tags", 0)) == (25, 9)
    aliased = load_yaml_text("base: &b {x: 1}\ncopy: *b\n")
    assert aliased.where(("copy", "x")) == (2, 7)


def test_bool_hint():
    """A bare yes/no/on/off/y/n is text in YAML 1.2; the hint lets an error say true/false was probably meant."""
    loaded = load_yaml_text(SCENARIO)
    assert loaded.bool_hint(("enabled",)) == "yes"
    assert loaded.bool_hint(("hostile",)) == "No"
    assert loaded.bool_hint(("secret",)) == "off"
    assert loaded.bool_hint(("quoted",)) is None
    assert loaded.bool_hint(("name",)) is None
    assert load_yaml_text("a: true\n").bool_hint(("a",)) is None
    assert load_yaml_text("a: [on, Y]\n").bool_hint(("a", 1)) == "Y"
    assert load_yaml_text("a: [on, y]\n").data == {"a": ["on", "y"]}
    assert problems("b: !!bool yes\n") == ["x.yaml:1:4: b: 'yes' is not a valid !!bool value"]


# ---------------------------------------------------------------- reading the file

def test_missing_file(tmp_path):
    path = tmp_path / "x.yaml"
    assert file_problems(path) == [f"{path}:1:1: cannot read file: no such file"]


def test_missing_file_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert file_problems("x.yaml") == ["x.yaml:1:1: cannot read file: no such file"]


def test_directory(tmp_path):
    assert file_problems(tmp_path) == [f"{tmp_path}:1:1: cannot read file: it is a directory"]


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # module globals shadow builtins, so only the loader's open() is affected
    monkeypatch.setattr(yamlsafe, "open", refuse, raising=False)
    assert file_problems(path) == [f"{path}:1:1: cannot read file: permission denied"]


def test_file_too_large(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"#" * 3_000_000)
    assert file_problems(path) == [f"{path}:1:1: file is 3000000 bytes; the limit is 2000000"]


def test_text_too_large():
    assert problems("#" * 3_000_000) == ["x.yaml:1:1: file is 3000000 bytes; the limit is 2000000"]


def test_binary_nul_bytes():
    assert problems(b"name: x\nnat\x00ions: 1\n") == [
        "x.yaml:2:4: binary data (NUL byte); this must be a UTF-8 text file"]


def test_not_utf8():
    assert problems(b"name: ok\ndesc: caf\xe9 \xff\n") == ["x.yaml:2:10: not UTF-8 text: invalid byte 0xe9"]
    assert problems(b"a: \xff\n") == ["x.yaml:1:4: not UTF-8 text: invalid byte 0xff"]


def test_utf16():
    assert problems("a: 1\n".encode("utf-16")) == ["x.yaml:1:1: the file is UTF-16 text; save it as UTF-8"]


def test_control_character():
    assert problems("a: 1\nb: x\x07\n") == ["x.yaml:2:5: character U+0007 is not allowed in YAML text"]


# ---------------------------------------------------------------- document shape

EMPTY = "x.yaml:1:1: the file is empty; a scenario is a mapping of keys such as 'name:' and 'nations:'"


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n  # and another\n", "---\n"])
def test_empty_file(text):
    assert problems(text) == [EMPTY]


def test_empty_file_on_disk(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("")
    assert file_problems(path) == [EMPTY.replace("x.yaml", str(path))]


def test_root_is_list():
    assert problems("- a\n- b\n") == ["x.yaml:1:1: the top level must be a mapping (key: value), not a list"]


def test_root_is_scalar():
    assert problems("# hi\nhello\n") == ["x.yaml:2:1: the top level must be a mapping (key: value), not text"]
    assert problems("42\n") == ["x.yaml:1:1: the top level must be a mapping (key: value), not a number"]


def test_two_documents():
    assert problems("a: 1\n---\nb: 2\n") == [
        "x.yaml:2:1: only one document is allowed per file (found a second '---')"]


# ---------------------------------------------------------------- syntax

def test_tab_indentation():
    assert problems("nations:\n\t- a\n") == ["x.yaml:2:1: tab character used for indentation; YAML needs spaces"]
    assert problems("a:\n  b: 1\n  \tc: 2\n") == [
        "x.yaml:3:3: tab character used for indentation; YAML needs spaces"]


def test_tabs_inside_text_are_fine():
    assert load_yaml_text("a: |\n  x\n  \ty\nb: c\td\n").data == {"a": "x\n\ty\n", "b": "c\td"}


def test_unterminated_quoted_string():
    assert problems("name: 'Northern\nturns: 4\n") == [
        "x.yaml:3:1: found unexpected end of stream (while scanning a quoted scalar that began at line 1)"]


def test_bad_indentation_in_plain_words():
    assert problems("a:\n  b: 1\n c: 2\n") == [
        "x.yaml:3:2: this line is indented differently from the keys above it (the mapping begun at line 1): keys of "
        "one mapping start in the same column"]
    assert problems("name: X\n  turns: 3\n") == [
        "x.yaml:2:8: this line is indented further than the key above it, so YAML reads it as part of that key's "
        "value; line keys of one mapping up in the same column"]
    assert problems("actions:\n  - id: a\n    name: P\n   category: c\n") == [
        "x.yaml:4:4: this line is indented differently from the list it belongs to (begun at line 2): every item "
        "starts with '-' in the same column, and an item's keys line up under its first key"]


def test_colon_in_a_bare_value_in_plain_words():
    assert problems("briefing: Note: this is it\n") == [
        "x.yaml:1:15: a second ': ' on this line: a value that contains ': ' must be in quotes, e.g. "
        "briefing: \"Note: ...\""]


def test_hash_in_a_bare_value():
    assert problems("nations:\n  - {id: a, color: #a02828}\n") == [
        "x.yaml:3:1: a '#' after a space starts a comment, which hid the rest of the line (and its closing '}' or "
        "']'); put a value with '#' in quotes, e.g. color: \"#a02828\""]
    loaded = load_yaml_text("n:\n  color: #a02828\n  name: A\n")
    assert loaded.data == {"n": {"color": None, "name": "A"}} and loaded.bool_hint(("n", "color")) == "#a02828"


def test_unclosed_bracket():
    assert problems("a: [1, 2\nb: 3\n") == [
        "x.yaml:2:2: did not find expected ',' or ']' (while parsing a flow sequence that began at line 1)"]


# ---------------------------------------------------------------- keys

def test_duplicate_keys_all_reported():
    text = "name: a\nturns: 1\nname: b\nnations:\n  - id: x\n    id: y\nturns: 2\n"
    assert problems(text) == [
        "x.yaml:3:1: name: duplicate key 'name' (first at line 1)",
        "x.yaml:6:5: nations[0].id: duplicate key 'id' (first at line 5)",
        "x.yaml:7:1: turns: duplicate key 'turns' (first at line 2)",
    ]


def test_duplicate_key_and_later_syntax_error_both_reported():
    assert problems("a: 1\na: 2\nb: 'open\n") == [
        "x.yaml:2:1: a: duplicate key 'a' (first at line 1)",
        "x.yaml:4:1: found unexpected end of stream (while scanning a quoted scalar that began at line 3)",
    ]


def test_non_text_keys():
    text = "1: x\n2.5: y\nyes: z\n~: w\n[a]: v\n{b: 1}: u\nok:\n  no: 1\n  true: 2\n"
    assert problems(text) == [
        "x.yaml:1:1: key 1 is a number; write it as text in quotes: '1'",
        "x.yaml:2:1: key 2.5 is a number; write it as text in quotes: '2.5'",
        "x.yaml:4:1: key is empty (null); keys must be text",
        "x.yaml:5:1: keys must be text, not a list",
        "x.yaml:6:1: keys must be text, not a mapping",
        "x.yaml:9:3: ok: key true is read as true; write it in quotes: 'true'",
    ]


def test_quoted_keys_are_text():
    assert load_yaml_text("'1': x\n\"no\": y\n").data == {"1": "x", "no": "y"}


# ---------------------------------------------------------------- tags

def test_python_tag_refused_and_not_run(tmp_path):
    marker = tmp_path / "pwned"
    text = f"name: x\nrun: !!python/object/apply:os.system ['touch {marker}']\n"
    assert problems(text) == ["x.yaml:2:6: run: tag '!!python/object/apply:os.system' is not allowed"]
    assert not marker.exists()


def test_other_tags():
    assert problems("a: !custom x\nb: !!binary aGk=\nc: !!set {x}\nd: ! x\n") == [
        "x.yaml:1:4: a: tag '!custom' is not allowed",
        "x.yaml:2:4: b: tag '!!binary' is not allowed",
        "x.yaml:3:4: c: tag '!!set' is not allowed",
        "x.yaml:4:4: d: tag '!' is not allowed",
    ]


def test_core_tags_allowed():
    text = "a: !!str 12\nb: !!int '7'\nc: !!float 1\nd: !!bool 'true'\ne: !!null ''\nf: !!map {x: 1}\ng: !!seq [1]\n"
    assert load_yaml_text(text).data == {"a": "12", "b": 7, "c": 1.0, "d": True, "e": None,
                                         "f": {"x": 1}, "g": [1]}


def test_core_tag_misused():
    assert problems("a: !!int abc\nb: !!map x\nc: !!str [1]\n") == [
        "x.yaml:1:4: a: 'abc' is not a valid !!int value",
        "x.yaml:2:4: b: tag '!!map' cannot be used on a single value",
        "x.yaml:3:4: c: tag '!!str' cannot be used on a list",
    ]


# ---------------------------------------------------------------- anchors, aliases, merges

def test_plain_anchors_and_merges_work():
    text = textwrap.dedent("""\
        base: &base {trust: 0.5, budget: 10}
        extra: &extra {budget: 99, navy: 3}
        one:
          <<: *base
          trust: 0.9
        two:
          <<: [*extra, *base]
        three: {<<: {a: 1}, b: 2}
        reuse: [*base, *base]
        """)
    loaded = load_yaml_text(text)
    expected = yaml.safe_load(text)
    # YAML merge spec: in '<<: [*a, *b]' keys from *a win. PyYAML 6.0.4 gets this wrong
    # (which one wins depends on string identity), so 'two' is checked on its own.
    del expected["two"]
    two = loaded.data.pop("two")
    assert loaded.data == expected
    assert two == {"budget": 99, "navy": 3, "trust": 0.5}
    assert loaded.data["reuse"][0] is loaded.data["base"]  # shared, never copied


def test_two_merge_keys_in_one_mapping():
    assert problems("a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: *a\n  <<: *b\n") == [
        "x.yaml:5:3: c.<<: duplicate key '<<' (first at line 4); merge several mappings with '<<: [*a, *b]'"]


def test_bad_merge_value():
    assert problems("a: {<<: 5}\n") == [
        "x.yaml:1:9: a: '<<' (merge) needs a mapping or a list of mappings, e.g. '<<: *defaults'"]


def test_alias_problems():
    assert problems("a: *nope\nb: &x [1, *x]\nc: &y 1\nd: &y 2\n") == [
        "x.yaml:1:4: a: alias '*nope' has no anchor '&nope' before it",
        "x.yaml:2:11: b[1]: alias '*x' is used inside its own anchor",
        "x.yaml:4:4: d: duplicate anchor '&y' (first at line 3)",
    ]


def billion_laughs(levels=9):
    lines = ['lol0: &lol0 ["lol"]']
    for i in range(1, levels + 1):
        lines.append(f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs():
    assert problems(billion_laughs()) == [
        "x.yaml:7:14: lol6[0]: document expands to more than 200000 values (aliases nest too deeply?)"]


def test_billion_laughs_deeper_still_stops():
    assert len(problems(billion_laughs(40))) == 1


def test_too_many_plain_values():
    text = "".join(f"k{i}: [x, y]\n" for i in range(60000))
    assert problems(text) == ["x.yaml:50000:13: k49999[1]: document has more than 200000 values"]


def test_many_aliases_under_limit_ok():
    text = "base: &b {x: 1, y: 2}\nall: [" + ", ".join(["*b"] * 1000) + "]\n"
    assert len(load_yaml_text(text).data["all"]) == 1000


# ---------------------------------------------------------------- nesting

DEEP = "x.yaml:{}: nesting deeper than 100 levels"


def test_deep_flow_sequence():
    assert problems("[" * 5000) == [DEEP.format("1:101")]


def test_deep_flow_mapping():
    assert problems("{a: " * 5000) == [DEEP.format("1:401")]


def test_deep_block_sequence():
    assert problems("- " * 5000 + "x\n") == [DEEP.format("1:201")]


def test_deep_indented_mapping():
    text = "".join(" " * i + "a:\n" for i in range(1000)) + " " * 1000 + "x\n"
    assert problems(text) == [DEEP.format("101:101")]


def test_depth_at_limit_ok():
    data = load_yaml_text("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n").data
    for _ in range(MAX_DEPTH - 1):
        data = data["a"] if isinstance(data, dict) else data[0] if data else data
    assert data == []


# ---------------------------------------------------------------- robustness

def test_garbage_never_raises_anything_else():
    rng = random.Random(1234)
    seed = SCENARIO.encode()
    alphabet = b"[]{}:-,&*!|>'\"#%@`?\t\n \\x\x00\xff\xc3"
    for _ in range(400):
        data = bytearray(seed)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.choice(alphabet)
        try:
            result = load_yaml_text(bytes(data))
        except ContentError as exc:
            assert exc.problems and all("\n" not in str(p) for p in exc.problems)
        else:
            assert isinstance(result.data, dict)


def test_wrong_input_type():
    assert problems(12345) == ["x.yaml:1:1: expected YAML text"]
