"""``renpu serve`` as an office runs it: worker processes on 127.0.0.1 over one SQLite file."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import pytest

from renpu.web import server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(port: int, child: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if child.poll() is not None:
            raise AssertionError(f"renpu serve exited with {child.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("renpu serve did not start")


@pytest.mark.skipif(not server.can_fork(), reason="worker processes need fork()")
def test_serve_answers_from_several_worker_processes(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "RENPU_HOME": str(tmp_path), "HOME": str(tmp_path)}
    env.pop("RENPU_DB_PATH", None)
    env.pop("RENPU_DATABASE_URL", None)  # its own SQLite file in tmp_path, whatever the suite runs on
    env.pop("RENPU_SECRET_KEY", None)  # the workers share the installation's own key
    child = subprocess.Popen([sys.executable, "-m", "renpu", "serve", "--port", str(port), "--workers", "2"],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_for(port, child)
        for _ in range(100):  # the port opens before the last worker has forked
            workers = psutil.Process(child.pid).children(recursive=True)
            if len(workers) >= 2:
                break
            time.sleep(0.1)
        assert len(workers) == 2

        def login_page(_: int) -> tuple[int, str]:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=30) as response:
                return response.status, response.read().decode()

        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(login_page, range(40)))
        assert all(status == 200 and "登录" in text for status, text in answers)
    finally:
        child.send_signal(signal.SIGTERM)
        output = child.communicate(timeout=30)[0].decode()
    assert child.returncode == 0, output
    assert "2 个工作进程" in output
    assert (tmp_path / "renpu.sqlite3").exists()
    assert not (tmp_path / ".gunicorn").exists()  # no control socket left in the user's home
    assert (tmp_path / "secret_key").stat().st_size > 0


def test_default_workers_leave_a_spare_process() -> None:
    assert server.default_workers() == (os.cpu_count() or 1) + 1
