"""Site search: the project's own static index of the built site, sharded so that a query
downloads only the posting lists of its own words. See SEARCH.md for the measurements
behind these choices (route (c); Pagefind, route (b), could not stay under 150 KB).

Stage: runs after MkDocs wrote the site (mkdocs_hooks.on_post_build, site.build_site),
reading the written HTML; imports only build_tools.workers of the project. Deterministic.

- text: words, folding, terms, hashes and result kinds (the same as docs/assets/search.js);
- records: a built page's HTML -> Record, one per section a result opens;
- index: records -> postings and lengths in memory (two processes for a large site);
- shards: the index -> shard lines with BM25 scores, vocabulary, kind ranges, blocks;
- write: the files under site/search-index/ (index_site(), the published build);
- live: LiveIndex, the same index kept in memory and updated page by page (the preview),
  with scores.py (scores kept exact as the average record length moves) and live_files.py
  (the files an update rewrites).
"""

from build_tools.search.index import (
    TITLE_WEIGHT,
    Index,
    build_index,
    record_terms,
    site_index,
)
from build_tools.search.live import LiveIndex
from build_tools.search.records import (
    END,
    EXCLUDE_SELECTORS,
    INDICATOR_STOP,
    START,
    Record,
    essentials,
    page_records,
    plain,
    site_pages,
    site_records,
    without_excluded,
)
from build_tools.search.shards import (
    BLOCK_WORDS,
    MAX_SHARDS,
    SHARD_BYTES,
    base36,
    block_size,
    blocks,
    kind_ranges,
    posting_lines,
    shard_count,
    vocabulary,
)
from build_tools.search.text import (
    KIND_ORDER,
    KINDS,
    fnv1a,
    fold,
    i_for_y,
    ident_term,
    kind_for,
    shard_key,
    words,
)
from build_tools.search.write import BUNDLE, index_site, write_index

__all__ = [
    "BLOCK_WORDS",
    "BUNDLE",
    "END",
    "EXCLUDE_SELECTORS",
    "INDICATOR_STOP",
    "KINDS",
    "KIND_ORDER",
    "MAX_SHARDS",
    "SHARD_BYTES",
    "START",
    "TITLE_WEIGHT",
    "Index",
    "LiveIndex",
    "Record",
    "base36",
    "block_size",
    "blocks",
    "build_index",
    "essentials",
    "fnv1a",
    "fold",
    "i_for_y",
    "ident_term",
    "index_site",
    "kind_for",
    "kind_ranges",
    "page_records",
    "plain",
    "posting_lines",
    "record_terms",
    "shard_count",
    "shard_key",
    "site_index",
    "site_pages",
    "site_records",
    "vocabulary",
    "without_excluded",
    "words",
    "write_index",
]
