# One command per habit. `make serve` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
SITE_STAMP := $(VENV)/.site-installed
DEV_STAMP := $(VENV)/.dev-installed
NODE_STAMP := node_modules/.installed
PORT ?= 8000

.PHONY: serve site test check baseline golden lint bench browser lock clean corpus convert import

$(PY):
	$(PYTHON) -m venv $(VENV)

$(SITE_STAMP): requirements/site.txt | $(PY)
	$(PIP) install --quiet --require-hashes -r requirements/site.txt
	touch $@

$(DEV_STAMP): requirements/site.txt requirements/dev.txt | $(PY)
	$(PIP) install --quiet --require-hashes -r requirements/site.txt -r requirements/dev.txt
	touch $(SITE_STAMP) $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## serve: build and preview at http://127.0.0.1:$(PORT) (default 8000; `make serve PORT=8001`), reloading on every edit
##   (`make serve SERVE_FLAGS=--debug` prints each rebuild's stages with their times)
serve: $(SITE_STAMP)
	NO_MKDOCS_2_WARNING=1 $(PY) -m build_tools serve --port $(PORT) $(SERVE_FLAGS)

## site: strict build of the whole site into site/ (replaced only on success)
site: $(SITE_STAMP)
	$(PY) -m build_tools site

## check: validate content only (seconds; writes nothing)
check: $(SITE_STAMP)
	$(PY) -m build_tools check

## test: the whole suite, strict build and real browser included
test: $(DEV_STAMP) $(NODE_STAMP) browser
	$(PY) -m ruff check build_tools tests
	$(PY) -m ruff format --check build_tools tests
	$(PY) -m mypy
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest -n 2

## baseline: make the current content the published state `check` compares with
##   (LY_DO="…" required; commit content/moc-doi-chieu.yml with the content)
baseline: $(SITE_STAMP)
	$(PY) -m build_tools baseline --ly-do "$(LY_DO)"

## convert: print the Markdown a source would get, writing nothing: make convert FILE=van-ban.pdf
convert: $(SITE_STAMP)
	$(PY) -m build_tools convert "$(FILE)"

## import: bring a source (.pdf, .docx, .txt, .md) into content/van-ban/: make import FILE=… [ID=…]
import: $(SITE_STAMP)
	$(PY) -m build_tools import "$(FILE)" $(if $(ID),--id "$(ID)")

## corpus: measure the converter on the real documents (originals in CORPUS_DIR,
## default ../shared/corpus; see tests/corpus/README.md); fails below the issue-20 thresholds
corpus: $(DEV_STAMP)
	$(PY) -m pytest tests/corpus_measure.py -q -p no:cacheprovider

## golden: refresh golden files after an intended change (review the diff!)
golden: $(DEV_STAMP)
	$(PY) -m pytest tests --update-golden -q

lint: $(DEV_STAMP)
	$(PY) -m ruff check build_tools tests
	$(PY) -m ruff format --check build_tools tests
	$(PY) -m mypy
	$(VENV)/bin/lint-imports --no-cache

## bench: print build-time, memory and page-weight figures (see BENCHMARKS.md)
bench: $(DEV_STAMP) $(NODE_STAMP) browser
	$(PY) -m tests.bench
	$(PY) -m tests.bench_check

## bench-check: pipeline.check again in one process after one-file saves (BENCHMARKS.md)
.PHONY: bench-check
bench-check: $(DEV_STAMP)
	$(PY) -m tests.bench_check

## browser: install Debian's chromium when it is missing (tests need it)
browser:
	@bash tests/ensure_chromium.sh

## lock: regenerate the pinned, hashed lock files from requirements/*.in
lock: | $(PY)
	$(PIP) install --quiet pip-tools==7.6.2
	cd requirements && PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= ../$(VENV)/bin/pip-compile -q --generate-hashes --allow-unsafe --strip-extras -o site.txt site.in
	cd requirements && PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= ../$(VENV)/bin/pip-compile -q --generate-hashes --allow-unsafe --strip-extras -o dev.txt dev.in

clean:
	rm -rf site .site-* .preview test-artifacts bench-out
	$(PY) -m build_tools clean 2>/dev/null || true

## bench-search: search bytes before/while typing and query-suite hit rate (see SEARCH.md)
.PHONY: bench-search
bench-search: $(DEV_STAMP) $(NODE_STAMP) browser
	$(PY) -m tests.bench_search
