#!/usr/bin/env bash
# The deck test converts the PowerPoint file to PDF with LibreOffice and counts its pages with
# pdfinfo (tests/test_slides.py). Install Debian's packages when missing; needs root or sudo.
set -euo pipefail
command -v soffice >/dev/null && command -v pdfinfo >/dev/null && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends libreoffice-impress-nogui poppler-utils >/dev/null
soffice --version
