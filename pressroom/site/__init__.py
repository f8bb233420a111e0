"""The newsroom website: a static site built from the workspace (``pressroom site build``).

``settings`` reads the ``site:`` section of pressroom.yaml; ``model`` decides what is public at build
time (the embargo rule lives there and only there); ``pages`` and ``feeds`` turn that into files;
``build`` plans every output path, refuses collisions and writes only what changed; ``check``
verifies every internal link; ``serve`` previews the site on 127.0.0.1.
"""
