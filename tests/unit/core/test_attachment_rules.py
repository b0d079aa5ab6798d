"""Which files are risky to open, and how sizes read."""

import pytest

from omnidesk.core.attachments import is_risky_to_open, size_text


@pytest.mark.parametrize(
    "name",
    ["setup.exe", "INVOICE.PDF.exe", "run.bat", "x.js", "y.vbs", "z.ps1", "a.msi", "b.jar",
     "c.sh", "page.html", "pic.scr", "trailing-dot.exe."],
)  # fmt: skip
def test_programs_and_scripts_are_risky(name):
    assert is_risky_to_open(name)


@pytest.mark.parametrize("name", ["invoice.pdf", "photo.jpg", "notes.txt", "data.csv", "noext"])
def test_documents_are_not(name):
    assert not is_risky_to_open(name, "application/pdf")


def test_the_content_type_counts_too():
    assert is_risky_to_open("download", "application/x-msdownload")
    assert is_risky_to_open("page", "text/html")


def test_sizes_read_like_a_file_manager():
    assert size_text(512) == "512 B"
    assert size_text(10_240) == "10 KB"
    assert size_text(3 * 1024 * 1024 + 400_000) == "3.4 MB"
