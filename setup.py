"""Build hook: ship the top-level data folders inside the installed ``ber`` package.

``reference_data/``, ``templates/`` and ``docs/`` stay at the top of the repository (that
is where people edit them); a built wheel carries them as ``ber/_data/reference_data``,
``ber/_data/templates`` and ``ber/_data/docs``, every file they hold (large binary files
such as ``.gpkg`` or ``.parquet`` included). ``ber.io.paths`` finds them there with
``importlib.resources`` and falls back to the repository folders in a source checkout or
an editable install. Everything else is configured in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: repository folder -> folder inside the ``ber`` package
DATA_FOLDERS = {
    "reference_data": "_data/reference_data",
    "templates": "_data/templates",
    "docs": "_data/docs",
}
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")


class BuildPyWithData(build_py):
    """build_py that also copies the data folders into the build tree (not for editable installs)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the repository folders directly
        for source, target in DATA_FOLDERS.items():
            destination = Path(self.build_lib) / "ber" / target
            if destination.exists():
                shutil.rmtree(destination)  # never ship files left over from an earlier build
            shutil.copytree(ROOT / source, destination, ignore=SKIP)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        if not getattr(self, "editable_mode", False):
            for target in DATA_FOLDERS.values():
                folder = Path(self.build_lib) / "ber" / target
                outputs += [str(p) for p in folder.rglob("*") if p.is_file()]
        return outputs


setup(cmdclass={"build_py": BuildPyWithData})
