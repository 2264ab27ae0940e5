"""Write tf-lint's bundled knowledge of released transformers versions.

    python scripts/make_snapshot.py 4.57.6 5.24.0 [--wheels DIR]

For each version: download the released wheel (``pip download --no-deps``; reuses a wheel already in
``--wheels``), unpack it, and parse it with the same code that parses an installed transformers
(:func:`tf_lint.knowledge.source.parse_package`), then write
``tf_lint/knowledge/snapshots/transformers-<version>.json.gz`` (compact, sorted, reproducible gzip).
"""

from __future__ import annotations

import argparse
import glob
import gzip
import json
import os
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tf_lint.knowledge.source import parse_package  # noqa: E402
from tf_lint.knowledge.store import SNAPSHOT_DIR  # noqa: E402


def wheel_for(version: str, wheels: str) -> str:
    pattern = os.path.join(wheels, f"transformers-{version}-*.whl")
    found = glob.glob(pattern)
    if not found:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                        f"transformers=={version}", "-d", wheels], check=True)
        found = glob.glob(pattern)
    if not found:
        raise SystemExit(f"no wheel for transformers {version} in {wheels}")
    return found[0]


def snapshot_data(wheel: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(wheel) as zf:
            zf.extractall(tmp, [n for n in zf.namelist() if n.startswith("transformers/")])
        return parse_package(os.path.join(tmp, "transformers"))


def write_snapshot(data: dict, version: str) -> str:
    os.makedirs(SNAPSHOT_DIR, exist_ok=True)
    path = os.path.join(SNAPSHOT_DIR, f"transformers-{version}.json.gz")
    payload = json.dumps(data, separators=(",", ":"), sort_keys=True).encode()
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
        f.write(payload)
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("versions", nargs="+")
    parser.add_argument("--wheels", default=None, help="folder for downloaded wheels (default: a temporary one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as default_wheels:
        wheels = args.wheels or default_wheels
        os.makedirs(wheels, exist_ok=True)
        for version in args.versions:
            data = snapshot_data(wheel_for(version, wheels))
            if data.get("version") != version:
                raise SystemExit(f"the wheel of {version} says it is {data.get('version')}")
            path = write_snapshot(data, version)
            print(f"{path}: {os.path.getsize(path)} bytes; {len(data['exports'])} exports, "
                  f"{len(data['config_mapping'])} model types, {len(data['model_mappings'])} mappings, "
                  f"{len(data['tasks'])} tasks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
