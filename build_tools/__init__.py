"""Build pipeline for the Cần Thơ resolution site: content/ -> model -> generated pages.

Callable without MkDocs (`python -m build_tools ...`); `mkdocs_hooks.py` is a thin door.
"""
