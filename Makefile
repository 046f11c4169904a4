# The two commands a new user needs: `make run` and `make test`.
# Both build the project's own .venv from scratch when it is missing.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STORE ?= data/store
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test venv system extract eval bench notebooks clean

$(BIN)/reformkg: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

venv: $(BIN)/reformkg

# Debian packages the tests use: LibreOffice (DOCX -> PDF fixtures), Chromium (view tests) and
# Virtuoso 7 (remote-store tests, tests/test_store_remote.py: ~10 s to install, ~4 s to start).
system:
	@command -v soffice >/dev/null && command -v chromium >/dev/null && command -v virtuoso-t >/dev/null || { \
	  apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer chromium \
	    virtuoso-opensource >/dev/null; }

test: venv system
	$(BIN)/python -m pytest -q

extract: venv
	$(BIN)/reformkg extract data/plans/*

eval: venv
	$(BIN)/reformkg eval

# Ingest the sample plans into $(STORE) (a second run skips unchanged files), then serve them.
run: venv
	$(BIN)/reformkg ingest data/plans --store $(STORE) --create
	@printf '\n  SPARQL query page  http://$(HOST):$(PORT)/sparql\n  REST API docs      http://$(HOST):$(PORT)/docs\n  graph view         http://$(HOST):$(PORT)/view/legal-document/nd-118-2025-nd-cp\n\n'
	$(BIN)/reformkg serve --store $(STORE) --host $(HOST) --port $(PORT)

bench: venv
	for b in benchmarks/[a-z]*.py; do $(BIN)/python -m benchmarks.$$(basename $$b .py) || exit 1; done

# Re-execute the notebooks in place against a fresh $(STORE), for their committed outputs.
notebooks: venv
	$(BIN)/reformkg ingest data/plans --store $(STORE) --create
	REFORMKG_STORE=$(abspath $(STORE)) $(BIN)/python -c 'import glob, nbformat, nbclient; \
	[nbformat.write(nbclient.NotebookClient(nbformat.read(f, as_version=4), timeout=300, record_timing=False, \
	  resources={"metadata": {"path": "notebooks"}}).execute(), f) for f in sorted(glob.glob("notebooks/*.ipynb"))]'
	rm -rf notebooks/views

clean:
	rm -rf $(VENV) $(STORE)
