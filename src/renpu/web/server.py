"""Serving the web app: several worker processes where the system can fork.

One Python process runs one request at a time on one core (the interpreter
lock), so a single process caps a county office at one core however many
users are waiting.  On Linux and macOS, gunicorn forks ``workers`` processes
that share the listening socket (SQLite in WAL mode lets them all read while
one writes).  Where there is no fork (Windows), waitress serves from one
process with threads.
"""

from __future__ import annotations

import os
from typing import Any


def default_workers() -> int:
    """One process per core, and one more so that a long import or export in one
    request leaves every core serving the others."""
    return (os.cpu_count() or 1) + 1


def can_fork() -> bool:
    return hasattr(os, "fork")


def serve(host: str, port: int, workers: int | None = None, threads: int = 1, quiet: bool = False) -> None:
    """Serve until stopped.  Django must be set up (settings, migrations) before this."""
    from django.db import connections

    connections.close_all()  # the workers open their own: a connection must not cross a fork
    if can_fork():
        _gunicorn(host, port, workers or default_workers(), threads, quiet)
    else:
        _waitress(host, port, max(threads, 8), quiet)


def _waitress(host: str, port: int, threads: int, quiet: bool) -> None:
    from waitress import serve as waitress_serve

    from renpu.web.wsgi import application

    waitress_serve(application, host=host, port=port, threads=threads, _quiet=quiet)


def _gunicorn(host: str, port: int, workers: int, threads: int, quiet: bool) -> None:
    from gunicorn.app.base import BaseApplication

    class Application(BaseApplication):  # type: ignore[misc]
        """gunicorn run from Python with renpu's settings, not from a config file."""

        def load_config(self) -> None:
            options: dict[str, Any] = {
                "bind": f"{host}:{port}",
                "workers": workers,
                # Sync workers take a connection only when idle, so the kernel's accept
                # queue hands each request to a free process.  (Threaded workers accept
                # greedily and keep browsers' connections: one process ended up with
                # most of them while the other idled, and p95 doubled.)
                "worker_class": "sync" if threads == 1 else "gthread",
                "threads": threads,
                "timeout": 1800,  # a county-wide import or export runs in its request
                "graceful_timeout": 10,
                "loglevel": "warning" if quiet else "info",
                "accesslog": None,  # no access log: nothing personal is in URLs, but nothing is needed either
                "control_socket_disable": True,  # no ~/.gunicorn socket: stopped with Ctrl+C or a signal
            }
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from renpu.web.wsgi import application

            return application

    Application().run()
