"""`python -m itclusters export --out`: only a regular file is written, whole or not at all.

Each case runs in its own temporary folder, which afterwards holds exactly what it held before
plus, on success, the file: never a temporary file, never a replaced device or link.
"""

import errno
import os
import re
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from itclusters.files import Refused, write_file

ROOT = Path(__file__).resolve().parent.parent
CSV_HEADER = "\ufeffid,name,city".encode()  # with the BOM Excel looks for
LONGEST = "x" * 251 + ".csv"  # 255 bytes, the most a file name may have


def run_cli(*args, cwd: Path, **options):
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "itclusters", "export", "--format", "csv", *args]
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, **options)


def listing(folder: Path) -> dict[str, tuple[int, int, bytes | str | None]]:
    """Every entry under the folder: its kind, its permissions and a file's bytes or a link's target."""
    entries = {}
    for top, folders, files in os.walk(folder):
        for name in folders + files:
            path = os.path.join(top, name)
            status = os.lstat(path)
            content = None
            if stat.S_ISREG(status.st_mode):
                content = Path(path).read_bytes()
            elif stat.S_ISLNK(status.st_mode):
                content = os.readlink(path)
            entries[os.path.relpath(path, folder)] = (
                stat.S_IFMT(status.st_mode),
                stat.S_IMODE(status.st_mode),
                content,
            )
    return entries


def leftovers(folder: Path) -> list[str]:
    return [name for name in listing(folder) if os.path.basename(name).startswith(".")]


@pytest.fixture
def place(tmp_path):
    """A folder with one of each thing --out may be pointed at; the test runs inside `work`."""
    work = tmp_path / "work"
    (work / "folder").mkdir(parents=True)
    (work / "old.csv").write_bytes(b"previous")
    os.mkfifo(work / "fifo")
    (work / "link").symlink_to("old.csv")
    (work / "dangling").symlink_to("new.csv")
    (work / "to-folder").symlink_to("folder")
    (work / "loop").symlink_to("loop")
    return work


REFUSED = [
    ("folder", "it is a directory"),
    (".", "it is a directory"),
    ("", "the name is empty"),
    ("fifo", "it is a FIFO"),
    ("link", "it is a symbolic link (--follow-symlinks writes to its target)"),
    ("dangling", "it is a symbolic link"),
]
SHAPES = [  # paths that cannot name a new file, found by the function alone
    ("new.csv/", "names a folder, not a file"),
    ("old.csv/new.csv", "Not a directory"),
    ("missing/new.csv", "no such folder 'missing'"),
]


@pytest.mark.parametrize("out, reason", REFUSED)
def test_the_command_line_refuses_what_is_not_a_regular_file(place, out, reason):
    before = listing(place.parent)
    done = run_cli("--out", out, cwd=place)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"error: cannot write to {out!r}: ") and reason in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr and done.stdout == ""
    assert listing(place.parent) == before


@pytest.mark.skipif(os.geteuid() != 0, reason="only root makes a device node")
def test_the_command_line_never_replaces_a_device(place):
    os.mknod(place / "null", 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    before = listing(place.parent)
    for args in (["--out", "null"], ["--out", "null", "--follow-symlinks"]):
        done = run_cli(*args, cwd=place)
        assert done.returncode == 2 and done.stderr == "error: cannot write to 'null': it is a character device\n"
    assert listing(place.parent) == before and stat.S_ISCHR(os.lstat(place / "null").st_mode)


@pytest.mark.parametrize(
    "out, reason",
    [
        ("to-folder", "its target '{work}/folder' is a directory"),
        ("loop", "its symbolic links go round in a loop"),
    ],
)
def test_follow_symlinks_still_writes_only_a_regular_file(place, out, reason):
    before = listing(place.parent)
    done = run_cli("--out", out, "--follow-symlinks", cwd=place)
    assert done.returncode == 2
    assert done.stderr == f"error: cannot write to {out!r}: {reason.format(work=place.resolve())}\n"
    assert listing(place.parent) == before


def test_follow_symlinks_writes_the_links_target_and_keeps_the_link(place):
    for link, target in (("link", "old.csv"), ("dangling", "new.csv")):
        done = run_cli("--out", link, "--follow-symlinks", cwd=place)
        assert done.returncode == 0, done.stderr
        assert os.readlink(place / link) == target and (place / target).read_bytes().startswith(CSV_HEADER)
    assert leftovers(place.parent) == []


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o077, 0o600)], ids=["umask 022", "umask 077"])
def test_a_new_file_has_the_mode_the_umask_gives_and_a_name_may_have_255_bytes(tmp_path, umask, mode):
    done = run_cli("--out", LONGEST, cwd=tmp_path, umask=umask)
    assert done.returncode == 0, done.stderr
    assert listing(tmp_path).keys() == {LONGEST}
    assert stat.S_IMODE(os.lstat(tmp_path / LONGEST).st_mode) == mode
    assert (tmp_path / LONGEST).read_bytes().startswith(CSV_HEADER)


