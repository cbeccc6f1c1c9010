"""The one output rule: which files a run writes, what it refuses to touch, and
that a set of outputs appears all together or not at all."""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from impactchain import _output_write
from impactchain._output import OutputError, WriteError, parse_formats, plan_outputs, write_all
from impactchain.report import write_report

ROOT = Path(__file__).resolve().parents[2]
AVAILABLE = ("html", "md", "json")
CONTENTS = {"html": "<p>new</p>\n", "md": "new\n", "json": b'{"new": 1}\n'}


def plan(target, formats=None, inputs=(), default_dir="report"):
    return plan_outputs(target, formats, available=AVAILABLE, default_dir=default_dir, inputs=inputs)


def listing(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


def old_report(d: Path) -> dict[str, bytes]:
    d.mkdir(exist_ok=True)
    for ext in ("html", "md", "json"):
        (d / f"report.{ext}").write_text(f"old {ext}\n", encoding="utf-8")
    (d / "notes.txt").write_text("mine\n", encoding="utf-8")
    return listing(d)


# --------------------------------------------------------------------------- a file


@pytest.mark.parametrize(
    "name,fmt", [("r.html", "html"), ("R.HTM", "html"), ("notes.md", "md"), ("numbers.json", "json")]
)
def test_a_file_is_written_alone_in_its_extensions_format(tmp_path, name, fmt):
    (tmp_path / "keep.md").write_text("keep\n", encoding="utf-8")
    p = plan(tmp_path / name)
    assert p.formats == (fmt,) and p.paths == [tmp_path / name]
    assert write_all(p, {fmt: CONTENTS[fmt]}) == [tmp_path / name]
    want = CONTENTS[fmt].encode() if isinstance(CONTENTS[fmt], str) else CONTENTS[fmt]
    assert listing(tmp_path) == {"keep.md": b"keep\n", name: want}


def test_report_beside_its_json_model_leaves_the_model_alone(tmp_path):
    model = tmp_path / "model.json"
    data = json.loads((ROOT / "tests" / "data" / "model_basic.json").read_text(encoding="utf-8"))
    data["soft_outcomes"] = []  # its survey is not beside the copy
    model.write_text(json.dumps(data), encoding="utf-8")
    before = model.read_bytes()
    written = write_report([model], tmp_path / "model.html", draws=100, seed=1)
    assert written == [tmp_path / "model.html"]
    assert model.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.html", "model.json"]
    assert (tmp_path / "model.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_input_is_never_an_output_however_named(tmp_path):
    model = tmp_path / "model.json"
    model.write_text("{}", encoding="utf-8")
    with pytest.raises(OutputError, match=r"model\.json: is an input of this run"):
        plan(model, inputs=[model])
    (tmp_path / "sub").mkdir()
    with pytest.raises(OutputError, match="is an input of this run"):
        plan(tmp_path / "sub" / ".." / "model.json", inputs=[model])
    os.link(model, tmp_path / "alias.json")  # a hard link: another name, the same file
    with pytest.raises(OutputError, match=r"alias\.json: is an input of this run"):
        plan(tmp_path / "alias.json", inputs=[model])
    (tmp_path / "d").mkdir()
    os.link(model, tmp_path / "d" / "report.json")
    with pytest.raises(OutputError, match=r"report\.json: is an input of this run"):
        plan(tmp_path / "d", inputs=[model])
    assert plan(tmp_path / "other.json", inputs=[model]).paths == [tmp_path / "other.json"]
    later = plan(tmp_path / "d" / "report.json")  # the data files are known only once the models are read
    with pytest.raises(OutputError, match="is an input of this run"):
        later.with_inputs([model])
    assert model.read_text(encoding="utf-8") == "{}"


def test_data_files_of_the_models_are_inputs(tmp_path):
    shutil.copytree(ROOT / "examples" / "data" / "surveys", tmp_path / "surveys")
    shutil.copy(ROOT / "examples" / "data" / "minimal.yaml", tmp_path / "minimal.yaml")
    data = tmp_path / "surveys" / "market_cleaning.csv"
    before = data.read_bytes()
    os.link(data, tmp_path / "report.md")  # the survey under another name
    with pytest.raises(OutputError, match=r"report\.md: is an input of this run"):
        write_report([tmp_path / "minimal.yaml"], tmp_path / "report.md", draws=100, seed=1)
    assert data.read_bytes() == before


def test_a_symlink_at_an_output_path_is_refused(tmp_path):
    target = tmp_path / "target.html"
    target.write_text("theirs\n", encoding="utf-8")
    (tmp_path / "link.html").symlink_to(target)
    with pytest.raises(OutputError, match=r"link\.html: is a symbolic link"):
        plan(tmp_path / "link.html")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "report.md").symlink_to(target)
    with pytest.raises(OutputError, match=r"report\.md: is a symbolic link"):
        plan(tmp_path / "d")
    (tmp_path / "dangling.json").symlink_to(tmp_path / "nowhere.json")
    with pytest.raises(OutputError, match="symbolic link"):
        plan(tmp_path / "dangling.json")
    assert target.read_text(encoding="utf-8") == "theirs\n" and not (tmp_path / "nowhere.json").exists()


def test_dev_full_is_not_a_regular_file():
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    with pytest.raises(OutputError, match=r"/dev/full: is not a regular file"):
        plan("/dev/full")
    assert not os.path.exists("/dev/full.html")


def test_a_fifo_is_not_a_regular_file(tmp_path):
    os.mkfifo(tmp_path / "pipe.html")
    with pytest.raises(OutputError, match=r"pipe\.html: is not a regular file"):
        plan(tmp_path / "pipe.html")
    (tmp_path / "d").mkdir()
    os.mkfifo(tmp_path / "d" / "report.json")
    with pytest.raises(OutputError, match=r"report\.json: is not a regular file"):
        plan(tmp_path / "d")
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe.html").st_mode)


def test_a_directory_where_a_file_is_expected_is_refused(tmp_path):
    (tmp_path / "d" / "report.html").mkdir(parents=True)
    with pytest.raises(OutputError, match=r"report\.html: is a directory where a file is to be written"):
        plan(tmp_path / "d")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="not a directory"):
        plan(str(tmp_path / "file") + "/")
    with pytest.raises(OutputError, match="is a file, not a directory"):
        plan(tmp_path / "file" / "r.html")


