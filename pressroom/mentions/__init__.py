"""Media mentions and quotes: canonical URLs, the outlet registry, records and imports.

``records`` holds the operations (add, list, show, edit, remove), ``outlets`` the registry,
``urls`` canonicalisation and ``importer`` CSV and RSS/Atom imports.
"""
