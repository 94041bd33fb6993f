"""Reading import files safely: a size limit, and nothing outside the folder an import was given."""

import re
from pathlib import Path

MAX_SIZE = 5_000_000  # 5 MB: a write-up of hundreds of talks is well under 1 MB
# Decimal units, as file managers show sizes.
_UNITS = {"": 1, "b": 1, "k": 10**3, "m": 10**6, "g": 10**9}
_UNITS |= {f"{unit}b": factor for unit, factor in _UNITS.items() if unit not in {"", "b"}}


class InputRefused(ValueError):
    """A file an import will not read (too large, or outside its folder): nothing is written."""


def parse_size(text):
    """ "5MB", "500k", "1000000" as a number of bytes; raises ValueError."""
    match = re.fullmatch(r"\s*(\d+)\s*([a-z]*)\s*", str(text).lower())
    if not match or match[2] not in _UNITS or int(match[1]) == 0:
        raise ValueError(f"expected a size such as 5MB, 500KB or 1000000, not {text!r}")
    return int(match[1]) * _UNITS[match[2]]


def describe_size(size):
    """A byte count as people say it: "5 MB", "512 KB", "100 bytes"."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} bytes"


def read_bytes(path, *, max_size=MAX_SIZE, name=None):
    """The bytes of `path`, refused with InputRefused if there are more than `max_size`.

    Reads at most `max_size + 1` bytes, so that a device or a growing file cannot fill memory.
    OSError (missing, unreadable) passes through for the caller to word.
    """
    name = name or str(path)
    with open(path, "rb") as file:
        data = file.read(max_size + 1)
    if len(data) > max_size:
        raise InputRefused(
            f"{name}: larger than the limit of {describe_size(max_size)} "
            "(--max-size raises it); nothing was imported"
        )
    return data


def inside(path, root, *, name=None):
    """`path` resolved (symlinks followed), refused with InputRefused if that leaves `root`."""
    resolved = Path(path).resolve()
    if not resolved.is_relative_to(Path(root).resolve()):
        raise InputRefused(
            f"{name or path}: a link to {resolved}, outside the folder being imported; "
            "nothing was imported"
        )
    return resolved
