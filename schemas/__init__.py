"""The JSON Schema of lintgoals format 1 (also usable by editors)."""
import os

FORMAT1 = os.path.join(os.path.dirname(__file__), "format1.schema.json")