# --------------------------------------------------------------------------- formats


def test_extensions_that_cannot_be_written_name_the_allowed_ones(tmp_path):
    with pytest.raises(
        OutputError,
        match=r"the extension '\.txt' names no format; the report can be written as "
        r"\.html, \.md, \.json",
    ):
        plan(tmp_path / "r.txt")
    with pytest.raises(OutputError, match="PDF output is not available in this version"):
        plan(tmp_path / "r.pdf")
    with pytest.raises(OutputError, match="Excel output is not available in this version"):
        plan(tmp_path / "r.xlsx")
    (tmp_path / "noext").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="the file name has no extension"):
        plan(tmp_path / "noext")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["noext"]


def test_a_file_with_other_formats_is_an_error(tmp_path):
    with pytest.raises(
        OutputError,
        match=r"written in the one format its extension names \(html\); the format list "
        r"also asks for md, json: give a directory",
    ):
        plan(tmp_path / "r.html", "html,md,json")
    assert plan(tmp_path / "r.html", "html").paths == [tmp_path / "r.html"]


def test_a_directory_receives_the_default_formats_a_file_any_available_one(tmp_path):
    avail = ("html", "md", "json", "pdf")
    d = plan_outputs(tmp_path / "out/", available=avail, default_dir="x", default_formats=("html", "md"))
    assert d.formats == ("html", "md")
    assert plan_outputs(
        tmp_path / "out/", "pdf,html", available=avail, default_dir="x", default_formats=("html", "md")
    ).formats == ("pdf", "html")
    f = plan_outputs(tmp_path / "r.pdf", available=avail, default_dir="x", default_formats=("html", "md"))
    assert f.files == (("pdf", tmp_path / "r.pdf"),)


def test_parse_formats():
    assert parse_formats("html, MD,html", AVAILABLE) == ("html", "md")
    assert parse_formats(["json"], AVAILABLE) == ("json",)
    with pytest.raises(OutputError, match="unknown format 'docx'; the report can be written as: html, md, json"):
        parse_formats("html,docx", AVAILABLE)
    with pytest.raises(OutputError, match="PDF output is not available in this version"):
        parse_formats("pdf", AVAILABLE)
    with pytest.raises(OutputError, match="empty format name"):
        parse_formats("html,", AVAILABLE)


# --------------------------------------------------------------------------- a directory


def test_a_directory_gets_report_files_and_nothing_else_changes(tmp_path):
    d = tmp_path / "out"
    before = old_report(d)
    p = plan(d, "json,html")
    assert p.paths == [d / "report.json", d / "report.html"]
    write_all(p, {"json": CONTENTS["json"], "html": CONTENTS["html"]})
    after = listing(d)
    assert after["report.json"] == CONTENTS["json"] and after["report.html"] == CONTENTS["html"].encode()
    assert after["report.md"] == before["report.md"] and after["notes.txt"] == b"mine\n"
    assert set(after) == set(before)


