"""Write tf-lint's bundled knowledge of released transformers versions: the single generator of
``tf_lint/knowledge/snapshots/``.

    python scripts/make_snapshot.py                    # regenerate every bundled release
    python scripts/make_snapshot.py --all-minors       # every minor release from 4.30 on (newest patch each), from PyPI
    python scripts/make_snapshot.py 4.57.6 5.24.0      # these releases, added to the bundled ones
    ... [--wheels DIR]                                 # keep / reuse the downloaded wheels there
    python scripts/make_snapshot.py --packages         # TRL's and PEFT's minor releases (make_package_snapshots.py)

For each release: download the released wheel (``pip download --no-deps``; reuses a wheel already in
``--wheels``), unpack it, and parse it with the same code that parses an installed transformers
(:func:`tf_lint.knowledge.source.parse_package`). Then every bundled release is written again: the newest of
each major version whole (``transformers-<version>.json.gz``), each other one as a delta against the next newer
release of its major version (``transformers-<version>.delta.json.gz``, see ``tf_lint/knowledge/delta.py``);
compact, sorted, reproducible gzip. A release already bundled and not asked for is read back from the
bundled files, so adding one release needs only its wheel; a field added to ``parse_package`` needs every
release parsed again (the default: all bundled releases).
"""

from __future__ import annotations

import argparse
import glob
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from typing import Dict, List

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tf_lint.knowledge import store  # noqa: E402
from tf_lint.knowledge.delta import diff, patch  # noqa: E402
from tf_lint.knowledge.source import parse_package  # noqa: E402

OLDEST = (4, 30)  # the oldest minor release bundled


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


def minor_releases() -> List[str]:
    """The newest patch of every minor release from 4.30 on, as PyPI lists them (no pre-releases)."""
    out = subprocess.run([sys.executable, "-m", "pip", "index", "versions", "transformers"],
                         check=True, capture_output=True, text=True).stdout
    listed = re.search(r"Available versions: (.*)", out)
    if not listed:
        raise SystemExit("pip index versions transformers: no versions listed")
    newest: Dict[tuple, tuple] = {}
    for version in listed.group(1).split(", "):
        if not re.fullmatch(r"\d+\.\d+\.\d+", version.strip()):
            continue
        key = store.version_tuple(version)
        if key[:2] >= OLDEST and key > newest.get(key[:2], ()):
            newest[key[:2]] = key
    return [".".join(map(str, newest[minor])) for minor in sorted(newest)]


def _gzip(payload: dict) -> bytes:
    import io

    raw = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as f:
        f.write(raw)
    return buffer.getvalue()


def write_all(releases: Dict[str, dict], package: str = "transformers") -> List[str]:
    """Write every release of ``package`` (whole or as a delta against the next newer release of its major
    version), remove the files of its releases no longer bundled."""
    os.makedirs(store.SNAPSHOT_DIR, exist_ok=True)
    ordered = sorted(releases, key=store.version_tuple)
    written = []
    for i, version in enumerate(ordered):
        newer = ordered[i + 1] if i + 1 < len(ordered) else None
        if newer is not None and store.version_tuple(newer)[0] == store.version_tuple(version)[0]:
            change = diff(releases[newer], releases[version]) or {"d": {}}
            if patch(releases[newer], change) != releases[version]:
                raise SystemExit(f"internal error: the delta of {package} {version} does not rebuild it")
            name, payload = f"{package}-{version}.delta.json.gz", {"base": newer, "patch": change}
        else:
            name, payload = f"{package}-{version}.json.gz", releases[version]
        with open(os.path.join(store.SNAPSHOT_DIR, name), "wb") as f:
            f.write(_gzip(payload))
        written.append(name)
    for name in os.listdir(store.SNAPSHOT_DIR):
        if name.startswith(f"{package}-") and name not in written:
            os.unlink(os.path.join(store.SNAPSHOT_DIR, name))
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("versions", nargs="*", help="releases to (re)generate (default: every bundled one)")
    parser.add_argument("--all-minors", action="store_true",
                        help="every minor release from 4.30 to the newest on PyPI, newest patch of each")
    parser.add_argument("--wheels", default=None, help="folder for downloaded wheels (default: a temporary one)")
    parser.add_argument("--packages", action="store_true",
                        help="also every minor release of TRL and PEFT (scripts/make_package_snapshots.py)")
    args = parser.parse_args(argv)
    if args.packages:
        import make_package_snapshots

        make_package_snapshots.main(["--wheels", args.wheels] if args.wheels else [])
        if not args.versions and not args.all_minors:
            return 0
    bundled = store.bundled_versions()
    wanted = list(args.versions) + (minor_releases() if args.all_minors else [])
    if not wanted:
        wanted = bundled
    releases = {v: store.load_snapshot(v) for v in bundled if v not in wanted}
    with tempfile.TemporaryDirectory() as default_wheels:
        wheels = args.wheels or default_wheels
        os.makedirs(wheels, exist_ok=True)
        for version in sorted(set(wanted), key=store.version_tuple):
            data = snapshot_data(wheel_for(version, wheels))
            if data.get("version") != version:
                raise SystemExit(f"the wheel of {version} says it is {data.get('version')}")
            releases[version] = data
            print(f"transformers {version}: {len(data['exports'])} exports, {len(data['config_mapping'])} model "
                  f"types, {len(data['model_mappings'])} mappings, {len(data['tasks'])} tasks", flush=True)
    written = write_all(releases)
    total = sum(os.path.getsize(os.path.join(store.SNAPSHOT_DIR, n)) for n in written)
    print(f"{len(written)} releases in {store.SNAPSHOT_DIR}: {total} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
