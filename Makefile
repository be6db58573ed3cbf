# ecograph — two commands set everything up:
#   make exports   install what is missing, build, and regenerate exports/ from graphs/
#   make test      install what is missing, build, and run the whole test suite
SHELL := /bin/bash
.DEFAULT_GOAL := exports

SWIFT     ?= swift
CATALOG   := graphs/distributed-architecture.md
STEM      := distributed-architecture
RELEASE   := .build/release/ecograph
APT_PKGS  := pkg-config libgraphviz-dev graphviz libcmark-gfm-dev libcmark-gfm-extensions-dev \
             fonts-dejavu-core fonts-dejavu-extra fonts-liberation fonts-liberation2 fonts-wqy-zenhei
PY_PKGS   := networkx rdflib pyld
EXPORT_FORMATS := json,dot,svg,png,pdf,csv,jsonld,graphml,mermaid

.PHONY: exports test deps system-deps python-deps build build-release bench lint clean

## System libraries (Debian): cmark-gfm for markdown, libgraphviz for layout and rendering, and a
## fixed set of fonts (Graphviz measures labels with them: the same fonts give the same diagrams;
## WenQuanYi Zen Hei draws the Chinese names).
system-deps:
	@missing=""; \
	for p in $(APT_PKGS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "==> installing:$$missing"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	  else \
	    echo "error: missing system packages:$$missing"; \
	    echo "       run: sudo apt-get install -y$$missing   (or run make as root)"; exit 1; \
	  fi; \
	fi
	@# gvContext() finds its plugins through the config that `dot -c` writes.
	@if ! echo 'digraph{}' | dot -Tsvg >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then dot -c; else echo "error: Graphviz plugins are not configured; run: sudo dot -c"; exit 1; fi; \
	fi

## Python libraries the round-trip tests load our exports with (optional for building).
python-deps:
	@if command -v python3 >/dev/null; then \
	  python3 -c "import networkx, rdflib, pyld" 2>/dev/null || \
	  python3 -m pip install -q $(PY_PKGS) 2>&1 | tail -2 || echo "note: could not install $(PY_PKGS); those round-trip checks will be skipped"; \
	fi

deps: system-deps

build: deps
	$(SWIFT) build

build-release: deps
	$(SWIFT) build -c release --product ecograph

## The main job: the bundled catalog (graphs/) → exports/.
exports: build-release
	@mkdir -p exports
	$(RELEASE) export -c $(CATALOG) --format $(EXPORT_FORMATS) -o exports
	@echo "==> exports/ regenerated:"; ls -l exports

test: deps python-deps
	$(SWIFT) build
	$(SWIFT) test

lint: build-release
	$(RELEASE) lint -c $(CATALOG)

bench: build-release
	bash bench/run.sh

clean:
	rm -rf .build