def at_most_1000_bytes_a_file():
    """A disk that fills up: a write past 1000 bytes fails (EFBIG) instead of killing the process."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))


def test_a_failed_write_is_exit_code_3_and_leaves_the_old_file(place):
    before = listing(place.parent)
    done = run_cli("--out", "old.csv", cwd=place, preexec_fn=at_most_1000_bytes_a_file)
    assert done.returncode == 3 and done.stderr == "error: cannot write to 'old.csv': File too large\n"
    assert listing(place.parent) == before


# write_file itself, with its failures simulated.


def test_write_file_makes_a_new_file_with_the_umasks_mode(tmp_path):
    previous = os.umask(0o027)
    try:
        assert write_file(str(tmp_path / "new.bin"), b"content") == str(tmp_path / "new.bin")
    finally:
        os.umask(previous)
    assert (tmp_path / "new.bin").read_bytes() == b"content"
    assert stat.S_IMODE(os.lstat(tmp_path / "new.bin").st_mode) == 0o640
    assert listing(tmp_path).keys() == {"new.bin"}


def test_write_file_replaces_a_file_whole_keeping_its_mode(tmp_path):
    target = tmp_path / "old.bin"
    target.write_bytes(b"previous, longer than the new content")
    target.chmod(0o604)
    inode = os.lstat(target).st_ino
    write_file(str(target), b"new")
    assert target.read_bytes() == b"new" and stat.S_IMODE(os.lstat(target).st_mode) == 0o604
    assert os.lstat(target).st_ino != inode, "renamed over, not written in place"
    assert listing(tmp_path).keys() == {"old.bin"}


@pytest.mark.parametrize("out, reason", REFUSED + SHAPES)
def test_write_file_refuses_what_is_not_a_regular_file(place, monkeypatch, out, reason):
    monkeypatch.chdir(place)
    before = listing(place.parent)
    with pytest.raises(Refused, match=re.escape(reason)):
        write_file(out, b"content")
    assert listing(place.parent) == before


def full_disk(limit: int):
    """os.write as on a disk with `limit` bytes free: what fits is written, then ENOSPC."""
    real = os.write
    room = [limit]

    def write(handle, data):
        if room[0] == 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written = real(handle, bytes(data[: room[0]]))
        room[0] -= written
        return written

    return write


@pytest.mark.parametrize("existing", [True, False], ids=["replacing a file", "a new file"])
def test_a_full_disk_leaves_no_temporary_file_and_the_old_content(place, monkeypatch, existing):
    out = place / ("old.csv" if existing else "new.csv")
    before = listing(place.parent)
    monkeypatch.setattr(os, "write", full_disk(3))
    with pytest.raises(OSError) as raised:
        write_file(str(out), b"content that does not fit")
    assert raised.value.errno == errno.ENOSPC
    assert listing(place.parent) == before


@pytest.mark.parametrize(
    "step, failure", [("replace", OSError(errno.EXDEV, "rename failed")), ("fsync", KeyboardInterrupt())]
)
def test_any_failure_removes_the_temporary_file(place, monkeypatch, step, failure):
    def fail(*args):
        raise failure

    before = listing(place.parent)
    monkeypatch.setattr(os, step, fail)
    with pytest.raises(type(failure)):
        write_file(str(place / "old.csv"), b"new content")
    assert listing(place.parent) == before


def test_write_file_follows_a_link_only_when_asked(place):
    with pytest.raises(Refused, match="symbolic link"):
        write_file(str(place / "link"), b"new")
    assert write_file(str(place / "link"), b"new", follow_symlinks=True) == str(place.resolve() / "old.csv")
    assert (place / "old.csv").read_bytes() == b"new" and (place / "link").is_symlink()
    assert leftovers(place.parent) == []
