"""A result cache keyed by file content, configuration and lintgoals version:
an unchanged file costs a read and a hash, not a parse.

Entries are small pickles under `.lintgoals_cache/` (beside the config, else
in the current folder; `LINTGOALS_CACHE_DIR` overrides), written to a temp
file and renamed, so concurrent runs never see half an entry. A folder that
cannot be written (a read-only checkout) simply means no cache.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from typing import List, Optional

from .model import Finding

CACHE_DIR_NAME = ".lintgoals_cache"
_FORMAT = b"lintgoals-cache-1"


class Cache:
    def __init__(self, folder: str, salt: str) -> None:
        self.folder = folder
        self.salt = salt.encode("utf-8")
        self.writable = True

    @classmethod
    def at(cls, root: str, salt: str) -> "Cache":
        folder = os.environ.get("LINTGOALS_CACHE_DIR") or os.path.join(root, CACHE_DIR_NAME)  # "" = the default
        return cls(folder, salt)

    def key(self, display: str, data: bytes) -> str:
        h = hashlib.blake2b(_FORMAT, digest_size=20)
        h.update(self.salt)
        # findings carry the path as the user gave it: the same file named
        # differently (relative, absolute, another folder) is another entry
        h.update(display.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
        h.update(os.getcwd().encode("utf-8", "surrogateescape"))
        h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _path(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key)

    def get(self, key: str) -> Optional[List[Finding]]:
        try:
            with open(self._path(key), "rb") as fh:
                return pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError):
            return None

    def put(self, key: str, findings: List[Finding]) -> None:
        if not self.writable:
            return
        path = self._path(key)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(findings, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # atomic: a concurrent reader sees the old entry or the new one
        except OSError:
            self.writable = False  # read-only checkout, full disk: run without a cache
