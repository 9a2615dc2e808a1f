"""The plugin registry: discovery through entry points, skipping broken plugins and
plugins of another interface version with a warning, tie-breaking between plugins
that claim the same extension or content, and the ``formats`` command that shows it."""

from __future__ import annotations

import json
import os
import re
import textwrap
import warnings
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import govreport
from govreport import PluginError, UnsupportedFormatError
from govreport.cli import main
from govreport.document import Paragraph
from govreport.messages import use_language
from govreport.plugins import ENTRY_POINT_GROUP, PRIORITY_ENV, Registry, set_registry
from govreport.source import Source

# Plugins as a stranger's package would ship them, written to a folder on sys.path so
# that entry points load them by module name, exactly as installed ones are loaded.
FAKE_FORMATS = '''
from govreport.document import Document, Paragraph
from govreport.errors import ParseError

LOADS = []


class RepA:
    name = "rep_a"
    extensions = ("rep",)
    media_types = ("application/x-rep",)
    interface_version = 1
    priority = 0

    def __init__(self):
        LOADS.append(self.name)

    def sniff(self, head):
        return head.startswith(b"REP")

    def read(self, source):
        return Document(blocks=(Paragraph(self.name),), format=self.name)


class RepB(RepA):
    name = "rep_b"
    priority = 5


class RepC(RepA):
    name = "rep_c"


class RepPicky(RepA):
    """Claims .rep but only reads files starting with REP2."""

    name = "rep_picky"
    priority = 9

    def sniff(self, head):
        return head.startswith(b"REP2")


class Future(RepA):
    name = "future"
    interface_version = 2


class Nameless(RepA):
    name = "Not Lower"


class Raising(RepA):
    name = "raising"
    extensions = ("rse",)
    priority = 100

    def sniff(self, head):
        raise RuntimeError("sniff blew up")


class Leaky(RepA):
    name = "leaky"
    extensions = ("lky",)

    def read(self, source):
        raise KeyError("word/document.xml")
'''

