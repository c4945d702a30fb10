"""gunicorn's settings for Creative East, read from the environment.

Start with `.venv/bin/gunicorn` in the project folder (gunicorn reads this file
from the current directory); docs/deploy.md has the systemd unit.
"""

import gc
import multiprocessing
import os

from creative_east.env import env_choice, env_int, env_str

wsgi_app = "creative_east.wsgi:application"
proc_name = "creative-east"

# On loopback behind nginx by default; HOST=0.0.0.0 behind a load balancer.
host = env_str("HOST", "127.0.0.1")
port = env_int("PORT", 8000, "a port number from 1 to 65535", 1, 65535)
bind = f"{host}:{port}"

# Sync workers: each handles one request at a time. 2 per core + 1, but not
# more than 8: past that a small server runs out of memory and PostgreSQL
# connections (each worker keeps one) before it runs out of CPU.
workers = env_int(
    "WEB_CONCURRENCY",
    min(2 * multiprocessing.cpu_count() + 1, 8),
    "a number of workers, 1 or more",
    minimum=1,
)

# A request that takes longer is killed (and logged); a restart lets requests
# under way finish for this long.
timeout = 30
graceful_timeout = 30
keepalive = 5
# Replace each worker after about 1000 requests, so a slow leak never grows.
max_requests = 1000
max_requests_jitter = 100

# Whether a request came over HTTPS is Django's decision alone
# (DJANGO_BEHIND_HTTPS_PROXY): gunicorn does not read X-Forwarded-Proto itself.
secure_scheme_headers = {}

# One line per request on standard output, errors on standard error; systemd's
# journal (or the container runtime) keeps both. The client's address is the
# second field behind a proxy (X-Forwarded-For), the first otherwise.
accesslog = "-"
errorlog = "-"
loglevel = env_choice(
    "GUNICORN_LOG_LEVEL", ["debug", "info", "warning", "error", "critical"], "info"
)
access_log_format = (
    '%(h)s %({x-forwarded-for}i)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
)

# Worker heartbeats in memory, not on a disk that may be slow or full.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"


def post_worker_init(worker):
    """Once a worker has loaded the app: what it loaded (Django, the URLs, the
    templates, translations) is set apart from the garbage collector, and a
    young collection waits for ten times Python's default allocations. A page
    allocates tens of thousands of objects, nearly all freed on return; the
    collections walking the loaded app took 7-10 % of a list page's CPU
    (benchmarks/README.md)."""
    gc.freeze()
    gc.set_threshold(7000, 10, 10)
