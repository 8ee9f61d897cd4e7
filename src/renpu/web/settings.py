"""Django settings for the renpu web app.

Configuration comes from the environment so that the CLI, the tests and a
county office's server share one file:

* ``RENPU_DATABASE_URL`` — e.g. ``postgres://user:pw@host/renpu``; default an
  SQLite file ``RENPU_HOME/renpu.sqlite3`` (WAL mode, so the web app can read
  while an import writes).
* ``RENPU_DB_PATH`` — another SQLite file (the CLI's ``--db``).
* ``RENPU_HOME`` — where the database, kept originals of imported files and
  error reports live; default ``./var``.
* ``RENPU_DEBUG`` — ``1`` only on a developer's machine.
* ``RENPU_SECRET_KEY`` — the signing key; without it a random one is made once
  and kept in ``RENPU_HOME/secret_key`` (readable by its owner only).
* ``RENPU_ALLOWED_HOSTS`` — the names the office reaches the server by
  (``192.168.1.10,renpu.local``); default 127.0.0.1 and localhost.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
RENPU_HOME = Path(os.environ.get("RENPU_HOME", "var")).resolve()

DEBUG = os.environ.get("RENPU_DEBUG", "") == "1"  # off unless a developer turns it on


def _secret_key() -> str:
    """RENPU_SECRET_KEY, else this installation's own random key (never a key in the code:
    anyone could read it here and sign what the server trusts)."""
    given = os.environ.get("RENPU_SECRET_KEY")
    if given:
        return given
    path = RENPU_HOME / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            pass
        else:
            with os.fdopen(handle, "w") as out:
                out.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = os.environ.get("RENPU_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # One app per capability (Django app labels in brackets where they differ:
    # the names the tables were made with, kept so that older databases work).
    "renpu.web.canvass",
    "renpu.web.sources",
    "renpu.web.verification",
    "renpu.web.accounts",  # (platform)
    "renpu.web.registers",  # (reports)
    "renpu.web.snapshots",
    "renpu.web.dashboard",
    "renpu.web.transfer",
    "renpu.web.ui",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "renpu.web.ui.headers.SecurityHeadersMiddleware",
    # After authentication: no personal data before the agreement is accepted.
    "renpu.web.accounts.agreement.AgreementMiddleware",
]

ROOT_URLCONF = "renpu.web.urls"
WSGI_APPLICATION = "renpu.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Before the apps' own: base.html, and the login pages over the admin's.
        "DIRS": [BASE_DIR / "ui" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "renpu.web.canvass.county.context",
            ],
        },
    },
]


def _database() -> dict:
    url = os.environ.get("RENPU_DATABASE_URL")
    if url:
        return dict(dj_database_url.parse(url, conn_max_age=60))
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("RENPU_DB_PATH") or RENPU_HOME / "renpu.sqlite3",
        "OPTIONS": {
            # WAL lets readers (the web app) work while an import writes;
            # IMMEDIATE avoids "database is locked" upgrades mid-transaction.
            # A 256 MB page cache: a million-person table has seven indexes, and inserting
            # into them with SQLite's default 2 MB cache spends the import on disk reads.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        },
        # Keep each worker's connection between requests: opening one for every request
        # (the pragmas, the schema read, a cold page cache) cost about 2 ms of CPU a page.
        "CONN_MAX_AGE": None,
    }


DATABASES = {"default": _database()}

CACHES = {
    # Per server process: small figures kept a minute (list counts, village menus).
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # In the database, so every server process and the CLI share it: the county's
    # dashboard figures, which read every person (5 s at a million).
    "shared": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "renpu_cache"},
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# PBKDF2 (Django's default, 1M iterations in 5.2): no extra dependency on an
# office server.  Argon2 would need argon2-cffi.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "renpu.web.accounts.passwords.ChineseMinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = RENPU_HOME / "static"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_AGE = 8 * 3600  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Strict"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind HTTPS (RENPU_HTTPS=1) cookies are sent over TLS only and HSTS is on.
if os.environ.get("RENPU_HTTPS") == "1":
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 30 * 24 * 3600
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# The confidentiality agreement shown before any personal data; the county office
# may publish a new text in the admin (保密协议), which asks everyone again.
RENPU_AGREEMENT_TEXT = os.environ.get("RENPU_AGREEMENT_TEXT") or (
    "一、本人知悉，人口普查摸排数据和部门行政记录中的个人信息受《中华人民共和国统计法》"
    "《全国人口普查条例》《中华人民共和国个人信息保护法》保护，仅可用于人口普查工作。\n"
    "二、本人只查看、录入和核查本人负责区域内的数据，不向任何无关人员提供、展示或泄露。\n"
    "三、不拍照、不截屏、不复制、不私自导出或打印个人信息；经批准导出的文件妥善保管，用后销毁。\n"
    "四、离开电脑时退出登录或锁定屏幕，不将账号和密码告诉他人。\n"
    "五、发现数据泄露或账号被盗用，立即报告县人普办。\n"
    "六、本人的查看、修改和导出操作均被记录；违反本协议的，依法依规承担责任。"
)

# WARNING and above only: request logs carry URLs, and URLs carry no personal
# data (searches are POSTed and kept in the session).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