BROKEN_FORMAT = 'raise ImportError("this plugin needs libfoo, which is not installed")\n'


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    (tmp_path / "fakeformats.py").write_text(FAKE_FORMATS, encoding="utf-8")
    (tmp_path / "brokenformat.py").write_text(BROKEN_FORMAT, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv(PRIORITY_ENV, raising=False)
    yield tmp_path
    set_registry(None)


def ep(name: str, value: str) -> metadata.EntryPoint:
    return metadata.EntryPoint(name=name, value=value, group=ENTRY_POINT_GROUP)


def registry_of(*pairs: tuple[str, str]) -> Registry:
    return Registry([ep(name, value) for name, value in pairs])


REP = Source(data=b"REP1 some report", name="report.rep")


# --- skipping plugins that cannot be used ------------------------------------------------


def test_a_plugin_that_fails_to_import_is_skipped_with_a_warning_naming_it(fake: Path) -> None:
    registry = registry_of(("rep_a", "fakeformats:RepA"), ("broken", "brokenformat:BrokenFormat"))
    with (
        use_language("en"),
        pytest.warns(
            RuntimeWarning, match=r"'broken' \(brokenformat:BrokenFormat\) failed to load.*libfoo"
        ),
    ):
        infos = {info.name: info for info in registry.infos()}
    assert infos["broken"].error == "ImportError: this plugin needs libfoo, which is not installed"
    assert not infos["broken"].can_read
    assert registry.get("rep_a").read(REP).blocks == (Paragraph("rep_a"),)


def test_a_missing_module_or_attribute_is_skipped_too(fake: Path) -> None:
    registry = registry_of(
        ("rep_a", "fakeformats:RepA"),
        ("gone", "no_such_module_anywhere:Format"),
        ("typo", "fakeformats:RepZ"),
    )
    with pytest.warns(RuntimeWarning) as caught:
        infos = {info.name: info for info in registry.infos()}
    messages = " ".join(str(w.message) for w in caught)
    assert "'gone'" in messages and "'typo'" in messages
    assert infos["gone"].error is not None and "ModuleNotFoundError" in infos["gone"].error
    assert infos["typo"].error is not None and "AttributeError" in infos["typo"].error
    assert [p.name for p in registry.ordered()] == ["rep_a"]


def test_a_plugin_for_another_interface_version_is_skipped_saying_what_is_needed(
    fake: Path,
) -> None:
    registry = registry_of(("rep_a", "fakeformats:RepA"), ("future", "fakeformats:Future"))
    with (
        use_language("en"),
        pytest.warns(
            RuntimeWarning,
            match=r"'future' \(fakeformats:Future\) is skipped: it was written for format interface "
            r"version 2; this govreport needs version 1",
        ),
    ):
        names = [p.name for p in registry.ordered()]
    assert names == ["rep_a"]
    assert {i.name: i.error for i in registry.infos()}["future"] is not None
    with (
        use_language("en"),
        pytest.raises(UnsupportedFormatError, match="no installed format is called 'future'"),
    ):
        registry.get("future")


def test_a_plugin_with_a_bad_name_is_skipped(fake: Path) -> None:
    registry = registry_of(("nameless", "fakeformats:Nameless"))
    with pytest.warns(RuntimeWarning, match="插件名称必须是非空的小写字符串"):
        assert registry.ordered() == []
    with use_language("en"):
        assert registry.infos()[0].error == "its name must be a non-empty lower-case string"


def test_two_plugins_with_one_name_keep_the_first_entry_point_by_name(fake: Path) -> None:
    registry = registry_of(("b_second", "fakeformats:RepA"), ("a_first", "fakeformats:RepA"))
    with (
        use_language("en"),
        pytest.warns(RuntimeWarning, match=r"'b_second'.*the name 'rep_a' is taken"),
    ):
        infos = registry.infos()
    assert [(i.name, i.error is None) for i in infos] == [("rep_a", True), ("b_second", False)]
    assert infos[1].error == "名称 'rep_a' 已被另一个插件占用"


def test_a_skipped_plugins_reason_is_in_the_language_of_whoever_asks(fake: Path) -> None:
    # the registry is loaded once (here in Chinese); the reason is kept as a message ID,
    # so asking in English later gives English, not the language of the first load
    registry = registry_of(
        ("future", "fakeformats:Future"),
        ("a_first", "fakeformats:RepA"),
        ("b_second", "fakeformats:RepA"),
    )
    with pytest.warns(RuntimeWarning):
        infos = {info.name: info for info in registry.infos()}
    future, taken = infos["future"], infos["b_second"]
    assert future.error == "它是为格式接口版本 2 编写的；本 govreport 需要版本 1"
    assert taken.error == "名称 'rep_a' 已被另一个插件占用"
    with use_language("en"):
        assert future.error == (
            "it was written for format interface version 2; this govreport needs version 1"
        )
        assert taken.error == "the name 'rep_a' is taken by another plugin"
    assert future.problem is not None
    assert future.problem.to_dict() == {
        "id": "plugin.problem.version",
        "fields": {"needed": 1, "version": "2"},
    }


def test_plugins_are_loaded_lazily_and_once(fake: Path) -> None:
    import fakeformats  # type: ignore[import-not-found]

    fakeformats.LOADS.clear()
    registry = registry_of(("rep_a", "fakeformats:RepA"), ("rep_b", "fakeformats:RepB"))
    assert fakeformats.LOADS == []
    registry.get("rep_a")
    registry.choose(REP)
    registry.infos()
    assert sorted(fakeformats.LOADS) == ["rep_a", "rep_b"]


# --- tie-breaking ------------------------------------------------------------------------


@pytest.fixture
def rivals(fake: Path) -> Registry:
    """Four plugins claiming .rep: b has priority 5, picky 9 (but only sniffs REP2)."""
    return registry_of(
        ("rep_a", "fakeformats:RepA"),
        ("rep_b", "fakeformats:RepB"),
        ("rep_c", "fakeformats:RepC"),
        ("rep_picky", "fakeformats:RepPicky"),
    )


def test_the_higher_priority_wins_among_plugins_whose_sniff_agrees(rivals: Registry) -> None:
    assert rivals.choose(REP).name == "rep_b"
    assert rivals.choose(Source(b"REP2 report", "x.rep")).name == "rep_picky"


def test_equal_priorities_go_by_name(rivals: Registry) -> None:
    assert [p.name for p in rivals.for_extension("rep")] == ["rep_picky", "rep_b", "rep_a", "rep_c"]


def test_the_environment_variable_overrides_priority(
    rivals: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PRIORITY_ENV, "rep_c, rep_a")
    assert rivals.choose(REP).name == "rep_c"
    assert [p.name for p in rivals.ordered()] == ["rep_c", "rep_a", "rep_picky", "rep_b"]
    # a preferred plugin whose sniff disagrees is still passed over for one that agrees
    monkeypatch.setenv(PRIORITY_ENV, "rep_picky")
    assert rivals.choose(REP).name == "rep_b"


def test_format_names_override_everything(
    rivals: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PRIORITY_ENV, "rep_b")
    assert rivals.choose(REP, "rep_c").name == "rep_c"
    assert rivals.choose(REP, "REP_A").name == "rep_a"


def test_content_decides_without_an_extension(rivals: Registry) -> None:
    assert rivals.choose(Source(b"REP1 report", name=None)).name == "rep_b"
    with pytest.raises(UnsupportedFormatError, match="没有已安装的格式能识别此输入"):
        rivals.choose(Source(b"something else", name=None))


def test_the_extension_wins_when_no_sniff_agrees(rivals: Registry) -> None:
    # the first plugin for the extension is asked to read, so that it can say what is wrong
    assert rivals.choose(Source(b"garbage", "x.rep")).name == "rep_picky"


def test_a_sniff_that_raises_counts_as_not_mine(fake: Path) -> None:
    registry = registry_of(("raising", "fakeformats:Raising"), ("rep_a", "fakeformats:RepA"))
    assert registry.choose(Source(b"REP1", None)).name == "rep_a"


def test_load_and_read_document_use_the_registry_and_format(fake: Path) -> None:
    set_registry(registry_of(("rep_a", "fakeformats:RepA"), ("rep_b", "fakeformats:RepB")))
    assert govreport.read_document(b"REP1 report").format == "rep_b"
    assert govreport.read_document(b"REP1 report", format="rep_a").format == "rep_a"


def test_a_foreign_error_from_read_reaches_the_caller_as_a_plugin_error(fake: Path) -> None:
    set_registry(registry_of(("leaky", "fakeformats:Leaky")))
    with (
        use_language("en"),
        pytest.raises(
            PluginError, match=r"the 'leaky' format plugin failed on this input: KeyError"
        ) as caught,
    ):
        govreport.read_document(Source(b"REP1", "x.lky"))
    assert isinstance(caught.value.__cause__, KeyError)


# --- discovery of an installed distribution -----------------------------------------------


@pytest.fixture
def installed(fake: Path) -> Path:
    """A distribution installed the way pip leaves one: a dist-info folder on sys.path."""
    info = fake / "fakeformats-2.5.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: fakeformats\nVersion: 2.5\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        textwrap.dedent(
            f"""\
            [{ENTRY_POINT_GROUP}]
            rep_a = fakeformats:RepA
            future = fakeformats:Future
            broken = brokenformat:BrokenFormat
            """
        ),
        encoding="utf-8",
    )
    return fake


