"""The default cache: Django's file cache without zlib, counting its folder less often."""

from confnotes import filecache
from confnotes.filecache import PlainFileCache


def new_cache(folder, max_entries=300):
    return PlainFileCache(str(folder), {"OPTIONS": {"MAX_ENTRIES": max_entries}})


def test_what_is_set_is_got_until_it_expires(tmp_path):
    cache = new_cache(tmp_path)
    cache.set("page", {"html": "<p>é</p>"})
    cache.set("gone", 1, timeout=-1)

    assert cache.get("page") == {"html": "<p>é</p>"}
    assert cache.get("gone") is None
    assert cache.get("never", "default") == "default"
    assert cache.touch("page", 60) is True
    assert cache.get("page") == {"html": "<p>é</p>"}


def test_writes_count_the_folder_once_in_a_while(tmp_path, monkeypatch):
    cache = new_cache(tmp_path)
    counted = []
    list_files = PlainFileCache._list_cache_files
    monkeypatch.setattr(
        PlainFileCache, "_list_cache_files", lambda self: counted.append(1) or list_files(self)
    )

    for n in range(filecache.CULL_CHECK_EVERY * 3):
        cache.set(f"key-{n}", n)

    assert len(counted) == 3


def test_a_full_folder_is_still_culled(tmp_path):
    cache = new_cache(tmp_path, max_entries=200)
    writes = 1000

    for n in range(writes):
        cache.set(f"key-{n}", n)

    # Each count over MAX_ENTRIES deletes a third (Django's CULL_FREQUENCY).
    assert len(list(tmp_path.glob("*.page"))) <= 200 + filecache.CULL_CHECK_EVERY
    assert cache.get(f"key-{writes - 1}") == writes - 1
