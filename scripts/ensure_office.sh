#!/usr/bin/env bash
# The deck and spreadsheet tests convert the PowerPoint and Excel files to PDF with LibreOffice and
# read the pages with poppler (tests/test_slides.py, tests/test_sheets.py). Install Debian's
# packages when missing; needs root or sudo.
set -euo pipefail
command -v soffice >/dev/null && command -v pdfinfo >/dev/null && [ -e /usr/lib/libreoffice/program/libsclo.so ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends libreoffice-impress-nogui libreoffice-calc-nogui poppler-utils >/dev/null
soffice --version
