"""gunicorn settings of `make run`: `gunicorn -c confnotes/gunicorn.conf.py confnotes.wsgi`.

gunicorn's arbiter starts a new worker as soon as one dies, and on SIGHUP starts new workers
with the current code and settings before it lets the old ones finish their requests.
"""

import os


def _cores():
    """The CPUs this process may run on (a container's share, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _host(value):
    """A bind host; a bare IPv6 address gets its brackets."""
    if ":" in value and not value.startswith("["):
        return f"[{value}]"
    return value


bind = [f"{_host(os.environ.get('HOST', '127.0.0.1'))}:{os.environ.get('PORT', '8000')}"]
# WEB_CONCURRENCY sets the number of worker processes (the name hosting platforms use); the
# default is gunicorn's 2 per core + 1, at most 9: the database, not Python, limits a bigger box.
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * _cores() + 1, 9))
# Threads answer the requests of a worker concurrently (a slow client or query blocks one thread,
# not the process) and keep connections alive; measured in docs/serving.md.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Connections waiting to be accepted: 200 at once are queued, not reset (the kernel caps this at
# net.core.somaxconn).
backlog = 2048
# A worker silent for this long is killed and replaced; SIGTERM/SIGHUP give requests this
# long to finish.
timeout = 30
graceful_timeout = 30
keepalive = 5
# Load the app in each worker, not in the arbiter: SIGHUP then reloads changed code too, and no
# database connection is shared across a fork.
preload_app = False
# Heartbeat files on a memory file system, so a slow disk cannot make workers look dead.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
proc_name = "confnotes"
# No control socket (gunicornc): its default path is one per user, shared by every gunicorn the
# user runs; signals do the same (HUP reload, TTIN/TTOU one worker more or less, TERM stop).
control_socket_disable = True

# The access log on stdout, with the time each request took; errors on stderr.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
