"""Each gunicorn instance has its own control socket (gunicorn.conf.py): two
instances on one machine no longer take each other's ``gunicorn.ctl``."""

import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def settings_for(monkeypatch, **env):
    for name in ("BIND", "PORT", "VAR_DIR", "CONTROL_SOCKET"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


def test_two_instances_on_one_machine_get_two_control_sockets(monkeypatch, tmp_path):
    first = settings_for(monkeypatch, PORT="8000", VAR_DIR=str(tmp_path))["control_socket"]
    second = settings_for(monkeypatch, PORT="8001", VAR_DIR=str(tmp_path))["control_socket"]
    assert first == str(tmp_path / "run" / "gunicorn-127.0.0.1-8000.ctl")
    assert second == str(tmp_path / "run" / "gunicorn-127.0.0.1-8001.ctl")
    unix = settings_for(monkeypatch, BIND="unix:/run/community/web.sock", VAR_DIR=str(tmp_path))
    assert unix["control_socket"] == str(
        tmp_path / "run" / "gunicorn-unix-run-community-web.sock.ctl"
    )


def test_the_operator_may_name_the_socket(monkeypatch):
    conf = settings_for(monkeypatch, CONTROL_SOCKET="/run/community/web1.ctl")
    assert conf["control_socket"] == "/run/community/web1.ctl"