def test_installed_plugins_are_found_with_their_distribution(installed: Path) -> None:
    with pytest.warns(RuntimeWarning) as caught:
        infos = {info.name: info for info in Registry().infos()}
    assert {"'broken'", "'future'"} <= {
        m for w in caught for m in ("'broken'", "'future'") if m in str(w.message)
    }
    assert (infos["rep_a"].distribution, infos["rep_a"].version) == ("fakeformats", "2.5")
    assert infos["rep_a"].extensions == ("rep",)
    assert infos["rep_a"].media_types == ("application/x-rep",)
    assert infos["rep_a"].can_read and not infos["rep_a"].can_write
    assert infos["broken"].distribution == "fakeformats"
    # the built-in formats, registered the same way, keep working next to broken ones
    assert infos["text"].distribution == "govreport" and infos["text"].error is None


# --- the formats command ------------------------------------------------------------------


def test_formats_command_lists_plugins_and_failures(
    installed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_registry(Registry())
    # a plugin that failed to load makes the status 1; the command says so through its
    # log (one line each on stderr), not Python's warnings
    assert main(["--lang", "en", "formats"]) == 1
    captured = capsys.readouterr()
    out = captured.out
    assert "govreport: format plugin 'broken' (brokenformat:BrokenFormat) skipped" in captured.err
    table, skipped = out.split("skipped")
    rep_line = next(line for line in table.splitlines() if line.startswith("rep_a"))
    assert rep_line.split() == [
        "rep_a",
        "yes",
        "no",
        ".rep",
        "fakeformats",
        "2.5",
        "fakeformats:RepA",
    ]
    text_line = next(line for line in table.splitlines() if line.startswith("text "))
    assert text_line.split()[:3] == ["text", "yes", "yes"] and ".txt" in text_line
    assert "(2 failed to load)" in skipped
    assert (
        "broken (brokenformat:BrokenFormat, from fakeformats 2.5): ImportError: this plugin needs libfoo"
        in skipped
    )
    assert (
        "future (fakeformats:Future, from fakeformats 2.5): it was written for format interface version 2"
        in skipped
    )
    assert PRIORITY_ENV in out
    # the same (cached) registry, shown in Chinese: the reasons follow the run's language
    assert main(["--lang", "zh", "formats"]) == 1
    out = capsys.readouterr().out
    assert (
        "  future（fakeformats:Future，来自 fakeformats 2.5）："
        "它是为格式接口版本 2 编写的；本 govreport 需要版本 1"
    ) in out.splitlines()


def test_formats_command_as_json(installed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    set_registry(Registry())
    # the skipped plugins are told through the log (stderr), in either language, not as
    # Python warnings besides
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert main(["formats", "--json"]) == 1
    captured = capsys.readouterr()
    assert (
        "govreport: 格式插件 'future'（fakeformats:Future）已跳过：它是为格式接口版本 2"
        in captured.err
    )
    listed = {item["name"]: item for item in json.loads(captured.out)}
    assert listed["rep_a"]["version"] == "2.5"
    assert listed["rep_a"]["error"] is None and listed["rep_a"]["problem"] is None
    # the reason in the run's language, and as an ID with fields for programs
    assert listed["future"]["error"] == "它是为格式接口版本 2 编写的；本 govreport 需要版本 1"
    assert listed["future"]["problem"]["id"] == "plugin.problem.version"
    assert main(["--lang", "en", "formats", "--json"]) == 1
    listed = {item["name"]: item for item in json.loads(capsys.readouterr().out)}
    assert listed["future"]["error"] == (
        "it was written for format interface version 2; this govreport needs version 1"
    )


# --- the choice over real files, against the rule as written -----------------------------

DATA = Path(__file__).resolve().parent / "data"
# The shared seeds and corpus are checked too where this machine has them.
SHARED = [Path("/work/shared/seeds"), Path("/work/shared/corpus")]
REAL_FILES = sorted(
    path
    for folder in [DATA, *SHARED]
    if folder.is_dir()
    for path in folder.rglob("*")
    if path.is_file()
)


def markdown_sniff_as_written(head: bytes) -> bool:
    """The Markdown plugin's sniff as its docstring states it, pattern by pattern over
    the whole head (the plugin answers from one faster pass)."""
    from govreport.formats.markdown import _EVIDENCE, SNIFF_BYTES
    from govreport.source import decode_head, looks_binary

    head = head[:SNIFF_BYTES]
    if not head.strip() or looks_binary(head):
        return False
    text = decode_head(head)
    if text is None or re.search(r"\S\t+\S", text):
        return False
    return any(pattern.search(text) for pattern in _EVIDENCE)


def choice_as_written(registry: Registry, source: Source) -> str:
    """Registry.choose's docstring, step by step, every plugin's sniff asked."""
    preferred = [
        p.strip().lower() for p in os.environ.get(PRIORITY_ENV, "").split(",") if p.strip()
    ]
    rank = {name: i for i, name in enumerate(preferred)}
    ranked = sorted(
        registry.ordered(),
        key=lambda p: (rank.get(p.name, len(rank)), -int(getattr(p, "priority", 0)), p.name),
    )
    claimers = [p for p in ranked if source.extension and source.extension in p.extensions]
    sniffers = [p for p in ranked if p.sniff(source.head)]
    for plugin in sniffers:
        fallback = plugin.name not in preferred and int(getattr(plugin, "priority", 0)) <= 0
        if plugin in claimers and (not fallback or all(p in claimers for p in sniffers)):
            return plugin.name
    if sniffers:
        return sniffers[0].name
    return claimers[0].name if claimers else ""


def test_the_markdown_sniff_answers_as_its_patterns_say_for_every_real_file() -> None:
    from govreport.formats.markdown import MarkdownFormat

    sniff = MarkdownFormat().sniff
    assert len(REAL_FILES) >= 90
    answers = {path.name: sniff(path.read_bytes()) for path in REAL_FILES}
    for path in REAL_FILES:
        assert answers[path.name] == markdown_sniff_as_written(path.read_bytes()), path
    assert answers["pingtan_2021_page.pandoc_gfm.md"] is True
    assert answers["pingtan_2023_page.html"] is False


@given(
    st.text(alphabet=st.sampled_from(list(" \t\n\r|:-#`~+=*_>a中\xa0\u3000\x1c")), max_size=60).map(
        lambda text: text.encode("utf-8")
    )
)
def test_the_markdown_sniff_answers_as_its_patterns_say_for_any_text(head: bytes) -> None:
    from govreport.formats.markdown import MarkdownFormat

    assert MarkdownFormat().sniff(head) == markdown_sniff_as_written(head)


def html_sniff_as_written(head: bytes) -> bool:
    """The HTML plugin's sniff by decoding first (the plugin refuses a head that starts
    with no markup from its first bytes)."""
    from govreport.formats.html import _SNIFF_START
    from govreport.source import decode_head, looks_binary

    if looks_binary(head):
        return False
    text = decode_head(head[:4096])
    return text is not None and _SNIFF_START.match(text.lstrip("\ufeff")) is not None


def test_the_html_sniff_answers_as_decoding_first_would_for_every_real_file() -> None:
    from govreport.formats.html import HtmlFormat

    sniff = HtmlFormat().sniff
    answers = {path.name: sniff(path.read_bytes()[:65536]) for path in REAL_FILES}
    for path in REAL_FILES:
        assert answers[path.name] == html_sniff_as_written(path.read_bytes()[:65536]), path
    assert answers["pingtan_2023_page.html"] is True
    assert answers["pingtan_gov_2023_page.txt"] is False


@given(
    st.lists(
        st.sampled_from(
            [
                *(" ", "\t", "\n", "<p>", "<!-- a -->", "<", "#", "a", "中", "表", "\u4000"),
                *("\u9fff", "\ufeff", "\xa0", "\u3000", "\x1c", "\x85", "\u2028"),
            ]
        ),
        max_size=6,
    ).map("".join),
    st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-8-sig"]),
    st.binary(max_size=4),
)
@example("\x1c<p>", "utf-8", b"")
@example("\u3000<p>", "gb18030", b"")
@example("\u2028<p>", "utf-8", b"")
@example("\ufeff<p>", "gb18030", b"")
@example("中<p>", "utf-8", b"")
def test_the_html_sniff_answers_as_decoding_first_would_for_any_head(
    text: str, encoding: str, tail: bytes
) -> None:
    # the text in each encoding, with any bytes after it (a cut or foreign character)
    from govreport.formats.html import HtmlFormat

    head = text.encode(encoding) + tail
    assert HtmlFormat().sniff(head) == html_sniff_as_written(head)
    assert HtmlFormat().sniff(tail + head) == html_sniff_as_written(tail + head)


@pytest.mark.parametrize("priority", ["", "text", "markdown,html", "text,markdown"])
def test_every_real_file_gets_the_plugin_the_rule_chooses(
    priority: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PRIORITY_ENV, priority)
    chosen = govreport.plugins.registry()
    picks: dict[tuple[str, str | None], str] = {}
    for path in REAL_FILES:
        data = path.read_bytes()
        for name in (path.name, None, "x.txt", "x.md", "x.html", "x.pdf", "x.json", "x.docx"):
            source = Source(data, name)
            expected = choice_as_written(chosen, source)
            try:
                got = chosen.choose(source).name
            except UnsupportedFormatError:
                got = ""
            assert got == expected, (path, name)
            picks[(path.name, name)] = got
    if priority == "":
        assert picks[("pingtan_2023_page.html", None)] == "html"
        assert picks[("pingtan_2023_page.html", "x.txt")] == "html"
        assert picks[("pingtan_2021_page.pandoc_gfm.md", "x.md")] == "markdown"
        assert picks[("pingtan_gov_2023_page.txt", "x.md")] == "text"
    if priority == "text":
        assert picks[("pingtan_2023_page.html", "x.txt")] == "text"


def test_a_changed_priority_setting_takes_effect_on_the_next_choice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = Source((DATA / "corpus" / "pingtan_2023_page.html").read_bytes(), "page.txt")
    chosen = govreport.plugins.registry()
    monkeypatch.delenv(PRIORITY_ENV, raising=False)
    assert chosen.choose(page).name == "html"
    monkeypatch.setenv(PRIORITY_ENV, "text")
    assert chosen.choose(page).name == "text"
    assert chosen.ordered()[0].name == "text"
    monkeypatch.setenv(PRIORITY_ENV, "")
    assert chosen.choose(page).name == "html"
    assert chosen.ordered()[0].name != "text"
