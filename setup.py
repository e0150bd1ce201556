"""Ships the bundled example case inside the wheel as data files.

Everything else is configured in pyproject.toml. The example case is data, not a package:
it is installed under ``<prefix>/share/marketing-toolkit/examples/`` so that ``toolkit demo``
works from an installed wheel (``toolkit.demo.example_case_dir`` looks there). Walking the
folder here means a file added to the example is shipped without editing a list.
"""

from pathlib import Path

from setuptools import setup

SKIP = {"out", ".toolkit", "__pycache__"}


def example_data_files() -> list[tuple[str, list[str]]]:
    groups: dict[str, list[str]] = {}
    for path in sorted(Path("examples").rglob("*")):
        if not path.is_file() or SKIP.intersection(path.parts) or path.suffix == ".pyc":
            continue
        groups.setdefault(str(Path("share", "marketing-toolkit", path.parent)), []).append(str(path))
    return sorted(groups.items())


setup(data_files=example_data_files())
