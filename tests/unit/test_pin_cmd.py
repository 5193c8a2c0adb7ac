"""`kiosk set-pin` (kiosk.set_pin.run): asked twice on a terminal, one line from a pipe, real
files in a temporary data folder, exit codes 0/1/2, and the PIN never printed or stored."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.commands import set_pin
from kiosk.core.pin import FILE_NAME, PinStore, verify

PIN = "2468"


class Terminal(io.StringIO):
    """Standard input that says it is a terminal (the PIN itself comes through getpass)."""

    def isatty(self) -> bool:
        return True


def typed(*entries: str | type[BaseException]) -> tuple[Callable[..., str], list[str]]:
    """A getpass stand-in that returns (or raises) these entries in turn; records the prompts."""
    queue = list(entries)
    prompts: list[str] = []

    def getpass(prompt: str, stream: object = None) -> str:
        prompts.append(prompt)
        entry = queue.pop(0)
        if isinstance(entry, type):
            raise entry()
        return entry

    return getpass, prompts


def run(
    data: Path,
    *,
    args_pin: str | None = None,
    stdin: io.StringIO | None = None,
    getpass: Callable[..., str] | None = None,
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    kwargs = {"getpass": getpass} if getpass else {}
    code = set_pin.run(args_pin, data, stdin, out, err, **kwargs)
    return code, out.getvalue(), err.getvalue()


def stored(data: Path) -> dict:
    return json.loads((data / FILE_NAME).read_text(encoding="utf-8"))


def test_interactive_asks_twice_and_saves(tmp_path: Path) -> None:
    getpass, prompts = typed(PIN, PIN)
    code, out, err = run(tmp_path, stdin=Terminal(), getpass=getpass)
    assert code == 0, err
    assert prompts == [set_pin.PROMPT, set_pin.PROMPT_AGAIN]
    assert str(tmp_path / FILE_NAME) in out
    assert verify(stored(tmp_path), PIN)
    assert PIN not in out + err + (tmp_path / FILE_NAME).read_text(encoding="utf-8")


def test_interactive_entries_that_differ_change_nothing(tmp_path: Path) -> None:
    PinStore.in_folder(tmp_path).set_pin("1357")
    getpass, _ = typed(PIN, "2469")
    code, out, err = run(tmp_path, stdin=Terminal(), getpass=getpass)
    assert code == 1
    assert "differ" in err and out == ""
    assert verify(stored(tmp_path), "1357")


def test_interactive_invalid_pin_is_refused_without_asking_again(tmp_path: Path) -> None:
    getpass, prompts = typed("12")
    code, _, err = run(tmp_path, stdin=Terminal(), getpass=getpass)
    assert code == 1 and "4 to 8 digits" in err
    assert len(prompts) == 1
    assert not (tmp_path / FILE_NAME).exists()


@pytest.mark.parametrize("interrupt", [EOFError, KeyboardInterrupt])
def test_interactive_cancel_changes_nothing(tmp_path: Path, interrupt: type[BaseException]) -> None:
    getpass, _ = typed(PIN, interrupt)
    code, _, err = run(tmp_path, stdin=Terminal(), getpass=getpass)
    assert code == 1 and "cancelled" in err
    assert not (tmp_path / FILE_NAME).exists()


@pytest.mark.parametrize("line", ["2468\n", "2468", "2468\r\n", "  2468  \n"])
def test_piped_pin_is_read_once(tmp_path: Path, line: str) -> None:
    """echo 2468 | kiosk set-pin"""
    code, out, err = run(tmp_path, stdin=io.StringIO(line))
    assert code == 0, err
    assert verify(stored(tmp_path), PIN)
    assert "saved to" in out


def test_piped_input_uses_only_the_first_line(tmp_path: Path) -> None:
    code, _, _ = run(tmp_path, stdin=io.StringIO("2468\n1357\n"))
    assert code == 0 and verify(stored(tmp_path), PIN)


@pytest.mark.parametrize("line", ["12\n", "abcd\n", "123456789\n", "24 68\n", "٢٤٦٨\n"])
def test_piped_invalid_pin_exits_1(tmp_path: Path, line: str) -> None:
    code, out, err = run(tmp_path, stdin=io.StringIO(line))
    assert code == 1 and "4 to 8 digits" in err and out == ""
    assert not (tmp_path / FILE_NAME).exists()


@pytest.mark.parametrize("text", ["", "\n", "   \n"])
def test_empty_input_is_a_usage_error(tmp_path: Path, text: str) -> None:
    code, _, err = run(tmp_path, stdin=io.StringIO(text))
    assert code == 2 and "usage" in err


def test_no_stdin_at_all_is_a_usage_error(tmp_path: Path) -> None:
    """pythonw on Windows has no standard input."""
    code, _, _ = run(tmp_path, stdin=None)
    assert code == 2


def test_pin_as_argument_works_with_a_warning(tmp_path: Path) -> None:
    code, _, err = run(tmp_path, args_pin=PIN, stdin=io.StringIO(""))
    assert code == 0
    assert "history" in err
    assert verify(stored(tmp_path), PIN)


def test_weak_pin_is_accepted_with_a_note(tmp_path: Path) -> None:
    code, _, err = run(tmp_path, stdin=io.StringIO("1234\n"))
    assert code == 0 and "first thing anyone tries" in err


def test_the_data_folder_is_created(tmp_path: Path) -> None:
    data = tmp_path / "not" / "yet"
    code, _, _ = run(data, stdin=io.StringIO(PIN))
    assert code == 0 and verify(stored(data), PIN)


def test_an_unwritable_data_folder_exits_1_and_says_where(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    code, out, err = run(blocker, stdin=io.StringIO(PIN))
    assert code == 1 and "could not save" in err and str(blocker) in err and out == ""


def test_a_new_pin_replaces_the_old_one(tmp_path: Path) -> None:
    run(tmp_path, stdin=io.StringIO("1357"))
    code, _, _ = run(tmp_path, stdin=io.StringIO(PIN))
    assert code == 0
    record = stored(tmp_path)
    assert verify(record, PIN) and not verify(record, "1357")
