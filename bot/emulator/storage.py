"""The emulator's history on disk, so that `make run` shows yesterday's chats again.

DATA_DIR/emulator/state.json holds users, chats, pending updates and the id counters (update ids and
message ids keep growing across restarts: the bot drops an update whose update_id it has seen);
DATA_DIR/emulator/files/ holds the contents of sent files, one file each. Every write goes to a temporary
file that then replaces the old one, so a crash leaves either the old or the new state, never half of one.
Saving happens `delay` seconds after a change (changes in between are saved together) and once more when
the emulator stops. A lock file keeps a second process with the same DATA_DIR from writing the same history.
"""

import asyncio
import contextlib
import fcntl
import json
import logging
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import IO

from bot.emulator.state import EmulatorState, StoredFile

log = logging.getLogger(__name__)


class StateFile:
    def __init__(self, directory: Path, *, delay: float = 0.5) -> None:
        self.directory = directory
        self.path = directory / "state.json"
        self.files_dir = directory / "files"
        self.delay = delay
        self.state: EmulatorState | None = None
        self._lock_file: IO[bytes] | None = None
        self._write_lock = threading.Lock()
        self._changes = 0  # counts changes; a write carries the count it has seen
        self._written = 0
        self._saved_files: set[str] = set()
        self._task: asyncio.Task[None] | None = None

    # -- start ---------------------------------------------------------------------------------------------
    def acquire(self) -> bool:
        """Take the directory for this process; False when another running emulator has it."""
        self.directory.mkdir(parents=True, exist_ok=True)
        handle = (self.directory / "lock").open("ab")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._lock_file = handle
        return True

    def load(self, state: EmulatorState) -> None:
        """Fill `state` from disk (nothing there: a first start) and save it after every change from now on."""
        if self.path.exists():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                state.restore(data, self._content)
            except (ValueError, KeyError, TypeError) as error:
                broken = self.path.with_name(f"state.broken-{int(time.time())}.json")
                self.path.replace(broken)
                log.warning("emulator history %s is unreadable (%s); kept as %s", self.path, error, broken)
                state.reset()
        self._saved_files = {f.file_unique_id for f in state.files.values() if self._file_path(f).exists()}
        self.state = state
        state.on_change = self._changed

    def _file_path(self, stored: StoredFile) -> Path:
        return self.files_dir / stored.file_unique_id

    def _content(self, stored: StoredFile) -> bytes:
        path = self._file_path(stored)
        return path.read_bytes() if path.exists() else b""

    # -- saving --------------------------------------------------------------------------------------------
    def _changed(self) -> None:
        self._changes += 1
        if self._task is None or self._task.done():
            with contextlib.suppress(RuntimeError):  # no running loop: flush() will save
                self._task = asyncio.get_running_loop().create_task(self._save_later())

    async def _save_later(self) -> None:
        while self._written < self._changes:
            await asyncio.sleep(self.delay)
            count, body, files = self._collect()
            await asyncio.to_thread(self._write, count, body, files)

    def _collect(self) -> tuple[int, bytes, list[tuple[StoredFile, bytes]]]:
        """What to write, taken at one moment in the event loop (the thread only writes bytes)."""
        assert self.state is not None
        body = json.dumps(self.state.snapshot(), ensure_ascii=False, separators=(",", ":")).encode()
        files = [(f, f.content) for f in self.state.files.values() if f.file_unique_id not in self._saved_files]
        return self._changes, body, files

    def _write(self, count: int, body: bytes, files: list[tuple[StoredFile, bytes]]) -> None:
        with self._write_lock:
            if count <= self._written:
                return  # a newer state is on disk already
            for stored, content in files:
                _atomic_write(self._file_path(stored), content)
                self._saved_files.add(stored.file_unique_id)
            _atomic_write(self.path, body)
            self._written = count

    def flush(self) -> None:
        """Write what is not written yet, now (when the emulator stops)."""
        if self._task is not None:
            self._task.cancel()
        if self.state is not None and self._written < self._changes:
            self._write(*self._collect())

    def close(self) -> None:
        self.flush()
        if self._lock_file is not None:
            self._lock_file.close()  # releases the lock
            self._lock_file = None


def _atomic_write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
