"""Writers take turns: concurrent CLI imports in real processes, the lock's timeout, re-planning."""
from __future__ import annotations

import multiprocessing
import sys
import threading
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from campaign.cli import main
from campaign.config import load_config
from campaign.ingest.importer import apply_import, plan_import, read_files
from campaign.store import Store, StoreBusy
from tests.store_consistency import TEMPLATE, election_file, election_files, problems

CONFIG = load_config()


def _run_cli(args: list[str], out: str, start: multiprocessing.synchronize.Barrier) -> None:
    """A child process: `python -m campaign ARGS`, output to files, exit code as the process's."""
    with open(out, "w", encoding="utf-8") as stdout, open(out + ".err", "w", encoding="utf-8") as stderr:
        with redirect_stdout(stdout), redirect_stderr(stderr):
            start.wait()
            code = main(args)
    sys.exit(code)


def _context():
    # Children fork from a clean server that has imported the CLI once: real processes, fast start.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["campaign.cli"])
    return context


def import_concurrently(data_dir: Path, files: list[Path], out_dir: Path) -> list[tuple[int, str, str]]:
    """One `import` process per file, all released at once; (exit code, stdout, stderr) per file."""
    context = _context()
    start = context.Barrier(len(files))
    outs = [str(out_dir / f"{f.name}.out") for f in files]
    processes = [context.Process(target=_run_cli, args=(["import", "--data-dir", str(data_dir), str(f)], out, start))
                 for f, out in zip(files, outs)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
    return [(p.exitcode, Path(out).read_text(encoding="utf-8"), Path(out + ".err").read_text(encoding="utf-8"))
            for p, out in zip(processes, outs)]


@pytest.mark.parametrize(("writers", "rounds"), [(2, 3), (6, 2)])
def test_concurrent_imports_lose_nothing(tmp_path, writers, rounds):
    data_dir = tmp_path / "data"
    committed, waited = [], 0
    for rnd in range(rounds):
        files = election_files(tmp_path / "files", rnd * writers, writers)
        outcomes = import_concurrently(data_dir, files, tmp_path)
        for path, (code, out, err) in zip(files, outcomes):
            assert code == 0 and out.startswith("OK"), out + err
            committed.append(path.name)
            waited += "En annen import pågår – venter på tur" in err
        assert problems(data_dir, committed) == []
    assert waited or writers < 6  # six at once: some did have to take turns
    log = Store(data_dir).read("imports")
    assert sorted(log["source_name"]) == sorted(committed)
    assert len(Store(data_dir).read("elections")) == writers * rounds


def _hold_lock(store: Store, taken: threading.Event, release: threading.Event) -> None:
    with store.writing():
        taken.set()
        release.wait(10)


@pytest.fixture()
def locked_store(tmp_path):
    """A store with one import, whose writers' lock another thread holds during the test."""
    store = Store(tmp_path / "data")
    apply_import(plan_import([(TEMPLATE.name, TEMPLATE.read_bytes())], store, CONFIG), store, CONFIG)
    taken, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_lock, args=(store, taken, release))
    holder.start()
    assert taken.wait(5)
    yield store
    release.set()
    holder.join(5)


