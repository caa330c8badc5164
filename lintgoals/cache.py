"""A result cache keyed by file content, configuration and lintgoals version:
an unchanged file costs a read, a hash and one lookup, not a parse.

All entries live in one SQLite database, `.lintgoals_cache/results.db`
(beside the config, else in the current folder; `LINTGOALS_CACHE_DIR`
overrides). One file rather than a file per entry: creating and renaming
ten thousand small files cost more than checking them. New entries are
written in batches, each in one transaction, so concurrent runs never see
half an entry (SQLite's write-ahead log: readers never wait; a run that
cannot get the write lock in time simply skips its writes). A folder that
cannot be written (a read-only checkout), or a damaged database, means no
cache — never a failure.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from typing import Dict, List, Tuple

from .model import Finding

CACHE_DIR_NAME = ".lintgoals_cache"
DB_NAME = "results.db"
_FORMAT = b"lintgoals-cache-2"
BATCH = 64          # entries per write transaction
_BUSY_SECONDS = 2.0  # how long a writer waits for another run's transaction
_BUSY = (5, 6)       # SQLITE_BUSY, SQLITE_LOCKED

_GITIGNORE = "# written by lintgoals: the result cache is never committed\n*\n"
_CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# lintgoals result cache (https://bford.info/cachedir/)\n"


class Cache:
    def __init__(self, folder: str, salt: str) -> None:
        self.folder = folder
        self.salt = salt.encode("utf-8")
        self.usable = True
        self._db = None
        self._pending: List[Tuple[bytes, bytes]] = []
        self._base = hashlib.blake2b(_FORMAT, digest_size=20)
        self._base.update(self.salt)

    @classmethod
    def at(cls, root: str, salt: str) -> "Cache":
        folder = os.environ.get("LINTGOALS_CACHE_DIR") or os.path.join(root, CACHE_DIR_NAME)  # "" = the default
        return cls(folder, salt)

    def key(self, display: str, data: bytes) -> bytes:
        h = self._base.copy()
        # findings carry the path as the user gave it: the same file named
        # differently (relative, absolute, another folder) is another entry
        h.update(display.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
        h.update(os.getcwd().encode("utf-8", "surrogateescape"))
        h.update(b"\0")
        h.update(data)
        return h.digest()

    # ------------------------------------------------------------ storage
    def _connect(self):
        """The database, created on first use; None when there can be none
        (or, while another run holds a lock, none just now)."""
        if self._db is not None or not self.usable:
            return self._db
        import sqlite3

        try:
            _make_folder(self.folder)
            db = sqlite3.connect(os.path.join(self.folder, DB_NAME), timeout=_BUSY_SECONDS,
                                 isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error):
            self.usable = False
            return None
        try:
            db.execute("PRAGMA synchronous=OFF")  # a cache: a crash may lose entries, never corrupt results
            # readers never wait for a writer, and a writer holds the lock only
            # while it appends: the workers of one run (and other runs) barely meet
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS results (key BLOB PRIMARY KEY, findings BLOB NOT NULL) WITHOUT ROWID")
        except sqlite3.Error as exc:
            db.close()
            self._failed(exc)
            return None
        self._db = db
        return db

    def _failed(self, exc) -> None:
        """A busy database is asked again next time; any other failure
        (read-only, damaged, not a database) ends the cache for this run."""
        code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
        busy = code in _BUSY if code is not None else "locked" in str(exc)
        if not busy:
            self.usable = False

    def get_many(self, keys: List[bytes]) -> Dict[bytes, Tuple[List[Finding], bytes]]:
        """The stored findings of those keys that have an entry, as
        key → (findings, their pickle). One query for the lot: each query is
        a read transaction, and its locking costs more than the lookup."""
        db = self._connect() if keys else None
        if db is None:
            return {}
        import sqlite3

        try:
            rows = db.execute(f"SELECT key, findings FROM results WHERE key IN ({','.join('?' * len(keys))})",
                              keys).fetchall()
        except sqlite3.Error as exc:
            self._failed(exc)
            return {}
        out = {}
        for key, blob in rows:
            try:
                out[key] = (pickle.loads(blob), blob)
            except (EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError, IndexError):
                continue  # a damaged entry is a miss
        return out

    def put(self, key: bytes, blob: bytes) -> None:
        """Keep pickled findings (`dumps`) under `key`; written at the next flush."""
        if not self.usable:
            return
        self._pending.append((key, blob))
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the entries put since the last flush, in one transaction."""
        pending, self._pending = self._pending, []
        db = self._connect() if pending else None
        if db is None:
            return
        import sqlite3

        try:
            with _transaction(db):
                db.executemany("INSERT OR REPLACE INTO results (key, findings) VALUES (?, ?)", pending)
        except sqlite3.Error as exc:  # these entries are simply not kept
            self._failed(exc)

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None


def dumps(findings: List[Finding]) -> bytes:
    """Findings as the cache keeps them, and as a worker sends them: pickled once for both."""
    return pickle.dumps(findings, protocol=pickle.HIGHEST_PROTOCOL)


class _transaction:
    def __init__(self, db) -> None:
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, exc, tb):
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
        return False


def _make_folder(folder: str) -> None:
    """The cache folder, marked so that git and backup tools leave it alone."""
    if os.path.isdir(folder):
        return
    os.makedirs(folder, exist_ok=True)
    for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
        try:
            with open(os.path.join(folder, name), "x", encoding="utf-8") as fh:
                fh.write(text)
        except OSError:
            pass  # another run wrote it first
