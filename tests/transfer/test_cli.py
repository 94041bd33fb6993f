"""The import commands as a user runs them: exit status and messages, in a real process."""

import os
import subprocess
import sys

from tests.transfer.conftest import REPO


def test_import_commands_fail_with_exit_status_and_no_traceback(tmp_path, writeups, pyvideo):
    """Run as a user would: a one-line error on stderr, exit status 1, nothing written."""
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3"}

    def manage(*args):
        return subprocess.run(  # noqa: S603 (our own manage.py)
            [sys.executable, str(REPO / "manage.py"), *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )

    assert manage("migrate", "--verbosity", "0").returncode == 0
    writeup = manage("import_writeup", str(writeups / "bad" / "unclosed-fence.md"))
    folder = manage("import_pyvideo", str(pyvideo / "broken-2021"))

    assert (writeup.returncode, folder.returncode) == (1, 1)
    assert writeup.stderr == (
        f"CommandError: {writeups / 'bad' / 'unclosed-fence.md'}: "
        "line 5: expected the code block opened here to be closed with ```\n"
    )
    assert folder.stderr.splitlines()[-1] == (
        "CommandError: 3 of 4 video files could not be read; nothing was imported "
        "(--on-error skip imports the others)."
    )
    assert "Traceback" not in writeup.stderr + folder.stderr
    assert manage("export_conference", "broken-2021").returncode == 1
