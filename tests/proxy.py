"""Debian's nginx in front of the app, on loopback, running deploy/nginx/itclusters.conf.

The shipped file is used as it is, except for what only a test may change: the port nginx listens
on, the replicas' ports and the access log's path. Each of these must be found, so an edited
deploy file cannot slip past the tests.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from pathlib import Path

from .browser import ROOT, free_port, wait_healthy

SITE = ROOT / "deploy" / "nginx" / "itclusters.conf"
BASE_PATH = "clusters"  # the sub-path the shipped file serves
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
_REPLICA = re.compile(r"^(\s*)server 127\.0\.0\.1:\d+ (.*);$", re.MULTILINE)


def site_config(listen: int, replicas: list[int], access_log: Path) -> str:
    text = SITE.read_text(encoding="utf-8")
    shipped = list(_REPLICA.finditer(text))  # consecutive lines in the upstream block
    assert shipped, f"no replica lines in {SITE}"
    indent, options = shipped[0].groups()
    lines = "\n".join(f"{indent}server 127.0.0.1:{port} {options};" for port in replicas)
    text = text[: shipped[0].start()] + lines + text[shipped[-1].end() :]
    for old, new in {
        "listen 80;": f"listen 127.0.0.1:{listen};",
        "/var/log/nginx/itclusters.access.log": str(access_log),
    }.items():
        assert old in text, f"{old!r} not found in {SITE}"
        text = text.replace(old, new)
    return text


@contextlib.contextmanager
def running_nginx(replicas: list[int], tmp: Path):
    """nginx on a free loopback port in front of `replicas`; yields (base URL, access log path)."""
    listen = free_port()
    access_log = tmp / "access.log"
    (tmp / "site.conf").write_text(site_config(listen, replicas, access_log), encoding="utf-8")
    user = "user root;" if os.geteuid() == 0 else ""  # workers write the temp files below
    temp = " ".join(f"{kind}_temp_path {tmp / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (tmp / "nginx.conf").write_text(
        f"""{user}
daemon off;
worker_processes 1;
pid {tmp / "nginx.pid"};
error_log {tmp / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    {temp}
    include {tmp / "site.conf"};
}}
""",
        encoding="utf-8",
    )
    check = subprocess.run([NGINX, "-t", "-p", str(tmp), "-c", str(tmp / "nginx.conf")], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf")], stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{listen}/{BASE_PATH}"
    try:
        wait_healthy(url, process, 20, lambda: f"nginx did not start: {(tmp / 'error.log').read_text()}")
        yield url, access_log
    finally:
        process.terminate()
        process.wait(timeout=10)


def upstreams(access_log: Path, path_part: str) -> list[str]:
    """The replica (host:port) that served each logged request whose line contains `path_part`.
    nginx logs a request when it ends, so a WebSocket only once it closes: a browser asks for
    _stcore/host-config (same cookie, same replica) just before it opens one."""
    lines = access_log.read_text(encoding="utf-8").splitlines() if access_log.exists() else []
    return [line.rsplit("upstream=", 1)[1].split(",")[-1].strip() for line in lines if path_part in line]
