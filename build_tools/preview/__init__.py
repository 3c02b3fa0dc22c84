"""`make serve`: the editor's live preview (a door, beside `build_tools site`).

Stage: a door over the pipeline and MkDocs, like site.py. It may import the pipeline,
search, taskpages, write and MkDocs; nothing in build_tools imports it but __main__.

- session.py holds what one running preview keeps in memory (the checked Site, its plan,
  the errors) and turns a save into the list of docs/ files that changed;
- render.py drives MkDocs in this process (the strict mkdocs.yml, the same hook) and
  renders only the pages a save touched;
- server.py serves the rendered folder on 127.0.0.1, with the error banner and a small
  livereload script added to each page as it is sent (never written into the HTML);
- watch.py waits for saves (watchfiles) and says what each one was;
- placeholders.py: stand-in pages when the first start meets broken content.
"""

from __future__ import annotations

from build_tools.preview.placeholders import PLACEHOLDER, nav_pages, placeholders

__all__ = ["PLACEHOLDER", "nav_pages", "placeholders"]
