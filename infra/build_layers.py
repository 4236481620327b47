"""Build the third-party dependencies layer for the Lambda platform, without Docker.

`python -m infra.build_layers` exports the locked runtime dependencies (`uv export --frozen`),
drops what the Lambda runtime already ships (boto3, botocore, s3transfer), and installs the
rest as binary wheels for the Lambda platform into `build/layers/deps/python` (the layer root
is `build/layers/deps`). The export is fully pinned and transitive, so the install runs with
`--no-deps`: pynamodb depends on botocore, and resolving would pull botocore back in.

The core package needs no build: `layers/core/python` is already the layer's `python/` folder.
A hash of the filtered requirements is kept beside the layer folder; an unchanged hash skips the
rebuild.

Lambda's file system is read-only, so a layer without `.pyc` files is compiled from source on
every cold start (~300 ms for pydantic, Powertools and pynamodb). When an interpreter of the
runtime's version is on this machine, the layer is byte-compiled with it
(`--invalidation-mode unchecked-hash`: zip extraction does not keep source mtimes stable).
"""

from __future__ import annotations

import glob
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
    material = "\n".join([PIP_PLATFORM, LAMBDA_PYTHON_VERSION, "pyc-1", *requirements])
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


def runtime_interpreter_candidates(version: str = LAMBDA_PYTHON_VERSION) -> list[str]:
    """Interpreters that may be CPython `version`: $LAMBDA_PYTHON, PATH, then pyenv builds."""
    found = [os.environ.get("LAMBDA_PYTHON", ""), shutil.which(f"python{version}") or ""]
    pyenv_root = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    found += sorted(glob.glob(f"{pyenv_root}/versions/{version}.*/bin/python{version}"))
    return [candidate for candidate in found if candidate]


def _runtime_interpreter() -> str | None:
    probe = "import sys; print('%d.%d' % sys.version_info[:2])"
    for candidate in runtime_interpreter_candidates():
        answer = subprocess.run(  # noqa: S603 - fixed argv, no shell
            [candidate, "-c", probe], capture_output=True, text=True, check=False
        )
        if answer.returncode == 0 and answer.stdout.strip() == LAMBDA_PYTHON_VERSION:
            return candidate
    return None


def compile_for_runtime(target: Path) -> bool:
    """Byte-compile `target` for the Lambda runtime; False when no such interpreter is here."""
    interpreter = _runtime_interpreter()
    if interpreter is None:
        print(
            f"no Python {LAMBDA_PYTHON_VERSION} here: the layer ships without .pyc files "
            "(slower cold starts); set LAMBDA_PYTHON to build them",
            file=sys.stderr,
        )
        return False
    command = [interpreter, "-m", "compileall", "-q", "-j", "0"]
    command += ["--invalidation-mode", "unchecked-hash", str(target)]
    subprocess.run(command, check=True)  # noqa: S603 - fixed argv, no shell
    return True


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
    compile_for_runtime(target)
    hash_file.write_text(digest + "\n")
    return True


def main(argv: list[str] | None = None) -> None:
    force = "--force" in (argv if argv is not None else sys.argv[1:])
    built = build_deps_layer(force=force)
    state = "built" if built else "up to date"
    print(f"deps layer {state}: {DEPS_LAYER_DIR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
