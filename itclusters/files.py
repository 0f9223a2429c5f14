"""The command line's output file: only ever a regular file, written whole or not at all.

The bytes go to a temporary file beside the target, with a short name (so a target name of 255
bytes still fits), which is renamed over the target once complete; on any failure, ^C included,
it is removed and the target is as it was. A directory, a device, a FIFO, a socket or a symbolic
link is refused; a link is followed only on request, and only to a regular file or a new name.
A new file gets the mode the umask gives (0666 & ~umask); a replaced file keeps its mode.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat

KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
    stat.S_IFLNK: "a symbolic link",
}


class Refused(ValueError):
    """A path that is not a file to write: the message names it and says why."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"cannot write to {path!r}: {reason}")


def _status(path: str, shown: str) -> os.stat_result | None:
    """The path's own status (a link's, not its target's); None when nothing is there yet."""
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:  # a name too long, a file where a folder should be, no permission
        raise Refused(shown, error.strerror or str(error)) from None


def check(path: str, follow_symlinks: bool = False) -> tuple[str, os.stat_result | None]:
    """The file to write for `path` and its status (None when new), or Refused saying why not."""
    if not path:
        raise Refused(path, "the name is empty")
    target, subject = path, "it"
    status = _status(path, path)
    if status is not None and stat.S_ISLNK(status.st_mode):
        if not follow_symlinks:
            raise Refused(path, "it is a symbolic link (--follow-symlinks writes to its target)")
        target = os.path.realpath(path)
        subject = f"its target {target!r}"
        status = _status(target, path)
        if status is not None and stat.S_ISLNK(status.st_mode):
            raise Refused(path, "its symbolic links go round in a loop")
    if status is None:
        folder = os.path.dirname(target) or "."
        if os.path.basename(target) in ("", ".", ".."):
            raise Refused(path, f"{subject} names a folder, not a file")
        if not os.path.isdir(folder):
            raise Refused(path, f"no such folder {folder!r}")
    elif not stat.S_ISREG(status.st_mode):
        kind = KINDS.get(stat.S_IFMT(status.st_mode), "not a regular file")
        raise Refused(path, f"{subject} is {kind}")
    return target, status


def _temporary(folder: str) -> tuple[str, int]:
    """A new, empty file in the folder, created with 0666 for the umask to narrow."""
    for _ in range(100):
        name = os.path.join(folder, f".itc-{secrets.token_hex(4)}.tmp")
        try:
            return name, os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", folder)


def write_file(path: str, content: bytes, follow_symlinks: bool = False) -> str:
    """Write `content` to the regular file at `path` (see the module's note); returns the file written."""
    target, status = check(path, follow_symlinks)
    temporary, handle = _temporary(os.path.dirname(target) or ".")
    try:
        try:
            if status is not None:  # as `>` would, keep the replaced file's permissions
                os.fchmod(handle, stat.S_IMODE(status.st_mode) & 0o777)
            rest = memoryview(content)
            while rest:
                rest = rest[os.write(handle, rest) :]
            os.fsync(handle)
        finally:
            os.close(handle)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return target
