"""LibreOffice, headless: a deck to PDF, as the deck test and the README's screenshot need it."""

import subprocess
from pathlib import Path


def pptx_to_pdf(deck: Path, folder: Path) -> Path:
    """Convert the .pptx (or .xlsx) into `folder` and return the PDF's path. A private profile
    folder keeps it clear of any other LibreOffice running on the machine."""
    profile = f"-env:UserInstallation=file://{folder / 'profile'}"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(deck)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / f"{deck.stem}.pdf"


to_pdf = pptx_to_pdf  # any document LibreOffice opens: a deck, a workbook
