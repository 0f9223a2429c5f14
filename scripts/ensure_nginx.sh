#!/usr/bin/env bash
# The deploy tests run Debian's nginx on loopback in front of the app, with
# deploy/nginx/itclusters.conf (tests/test_deploy.py). Install it when missing; needs root or sudo.
set -euo pipefail
if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then exit 0; fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# Installing starts no server here: tests start their own, on free ports.
$sudo apt-get install -y -qq --no-install-recommends nginx >/dev/null
/usr/sbin/nginx -v
