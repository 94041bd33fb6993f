"""Django's file cache without its zlib step, and counting its folder less often.

Django's FileBasedCache compresses every entry; inflating a 25 kB page took longer than the
rest of a cache hit. Entries here are plain pickles (pages for gzip clients are stored
gzipped already). The file format differs from Django's, so the two never share a folder.

Django's also lists the whole folder on every write to see whether it must cull: 22 ms for
a full folder of 20,000 entries, on each of the four or five writes of a page rendered
after an edit. Here a process counts the folder once every CULL_CHECK_EVERY writes, so
the folder may hold up to that many entries per process above MAX_ENTRIES.
"""

import itertools
import pickle

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks

CULL_CHECK_EVERY = 100
_writes = itertools.count(1)


class PlainFileCache(FileBasedCache):
    cache_suffix = ".page"

    def _cull(self):
        if next(_writes) % CULL_CHECK_EVERY == 0:
            super()._cull()

    def get(self, key, default=None, version=None):
        try:
            with open(self._key_to_file(key, version), "rb") as file:
                if not self._is_expired(file):
                    return pickle.load(file)  # noqa: S301 - our own folder, as Django's
        except FileNotFoundError:
            pass
        return default

    def _write_content(self, file, timeout, value):
        pickle.dump(self.get_backend_timeout(timeout), file, self.pickle_protocol)
        pickle.dump(value, file, self.pickle_protocol)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            with open(self._key_to_file(key, version), "r+b") as file:
                locks.lock(file, locks.LOCK_EX)
                try:
                    if self._is_expired(file):
                        return False
                    value = pickle.load(file)  # noqa: S301
                    file.seek(0)
                    file.truncate()
                    self._write_content(file, timeout, value)
                    return True
                finally:
                    locks.unlock(file)
        except FileNotFoundError:
            return False
