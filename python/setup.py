"""Builds sitrep._sitrep with the project's CMake (see README.md).

The extension is not compiled by setuptools: build_ext runs CMake on the checkout this
folder belongs to (configure once, then `cmake --build --target _sitrep`) and copies the
module it makes. Environment:
  SITREP_CMAKE_BUILD_DIR  reuse this configured build tree (e.g. the checkout's build/);
                          default: a tree under setuptools' build_temp (a full build of the
                          engine, several minutes)
  SITREP_SOURCE_DIR       the checkout (default: the parent of this folder)
  CMAKE_BUILD_PARALLEL_LEVEL  build jobs (default 2)
"""

import glob
import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent


class CMakeExtension(Extension):
    def __init__(self, name: str):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        source = Path(os.environ.get("SITREP_SOURCE_DIR", HERE.parent)).resolve()
        if not (source / "CMakeLists.txt").exists() or not (source / "src" / "engine").is_dir():
            raise RuntimeError(f"{source} is not a sitrep checkout: pip install ./python must "
                               "run from the checkout (or set SITREP_SOURCE_DIR)")
        build = Path(os.environ.get("SITREP_CMAKE_BUILD_DIR") or Path(self.build_temp) / "cmake")
        build = build.resolve()
        if not (build / "CMakeCache.txt").exists():
            generator = ["-G", "Ninja"] if shutil.which("ninja") else []
            subprocess.run(["cmake", "-S", str(source), "-B", str(build), *generator,
                            "-DCMAKE_BUILD_TYPE=Release", "-DSITREP_TESTS=OFF",
                            "-DSITREP_BENCH=OFF", "-DSITREP_PYTHON=ON",
                            f"-DPython3_EXECUTABLE={sys.executable}"], check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2")
        subprocess.run(["cmake", "--build", str(build), "--target", "_sitrep", "-j", jobs],
                       check=True)
        built = sorted(glob.glob(str(build / "python" / "sitrep" / "_sitrep*.so")))
        if not built:
            raise RuntimeError(f"no _sitrep module in {build}/python/sitrep after the build")
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[-1], target)


setup(ext_modules=[CMakeExtension("sitrep._sitrep")], cmdclass={"build_ext": CMakeBuild})
