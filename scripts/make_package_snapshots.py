"""Write tf-lint's bundled knowledge of released TRL and PEFT versions (``tf_lint/knowledge/snapshots/trl-*``,
``peft-*``); ``scripts/make_snapshot.py --packages`` runs it too.

    python scripts/make_package_snapshots.py                  # every minor release (newest patch of each), from PyPI
    python scripts/make_package_snapshots.py trl==0.9.6 peft==0.13.2   # these releases, added to the bundled ones
    python scripts/make_package_snapshots.py --rebuild        # parse the bundled releases again
    ... [--wheels DIR]                                        # keep / reuse the downloaded wheels there

For each release: download the released wheel (``pip download --no-deps --only-binary=:all:``; reuses one
already in ``--wheels``), unpack the package, and parse it with the code that parses an installed TRL or PEFT
(:func:`tf_lint.knowledge.package_source.parse_distribution`). Every bundled release is then written again: the
newest of each major version whole, each other one as a delta against the next newer release of its major
version (``tf_lint/knowledge/delta.py``), as compact reproducible gzip.
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from typing import Dict, List

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from make_snapshot import write_all  # noqa: E402

from tf_lint.knowledge import packages, store  # noqa: E402
from tf_lint.knowledge.package_source import parse_distribution  # noqa: E402

OLDEST = {"trl": (0, 7), "peft": (0, 5)}  # the oldest minor release bundled of each


def wheel_for(package: str, version: str, wheels: str) -> str:
    pattern = os.path.join(wheels, f"{package}-{version}-*.whl")
    found = glob.glob(pattern)
    if not found:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                        f"{package}=={version}", "-d", wheels], check=True)
        found = glob.glob(pattern)
    if not found:
        raise SystemExit(f"no wheel for {package} {version} in {wheels}")
    return found[0]


def snapshot_data(package: str, version: str, wheel: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(wheel) as zf:
            zf.extractall(tmp, [n for n in zf.namelist() if n.startswith(f"{package}/")])
        return parse_distribution(os.path.join(tmp, package), package, version)


def minor_releases(package: str) -> List[str]:
    """The newest patch of every minor release from :data:`OLDEST` on, as PyPI lists them."""
    out = subprocess.run([sys.executable, "-m", "pip", "index", "versions", package],
                         check=True, capture_output=True, text=True).stdout
    listed = re.search(r"Available versions: (.*)", out)
    if not listed:
        raise SystemExit(f"pip index versions {package}: no versions listed")
    newest: Dict[tuple, tuple] = {}
    for version in listed.group(1).split(", "):
        if not re.fullmatch(r"\d+\.\d+\.\d+", version.strip()):
            continue
        key = store.version_tuple(version)
        if key[:2] >= OLDEST[package] and key > newest.get(key[:2], ()):
            newest[key[:2]] = key
    return [".".join(map(str, newest[minor])) for minor in sorted(newest)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("releases", nargs="*", help="PACKAGE==VERSION releases to add (default: every minor "
                                                    "release on PyPI)")
    parser.add_argument("--rebuild", action="store_true", help="parse every bundled release again")
    parser.add_argument("--wheels", default=None, help="folder for downloaded wheels (default: a temporary one)")
    args = parser.parse_args(argv)
    wanted: Dict[str, List[str]] = {p: [] for p in packages.PACKAGES}
    for release in args.releases:
        name, _, version = release.partition("==")
        if name not in wanted or not version:
            raise SystemExit(f"not PACKAGE==VERSION of {', '.join(packages.PACKAGES)}: {release}")
        wanted[name].append(version)
    if not args.releases:
        for name in packages.PACKAGES:
            wanted[name] = packages.bundled_versions(name) if args.rebuild else minor_releases(name)
    with tempfile.TemporaryDirectory() as default_wheels:
        wheels = args.wheels or default_wheels
        os.makedirs(wheels, exist_ok=True)
        for name in packages.PACKAGES:
            if not wanted[name]:
                continue
            bundled = packages.bundled_versions(name)
            releases = {v: packages.load_snapshot(name, v) for v in bundled if v not in wanted[name]}
            for version in sorted(set(wanted[name]), key=store.version_tuple):
                data = snapshot_data(name, version, wheel_for(name, version, wheels))
                releases[version] = data
                print(f"{name} {version}: {len(data['exports'])} exports, {len(data['callables'])} callables",
                      flush=True)
            written = write_all(releases, name)
            total = sum(os.path.getsize(os.path.join(store.SNAPSHOT_DIR, n)) for n in written)
            print(f"{name}: {len(written)} releases in {store.SNAPSHOT_DIR}: {total} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
