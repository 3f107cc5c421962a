"""The deployment a school copies (deploy/): HAProxy's configuration is the one the tests run,
HAProxy accepts it, and it holds what several Streamlit servers need behind one address."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from deploy.balancer import (
    EXAMPLE_BACKENDS,
    HAPROXY,
    HEALTH_PATH,
    SERVER_HEADER,
    STICKY_COOKIE,
    Backend,
    haproxy_config,
)
from deploy.serve import server_environment
from tests.helpers import ROOT

DEPLOY = ROOT / "deploy"


def needs_haproxy():
    """Skip without HAProxy on a developer's machine; CI (READING_ROOM_REQUIRE_HAPROXY) fails."""
    if shutil.which(HAPROXY) or os.path.exists(HAPROXY):
        return
    if os.environ.get("READING_ROOM_REQUIRE_HAPROXY"):
        pytest.fail(f"HAProxy is needed at {HAPROXY} (apt-get install haproxy)")
    pytest.skip("no HAProxy (apt-get install haproxy)")


def test_the_configuration_to_copy_is_the_one_the_tests_run():
    assert (DEPLOY / "haproxy.cfg").read_text() == haproxy_config(EXAMPLE_BACKENDS)


def test_haproxy_accepts_the_configuration_to_copy():
    needs_haproxy()
    checked = subprocess.run(
        [HAPROXY, "-c", "-f", str(DEPLOY / "haproxy.cfg")], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def _lines(config: str) -> list[str]:
    return [line.strip() for line in config.splitlines() if not line.strip().startswith("#")]


def test_each_server_is_health_checked_and_named_in_its_own_sticky_cookie():
    config = haproxy_config([Backend("a", "10.1.1.1:8501"), Backend("b", "10.1.1.2:8501")])
    lines = _lines(config)
    assert "server a 10.1.1.1:8501 check cookie a" in lines
    assert "server b 10.1.1.2:8501 check cookie b" in lines
    assert any(line.startswith(f"cookie {STICKY_COOKIE} insert") for line in lines)
    assert f"http-check send meth GET uri {HEALTH_PATH}" in lines
    assert f"http-response set-header {SERVER_HEADER} %[srv_name]" in lines


def test_websockets_are_kept_for_hours_and_a_dead_servers_visitors_move_on():
    lines = _lines(haproxy_config(EXAMPLE_BACKENDS))
    tunnel = next(line for line in lines if line.startswith("timeout tunnel"))
    assert tunnel.endswith("h")
    assert "option redispatch 1" in lines


def test_every_server_of_a_school_gets_the_same_secret_and_database():
    first = server_environment("secret", "postgresql+psycopg://db/school")
    assert first == server_environment("secret", "postgresql+psycopg://db/school")
    assert first["STREAMLIT_SERVER_COOKIE_SECRET"] == "secret"
    assert first["READING_ROOM_DATABASE_URL"] == "postgresql+psycopg://db/school"
    assert "READING_ROOM_DATABASE_URL" not in server_environment("secret", None)


def test_the_server_settings_to_copy_name_what_every_server_needs():
    settings = dict(
        line.split("=", 1)
        for line in (DEPLOY / "app-server.env").read_text().splitlines()
        if line and not line.startswith("#")
    )
    for name in server_environment("secret", "postgresql+psycopg://db/school"):
        assert name in settings
    assert settings["STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION"] == "true"
    assert settings["STREAMLIT_SERVER_HEADLESS"] == "true"
