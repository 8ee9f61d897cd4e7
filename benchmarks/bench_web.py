"""Load the web platform: 50 concurrent clients against list and search pages.

    python benchmarks/bench_web.py --db var/renpu.sqlite3 [--requests 2000] [--workers 50]

Starts the server exactly as ``renpu serve`` does (gunicorn, cores + 1 worker
processes) in a child process on 127.0.0.1 over an existing, loaded database,
signs in as a county user (created once as ``bench-county`` with the agreement
accepted), and fires a fixed number of requests, spread over the page kinds
below, from a pool of 50 clients that each send their next request as soon as
the last one is answered (no think time: the hardest form of "50 users").
Prints p50/p95/max per kind.  Search is POSTed (with CSRF), as the browser does,
and answers with its results.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

CSRF = "b" * 32  # Django accepts an unmasked 32-character secret as cookie and token


def boot(db: str) -> None:
    from renpu.web import boot as web_boot

    web_boot.setup(db=db, migrate=True)


def bench_session() -> str:
    """A signed-in session for a county user, as if they had logged in and agreed."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from renpu.web.accounts import agreement
    from renpu.web.accounts.users import add_user

    user = add_user("bench-county", "bench-password-not-for-use", "county")
    current = agreement.current_agreement()
    agreement.accept(user, current)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session["agreement_version"] = current.version
    session.create()
    return str(session.session_key)


def samples() -> dict[str, list[str]]:
    """Names, ID tails, villages and page numbers to vary the requests."""
    from renpu.web.canvass.models import Household, Person, Village

    top = Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    rng = random.Random(42)
    wanted = [rng.randrange(1, top + 1) for _ in range(200)] if top else []
    rows = list(Person.objects.filter(pk__in=wanted).values_list("name", "id_number")[:100])
    households = Household.objects.count()
    from renpu.core.names import pinyin_initials, pinyin_key

    return {
        "names": [name for name, _ in rows] or ["张"],
        "pinyin": [pinyin_key(name) for name, _ in rows] or ["zhang"],
        "initials": [pinyin_initials(name) for name, _ in rows] or ["zxm"],
        "tails": [number[-6:] for _, number in rows if number] or ["1234"],
        "villages": list(Village.objects.values_list("code", flat=True)) or [""],
        # anywhere in the county's list: the page after a random household (?after=)
        "anchors": [str(rng.randrange(1, households + 1)) for _ in range(100)],
    }


class Client:
    """One keep-alive connection per worker thread."""

    local = threading.local()

    def __init__(self, port: int, session: str) -> None:
        self.port = port
        self.cookie = f"sessionid={session}; csrftoken={CSRF}"

    def connection(self) -> http.client.HTTPConnection:
        if not hasattr(self.local, "connection"):
            self.local.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        return self.local.connection

    def request(self, method: str, path: str, body: str | None = None) -> int:
        headers = {"Cookie": self.cookie, "Host": "127.0.0.1"}
        if body is not None:
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": CSRF})
        connection = self.connection()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
        except (http.client.HTTPException, OSError):
            del self.local.connection
            raise
        return response.status


def one(client: Client, kind: str, pick: dict[str, list[str]], rng: random.Random) -> tuple[str, float, int]:
    start = time.perf_counter()
    if kind == "list":
        status = client.request("GET", f"/households/?after={rng.choice(pick['anchors'])}")
    elif kind == "list_village":
        status = client.request("GET", f"/households/?{urlencode({'village': rng.choice(pick['villages'])})}")
    elif kind == "tasks":
        status = client.request("GET", "/tasks/")
    elif kind == "check_write":  # a write: mark a household checked this month (月度核查)
        status = client.request("POST", f"/households/{rng.choice(pick['anchors'])}/check/", urlencode({"changes": ""}))
        status = 200 if status == 302 else status  # answered with a redirect to the household
    elif kind == "household":
        status = client.request("GET", f"/households/{rng.choice(pick['anchors'])}/")
    elif kind == "checks":
        status = client.request("GET", f"/checks/?{urlencode({'village': rng.choice(pick['villages'])})}")
    else:
        q = rng.choice(pick[{"search_name": "names", "search_pinyin": "pinyin", "search_initials": "initials"}
                            .get(kind, "tails")])
        status = client.request("POST", "/search/", urlencode({"q": q}))
    return kind, time.perf_counter() - start, status


def run(port: int, session: str, pick: dict[str, list[str]], requests: int, workers: int) -> dict[str, list[float]]:
    client = Client(port, session)
    kinds = ["list", "list_village", "checks", "tasks", "household", "check_write",
             "search_name", "search_pinyin", "search_initials", "search_id"]
    rng = random.Random(7)
    plan = [kinds[i % len(kinds)] for i in range(requests)]
    timings: dict[str, list[float]] = defaultdict(list)
    failures = 0
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for kind, seconds, status in pool.map(lambda k: one(client, k, pick, random.Random(rng.random())), plan):
            timings[kind].append(seconds)
            failures += status != 200
    if failures:
        print(f"!! {failures} requests did not answer 200")
    return timings


def report(timings: dict[str, list[float]], wall: float) -> None:
    total = sum(len(t) for t in timings.values())
    print(f"{total} requests in {wall:.1f} s ({total / wall:.1f} req/s)")
    print(f"{'page':<14}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for kind, values in sorted(timings.items()):
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        print(f"{kind:<14}{len(values):>6}{1000 * statistics.median(ordered):>10.0f}{1000 * p95:>10.0f}{1000 * ordered[-1]:>10.0f}")


def serve(port: int, processes: int | None, threads: int) -> None:
    """The child process: the web app as ``renpu serve`` runs it."""
    from renpu.web import server

    server.serve("127.0.0.1", port, workers=processes, threads=threads, quiet=True)


def cpu_seconds(pid: int) -> float:
    """CPU time of the server and its worker processes."""
    import psutil

    parent = psutil.Process(pid)
    return sum(sum(p.cpu_times()[:2]) for p in [parent, *parent.children(recursive=True)])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: str, processes: int | None, threads: int) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    command = [sys.executable, __file__, "--db", db, "--serve", str(port), "--threads", str(threads)]
    if processes:
        command += ["--processes", str(processes)]
    child = subprocess.Popen(command, env=os.environ.copy())
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return child, port
        except OSError:
            time.sleep(0.1)
    child.kill()
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="an existing, loaded SQLite file or a database URL")
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--workers", type=int, default=50)
    parser.add_argument("--processes", type=int, help="server worker processes (default: renpu serve's, cores + 1)")
    parser.add_argument("--threads", type=int, default=1, help="threads per server process (renpu serve's: 1)")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)  # internal: run as the server child
    args = parser.parse_args()
    boot(args.db)
    if args.serve:
        serve(args.serve, args.processes, args.threads)
        return
    session = bench_session()
    child, port = start_server(args.db, args.processes, args.threads)
    try:
        pick = samples()
        server_cpu, client_cpu = cpu_seconds(child.pid), time.process_time()
        start = time.perf_counter()
        timings = run(port, session, pick, args.requests, args.workers)
        report(timings, time.perf_counter() - start)
        print(f"CPU: server {cpu_seconds(child.pid) - server_cpu:.1f} s, "
              f"this client {time.process_time() - client_cpu:.1f} s")
    finally:
        child.terminate()
        child.wait(timeout=10)


if __name__ == "__main__":
    main()
