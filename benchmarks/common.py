"""What the whole-process benchmarks share.

A user's installed pressroom has its bytecode compiled (pip compiles on install). A development
machine may not: this one sets PYTHONDONTWRITEBYTECODE, so every run would compile pressroom's
modules from source and the figures would measure the compiler. :func:`process_env` compiles the
package once and returns the environment to run processes in, without that variable.
"""

from __future__ import annotations

import compileall
import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def process_env(**extra: str) -> dict[str, str]:
    compileall.compile_dir(str(REPO / "pressroom"), quiet=1)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env
