"""Settings from the environment: the signing key is never one written in the code."""

from __future__ import annotations

import stat

from renpu.web import settings


def test_without_a_given_key_each_installation_makes_its_own(tmp_path, monkeypatch):
    monkeypatch.delenv("RENPU_SECRET_KEY", raising=False)
    monkeypatch.setattr(settings, "RENPU_HOME", tmp_path / "home")
    first = settings._secret_key()
    assert len(first) >= 50 and first == settings._secret_key()  # kept: sessions survive a restart
    key_file = tmp_path / "home" / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    monkeypatch.setattr(settings, "RENPU_HOME", tmp_path / "other")
    assert settings._secret_key() != first


def test_a_given_key_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("RENPU_SECRET_KEY", "given-" + "k" * 50)
    monkeypatch.setattr(settings, "RENPU_HOME", tmp_path)
    assert settings._secret_key() == "given-" + "k" * 50 and not (tmp_path / "secret_key").exists()
