"""pressroom: press releases, media mentions, quote digests and press credentials.

The package is a library first; ``pressroom.cli`` is a thin Typer layer on top of it.
Nothing heavy is imported here, so ``pressroom --version`` stays fast.
"""

__version__ = "0.1.0"
