"""Packaging glue that pyproject.toml cannot say alone: the default templates live in the
top-level ``templates/`` folder (the example workspace's own) and ship as ``pressroom.templates``."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["pressroom", "pressroom.*"]) + ["pressroom.templates"],
    package_dir={"pressroom.templates": "templates"},
)
