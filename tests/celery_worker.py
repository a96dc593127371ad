"""A real Celery worker process for tests marked ``celery_worker``.

It uses the broker of the run (``CELERY_BROKER_URL``: Redis on the PostgreSQL run) or, where
there is none, Kombu's filesystem transport in a temporary folder; and the test database the
test process uses (so the test must use ``transaction=True``). Each worker listens on its own
queue, so parallel test processes never take each other's tasks; a restarted worker may be given
the queue of the one it replaces (``queue=``), as a restarted service would listen where its
predecessor did.

The worker's whole output (stdout and stderr) is added to the suite's log scan when it stops, so
a worker writing an e-mail address or a phone number fails the test like any other log record.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.db import connection


def database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    host = s.get("HOST") or "127.0.0.1"
    auth = s.get("USER") or ""
    if s.get("PASSWORD"):
        auth += f":{s['PASSWORD']}"
    return f"postgres://{auth}@{host}:{s.get('PORT') or 5432}/{s['NAME']}"


class Worker:
    def __init__(self, process: subprocess.Popen, queue: str, log: Path):
        self.process = process
        self.queue = queue
        self.log = log

    def kill(self) -> None:
        """SIGKILL, as a crashed machine would: no clean shutdown, no ack of the running task."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def _reset_pool(app) -> None:
    """Drop producer connections made with the previous broker settings.

    Kombu keeps connection and producer pools in process-wide registries keyed by connection;
    closing only the app's pool left a closed pool in the registry that the next test got back
    ("Acquire on closed pool"). ``pools.reset()`` closes and forgets them all.
    """
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def real_worker(tmp_path: Path, *, env: dict[str, str] | None = None, queue: str | None = None):
    from edcluster.config.celery import app

    broker = os.environ.get("CELERY_BROKER_URL") or "filesystem://"
    queue = queue or f"edc-test-{uuid.uuid4().hex[:8]}"
    fs_dir = tmp_path / "broker"
    worker_env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": broker,
        "CELERY_BROKER_FS_DIR": str(fs_dir),
        "EMAIL_URL": "outbox://",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "CELERY_TASK_DEFAULT_QUEUE": queue,  # what the worker's own tasks queue comes back to it
        **(env or {}),
    }
    saved = {
        k: app.conf.get(k)
        for k in ("broker_url", "task_always_eager", "task_default_queue", "broker_transport_options")
    }
    options = {}
    if broker.startswith("filesystem://"):
        for sub in ("queue", "processed", "control"):
            (fs_dir / sub).mkdir(parents=True, exist_ok=True)
        options = {
            "data_folder_in": str(fs_dir / "queue"),
            "data_folder_out": str(fs_dir / "queue"),
            "data_folder_processed": str(fs_dir / "processed"),
            "control_folder": str(fs_dir / "control"),
        }
    app.conf.update(
        broker_url=broker, task_always_eager=False, task_default_queue=queue, broker_transport_options=options
    )
    _reset_pool(app)
    log = tmp_path / f"worker-{uuid.uuid4().hex[:6]}.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "edcluster.config",
                "worker",
                "--pool=solo",
                "-Q",
                queue,
                "--without-heartbeat",
                "--without-mingle",
                "--without-gossip",
                "-l",
                "INFO",
            ],
            env=worker_env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    worker = Worker(process, queue, log)
    try:
        yield worker
    finally:
        worker.kill()
        app.conf.update(saved)
        _reset_pool(app)
        _scan_output(worker)


def _scan_output(worker: Worker) -> None:
    """Hand the worker's output to the suite's log scan (tests/conftest.py)."""
    from tests import conftest

    conftest._install_log_scan().lines.extend(f"[worker] {line}" for line in worker.output().splitlines())


def wait_for(predicate, *, timeout: float = 60, worker: Worker | None = None, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if worker is not None and worker.process.poll() is not None:
            raise AssertionError(f"worker exited while waiting for {what}:\n{worker.output()[-3000:]}")
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}:\n{worker.output()[-3000:] if worker else ''}")