def test_lock_timeout_is_a_norwegian_rejection_and_changes_nothing(locked_store, tmp_path, capsys):
    version, files = locked_store.version(), sorted((locked_store.data_dir / locked_store.version()).iterdir())
    path = election_file(tmp_path, 1)
    code = main(["import", "--data-dir", str(locked_store.data_dir), "--lock-timeout", "0.3", str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "En annen import pågår – venter på tur (opptil 0,3 s)" in err
    assert out.startswith("AVVIST  En annen import pågår fortsatt etter 0,3 s") and "OK" not in out
    assert locked_store.version() == version
    assert sorted((locked_store.data_dir / version).iterdir()) == files
    with pytest.raises(StoreBusy, match="En annen import pågår"):
        with Store(locked_store.data_dir, lock_timeout=0.1).writing():
            pass


def test_lock_timeout_from_the_environment_for_demo(locked_store, monkeypatch, capsys):
    monkeypatch.setenv("CAMPAIGN_LOCK_TIMEOUT", "0.2")
    version = locked_store.version()
    assert main(["demo", "--data-dir", str(locked_store.data_dir)]) == 1
    assert "fortsatt etter 0,2 s" in capsys.readouterr().out
    assert locked_store.version() == version


def test_the_lock_is_reentrant_in_one_thread(tmp_path):
    store = Store(tmp_path)
    with store.writing() as waited, store.writing(timeout=0):
        store.commit({"ads": store.read("ads")})
    assert waited == 0.0 and store.version() == "g000001"


def test_a_confirmed_plan_is_checked_again_when_the_store_changed(tmp_path):
    """The import page: plan, someone else imports, then confirm. Nothing is lost; the report is true."""
    store = Store(tmp_path)
    newer = TEMPLATE.read_bytes().replace(b";0;332;332", b";0;333;333")
    plan = plan_import([(TEMPLATE.name, newer)], store, CONFIG)
    assert plan.reports[0].replaces == 0
    apply_import(plan_import([(TEMPLATE.name, TEMPLATE.read_bytes())], store, CONFIG), store, CONFIG)
    ids = apply_import(plan, store, CONFIG)
    log = store.read("imports").set_index("import_id")
    assert plan.replanned and plan.reports[0].replaces == log.loc[ids[0], "replaced_rows"] == 25
    assert set(store.read("results")["import_id"]) == {ids[0]} and len(store.read("results")) == 25


def test_files_read_without_the_store_are_checked_under_the_lock(tmp_path):
    """The CLI: parse outside the lock, then check and write under it (no second look needed)."""
    store = Store(tmp_path)
    apply_import(plan_import([(TEMPLATE.name, TEMPLATE.read_bytes())], store, CONFIG), store, CONFIG)
    plan = read_files([(TEMPLATE.name, TEMPLATE.read_bytes().replace(b";0;332;332", b";0;333;333"))], CONFIG)
    assert plan.version is None and plan.reports[0].accepted
    assert apply_import(plan, store, CONFIG) == [2]
    assert not plan.replanned and plan.reports[0].replaces == 25


def test_a_plan_whose_file_was_imported_meanwhile_writes_nothing(tmp_path):
    store = Store(tmp_path)
    plan = plan_import([(TEMPLATE.name, TEMPLATE.read_bytes())], store, CONFIG)
    apply_import(plan_import([(TEMPLATE.name, TEMPLATE.read_bytes())], store, CONFIG), store, CONFIG)
    version = store.version()
    assert apply_import(plan, store, CONFIG) == []
    assert plan.replanned and plan.reports[0].already_imported and store.version() == version


def test_ok_is_printed_only_after_the_commit(tmp_path, monkeypatch, capsys):
    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Store, "_write_generation", full_disk)
    path = election_file(tmp_path, 2)
    code = main(["import", "--data-dir", str(tmp_path / "data"), str(path)])
    out = capsys.readouterr().out
    assert code == 1 and "OK" not in out
    assert out.startswith("AVVIST  Kunne ikke skrive til lageret") and "ingenting er endret" in out
    assert Store(tmp_path / "data").is_empty()


def test_a_file_name_with_a_newline_cannot_forge_output_or_log_lines(tmp_path, capsys):
    forged = tmp_path / "x_ko_2019.csv\nOK      forged.csv: ko2019"
    forged.write_bytes(TEMPLATE.read_bytes())
    broken = tmp_path / "y_ko_2019\r\nOK fake.csv"
    broken.write_bytes(b"not;a;result;file\n")
    code = main(["import", "--data-dir", str(tmp_path / "data"), str(forged), str(broken)])
    lines = [line for line in capsys.readouterr().out.splitlines() if not line.startswith(" ")]
    assert code == 1 and len(lines) == 2
    assert lines[0].startswith("OK      x_ko_2019.csv\ufffdOK") and lines[1].startswith("AVVIST")
    names = list(Store(tmp_path / "data").read("imports")["source_name"])
    assert names == ["x_ko_2019.csv\ufffdOK      forged.csv: ko2019"]


def test_a_file_name_starting_with_a_dash(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-fil_ko_2019.csv").write_bytes(TEMPLATE.read_bytes())
    assert main(["import", "--data-dir", "data", "-fil_ko_2019.csv"]) == 2
    err = capsys.readouterr().err
    assert "Feil: dette mangler: FIL." in err and "«--»" in err and "./-fil.csv" in err and "usage" not in err
    assert main(["import", "--data-dir", "data", "--", "-fil_ko_2019.csv"]) == 0
    assert main(["import", "--data-dir", "data2", "./-fil_ko_2019.csv"]) == 0
    assert capsys.readouterr().out.startswith("OK      -fil_ko_2019.csv")


def test_unreadable_file_is_named_in_norwegian(tmp_path, capsys):
    assert main(["import", "--data-dir", str(tmp_path), str(tmp_path / "mangler\n.csv")]) == 1
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "finnes ikke" in out and "mangler\ufffd.csv" in out
