"""The built-in checks of lintgoals, one module per rule family.

They use only the public plugin API (`from lintgoals import check`), the same
one a bureau uses for its own checks. Modules whose names start with `_` hold
shared helpers and define no checks.
"""