@pytest.mark.parametrize("target", ["new/", "new"])
def test_a_new_directory_is_created_only_when_writing(tmp_path, target):
    p = plan(str(tmp_path / target))
    assert p.formats == AVAILABLE and not (tmp_path / "new").exists()
    assert write_all(p, CONTENTS) == [tmp_path / "new" / f"report.{e}" for e in ("html", "md", "json")]
    assert sorted(listing(tmp_path / "new")) == ["report.html", "report.json", "report.md"]


def test_without_a_target_the_default_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = plan(None, default_dir="impactchain-demo")
    assert p.paths == [Path("impactchain-demo") / f"report.{e}" for e in ("html", "md", "json")]
    assert not (tmp_path / "impactchain-demo").exists()


def test_rerun_replaces_and_keeps_an_existing_files_mode(tmp_path):
    d = tmp_path / "out"
    old_report(d)
    os.chmod(d / "report.md", 0o600)
    write_all(plan(d), CONTENTS)
    write_all(plan(d), {"html": "2", "md": "2", "json": "2"})
    assert {n: b for n, b in listing(d).items() if n.startswith("report")} == {
        "report.html": b"2",
        "report.md": b"2",
        "report.json": b"2",
    }
    assert stat.S_IMODE(os.stat(d / "report.md").st_mode) == 0o600
    umask = os.umask(0o022)
    os.umask(umask)
    write_all(plan(tmp_path / "fresh.html"), {"html": "x"})
    assert stat.S_IMODE(os.stat(tmp_path / "fresh.html").st_mode) == 0o666 & ~umask


# --------------------------------------------------------------------------- failures leave nothing


def _fail_on_second_write(monkeypatch, err):
    calls = {"n": 0}
    real = _output_write._write_bytes

    def write(fd, data):
        calls["n"] += 1
        if calls["n"] == 2:
            real(fd, data[: len(data) // 2])  # half written, then the disk is full
            raise err
        real(fd, data)

    monkeypatch.setattr(_output_write, "_write_bytes", write)


def test_disk_full_leaves_the_earlier_report_intact(tmp_path, monkeypatch):
    d = tmp_path / "out"
    before = old_report(d)
    _fail_on_second_write(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    with pytest.raises(
        WriteError,
        match=r"cannot write .*report\.md: No space left on device; nothing was written "
        "and earlier files are unchanged",
    ) as e:
        write_all(plan(d), {"html": "x" * 10000, "md": "y" * 10000, "json": "z" * 10000})
    assert e.value.errno == errno.ENOSPC and isinstance(e.value, OSError)
    assert listing(d) == before  # no temporaries, nothing cut off


def test_permission_denied_is_a_clear_error(tmp_path, monkeypatch):
    _fail_on_second_write(monkeypatch, PermissionError(errno.EACCES, "Permission denied"))
    with pytest.raises(WriteError, match="Permission denied; nothing was written"):
        write_all(plan(tmp_path / "new" / "deeper/"), CONTENTS)
    assert list(tmp_path.iterdir()) == []  # the directories this run created are gone again


def test_a_failed_rename_puts_every_earlier_file_back(tmp_path, monkeypatch):
    d = tmp_path / "out"
    before = old_report(d)
    real = os.replace
    renames = []

    def replace(src, dst):
        if str(src).endswith(".tmp"):
            renames.append(dst)
            if len(renames) == 3:
                raise OSError(errno.EIO, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(WriteError, match="Input/output error"):
        write_all(plan(d), CONTENTS)
    monkeypatch.undo()
    assert len(renames) == 3
    assert listing(d) == before


def test_a_failed_run_leaves_no_new_directory(tmp_path, monkeypatch):
    _fail_on_second_write(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
    with pytest.raises(WriteError):
        write_all(plan(tmp_path / "a" / "b"), CONTENTS)
    assert not (tmp_path / "a").exists()


def test_contents_must_match_the_plan(tmp_path):
    with pytest.raises(ValueError, match=r"missing \['md', 'json'\]"):
        write_all(plan(tmp_path / "d"), {"html": "x"})
    assert not (tmp_path / "d").exists()


def test_a_path_that_became_a_link_before_writing_is_refused(tmp_path):
    p = plan(tmp_path / "r.html")
    (tmp_path / "elsewhere.html").write_text("theirs", encoding="utf-8")
    (tmp_path / "r.html").symlink_to(tmp_path / "elsewhere.html")
    with pytest.raises(OutputError, match="symbolic link"):
        write_all(p, {"html": "mine"})
    assert (tmp_path / "elsewhere.html").read_text(encoding="utf-8") == "theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere.html", "r.html"]
