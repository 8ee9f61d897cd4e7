"""An uploaded canvass file kept server-side until the clerk confirms it (or leaves it).

The preview page and the import read the same kept bytes: the upload is written
once under ``RENPU_HOME/uploads/<token>/`` and confirmed by its token, never
uploaded again.  A token is only honoured in the session that uploaded it.
"""

from __future__ import annotations

import re
import secrets
import shutil
import time
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404

SESSION_KEY = "upload_previews"
KEPT_FOR = 24 * 3600  # an upload nobody confirmed is removed after a day
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _folder() -> Path:
    return Path(settings.RENPU_HOME) / "uploads"


def _remove_stale(now: float) -> None:
    folder = _folder()
    if not folder.exists():
        return
    for kept in folder.iterdir():
        if kept.is_dir() and now - kept.stat().st_mtime > KEPT_FOR:
            shutil.rmtree(kept, ignore_errors=True)


def keep(session: SessionBase, upload: UploadedFile) -> str:
    """Write the upload under a new token (remembered in this session) and return the token."""
    _remove_stale(time.time())
    token = secrets.token_urlsafe(18)
    folder = _folder() / token
    folder.mkdir(parents=True)
    # Keep only the base name: the browser chooses it, and it must not pick a folder.
    target = folder / Path(upload.name or "upload.xlsx").name
    with target.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    kept = dict(session.get(SESSION_KEY, {}))
    kept[token] = {"file": target.name, "ok": False}
    session[SESSION_KEY] = kept
    return token


def path_of(session: SessionBase, token: str) -> Path:
    """The kept file of a token this session uploaded; 404 for any other."""
    entry = session.get(SESSION_KEY, {}).get(token) if _TOKEN.match(token) else None
    path = _folder() / token / entry["file"] if entry else None
    if path is None or not path.is_file():
        raise Http404("没有该上传文件（可能已导入或已过期，请重新上传）")
    return path


def mark(session: SessionBase, token: str, ok: bool) -> None:
    """Remember whether the preview found the file importable (a refused one cannot be confirmed)."""
    kept = dict(session.get(SESSION_KEY, {}))
    kept[token] = {**kept[token], "ok": ok}
    session[SESSION_KEY] = kept


def confirmable(session: SessionBase, token: str) -> bool:
    return bool(session.get(SESSION_KEY, {}).get(token, {}).get("ok"))


def discard(session: SessionBase, token: str) -> None:
    kept = dict(session.get(SESSION_KEY, {}))
    if kept.pop(token, None) is not None:
        shutil.rmtree(_folder() / token, ignore_errors=True)
    session[SESSION_KEY] = kept
