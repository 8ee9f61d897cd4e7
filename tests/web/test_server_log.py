"""A scripted session against `renpu serve`: no ID number or name in any URL or in the server's log.

The clerk's session logs in, accepts the agreement, lists households, opens one,
searches by ID number and by name (POSTed, never in the URL), exports a list and
asks for a page that does not exist; then the server's whole output is searched.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from benchmarks import hostile_files as files

from renpu.web import server

from .test_server import free_port, wait_for


def _renpu(home: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RENPU_")} | {"RENPU_HOME": str(home)}
    done = subprocess.run([sys.executable, "-m", "renpu", *args], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


class Session:
    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.urls: list[str] = []

    def get(self, path: str) -> str:
        try:
            with self.opener.open(self.base + path, timeout=60) as response:
                self.urls.append(response.url)
                return response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return f"HTTP {error.code}"

    def post(self, path: str, data: dict[str, str]) -> bytes:
        token = next(c.value for c in self.cookies if c.name == "csrftoken")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(self.base + path, body, headers={"Referer": self.base + path})
        with self.opener.open(request, timeout=60) as response:
            self.urls.append(response.url)
            return response.read()


@pytest.mark.skipif(not server.can_fork(), reason="worker processes need fork()")
def test_no_id_number_or_name_reaches_a_url_or_the_log(tmp_path: Path) -> None:
    home = tmp_path / "home"
    files.prepare_home(home)  # 张900… in 张家湾村, each with a valid ID number
    _renpu(home, "users", "add", "clerk", "--password", "correct-horse-42", "--role", "county")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RENPU_")} | {"RENPU_HOME": str(home)}
    child = subprocess.Popen([sys.executable, "-m", "renpu", "serve", "--port", str(port), "--workers", "1"],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    number, name = files.make_id(900), "张900"
    try:
        wait_for(port, child)
        session = Session(port)
        session.get("/login/")
        session.post("/login/", {"username": "clerk", "password": "correct-horse-42"})
        session.get("/agreement/")
        session.post("/agreement/", {"accept": "yes"})
        session.get("/households/")
        hrefs = []
        for query in (number, name, number[-4:], "zhang"):
            found = session.post("/search/", {"q": query}).decode()
            assert name in found  # the clerk sees the people…
            hrefs += re.findall(r'href="([^"]+)"', found)
        for href in {h for h in hrefs if re.fullmatch(r"/(households|persons)/\d+/(edit/)?", h)}:
            session.get(href)
        session.post("/exports/households/", {})
        session.get(f"/households/999999/?q={urllib.parse.quote('x')}")
    finally:
        child.send_signal(signal.SIGTERM)
        log = child.communicate(timeout=30)[0].decode("utf-8", "replace")
    assert child.returncode == 0, log
    said = [u for u in session.urls + hrefs if number in u or number[-4:] in u or urllib.parse.quote(name) in u]
    assert not said, said  # …but never in a URL
    assert number not in log and name not in log and number[-6:] not in log, log
