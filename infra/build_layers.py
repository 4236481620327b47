"""Build the third-party dependencies layer for the Lambda platform, without Docker.

`python -m infra.build_layers` exports the locked runtime dependencies (`uv export --frozen`),
drops what the Lambda runtime already ships (boto3, botocore, s3transfer), and installs the
rest as binary wheels for the Lambda platform into `build/layers/deps/python` (the layer root
is `build/layers/deps`). The export is fully pinned and transitive, so the install runs with
`--no-deps`: pynamodb depends on botocore, and resolving would pull botocore back in.

The core package needs no build: `layers/core/python` is already the layer's `python/` folder.
A hash of the filtered requirements is kept beside the layer folder; an unchanged hash skips the
rebuild.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

# One place for the platform: the functions' runtime and architecture follow these.
LAMBDA_PYTHON_VERSION = "3.13"
PIP_PLATFORM = "aarch64-manylinux2014"  # Graviton (arm64): ~20% cheaper per GB-second

ROOT = Path(__file__).resolve().parents[1]
DEPS_LAYER_DIR = ROOT / "build" / "layers" / "deps"
# The Lambda Python runtime provides these; the runtime's versions get security patches.
RUNTIME_PROVIDED = frozenset({"boto3", "botocore", "s3transfer"})


def _distribution_name(requirement: str) -> str:
    name = requirement.split(";", 1)[0]
    for separator in ("==", ">=", "<=", "~=", "!=", "<", ">", "[", " ", "@"):
        name = name.split(separator, 1)[0]
    return name.strip().lower().replace("_", "-").replace(".", "-")


def filter_requirements(exported: str, exclude: frozenset[str] = RUNTIME_PROVIDED) -> list[str]:
    """The pinned requirement lines of a `uv export`, minus comments, options and `exclude`."""
    lines = []
    for raw in exported.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", "-")):
            continue
        if _distribution_name(line) in exclude:
            continue
        lines.append(line)
    return lines


def requirements_hash(requirements: list[str]) -> str:
    """Identifies one layer build: the requirements plus the target platform."""
    material = "\n".join([PIP_PLATFORM, LAMBDA_PYTHON_VERSION, *requirements])
    return hashlib.sha256(material.encode()).hexdigest()


def install_command(uv: str, requirements_file: Path, target: Path) -> list[str]:
    """`uv pip install` of binary wheels for the Lambda platform into `target`.

    uv's pip interface takes the same switches as `pip install --platform ... --only-binary`;
    it is the tool the project already pins, so no second installer is needed.
    """
    return [
        uv,
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        "--only-binary",
        ":all:",
        "--python-platform",
        PIP_PLATFORM,
        "--python-version",
        LAMBDA_PYTHON_VERSION,
        "--target",
        str(target),
        "--requirement",
        str(requirements_file),
    ]


def _uv() -> str:
    bundled = ROOT / ".tools" / "bin" / "uv"
    found = os.environ.get("UV") or (str(bundled) if bundled.exists() else shutil.which("uv"))
    if not found:
        raise SystemExit("uv not found: run `make setup` first")
    return found


def build_deps_layer(layer_dir: Path = DEPS_LAYER_DIR, *, force: bool = False) -> bool:
    """Build the deps layer; returns False when the existing build is already up to date."""
    uv = _uv()
    exported = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [uv, "export", "--frozen", "--no-dev", "--no-emit-project", "--no-hashes"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    requirements = filter_requirements(exported)
    digest = requirements_hash(requirements)
    # Outside the layer folder, so it is not part of the uploaded asset.
    hash_file = layer_dir.parent / f"{layer_dir.name}.sha256"
    if not force and hash_file.exists() and hash_file.read_text().strip() == digest:
        return False
    shutil.rmtree(layer_dir, ignore_errors=True)
    layer_dir.mkdir(parents=True)
    requirements_file = layer_dir.parent / f"{layer_dir.name}-requirements.txt"
    requirements_file.write_text("\n".join(requirements) + "\n")
    target = layer_dir / "python"
    subprocess.run(install_command(uv, requirements_file, target), check=True)  # noqa: S603
    for cache in target.rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)
    hash_file.write_text(digest + "\n")
    return True


def main(argv: list[str] | None = None) -> None:
    force = "--force" in (argv if argv is not None else sys.argv[1:])
    built = build_deps_layer(force=force)
    state = "built" if built else "up to date"
    print(f"deps layer {state}: {DEPS_LAYER_DIR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
