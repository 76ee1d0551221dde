# Two commands on a fresh machine: `make build` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: build publish test check serve clean release pdf bench recall import new

build: $(VENV)/.runtime  ## Check everything, build into a temporary folder, publish to site/ on success.
	$(PY) -m policysite build --site-dir site

# make publish AGAINST=https://privacy.xometry.asia/ (or a folder holding the deployed site) also refuses
# when a version published there is missing here or differs. It travels in the environment, like the summaries.
export AGAINST
publish: $(VENV)/.runtime  ## What the deploy runs: `make build`, refused unless the text is a committed released version.
	$(PY) -m policysite build --site-dir site --require-release $(if $(AGAINST),--against "$$AGAINST")

check: $(VENV)/.runtime  ## Run every policy check without rendering HTML (mkdocs.yml's languages included).
	$(PY) -m policysite check

# make release EFFECTIVE=2025-03-01 MATERIAL=yes|no SUMMARY_ZH="…" SUMMARY_EN="…" [UPDATED=2025-02-20] [DOC=policy]
# (or put them under next_release in data/archive.yml). MATERIAL: must users consent again (required after the
# first version). UPDATED: the "last updated" date readers see (default: EFFECTIVE). DOC: the document (default: the policy).
# Summaries travel in the environment so that quotes and $ in them reach the command unchanged.
export SUMMARY_ZH SUMMARY_EN
release: $(VENV)/.runtime  ## Freeze the current policy as a new archived version (refuses when anything is wrong).
	$(PY) -m policysite release $(if $(EFFECTIVE),--effective "$(EFFECTIVE)") $(if $(UPDATED),--updated "$(UPDATED)") \
	  $(if $(MATERIAL),--material "$(MATERIAL)") $(if $(DOC),--doc "$(DOC)") --summary zh="$$SUMMARY_ZH" --summary en="$$SUMMARY_EN"

# make pdf: every document at once, no DOC= — the policy's archive/ and each document's archive/<id>/ (data/site.yml);
# a version that has its PDF is left alone, so running it again is harmless. `make release DOC=<id>` makes a new version's.
pdf: $(VENV)/.runtime  ## Make the PDF of every released version that has none (adds files, never changes one).
	$(PY) -m policysite pdf

# make import SRC="zh=policy.docx en=policy-en.docx" [ARGS="--replace --accept-changes"]
import: $(VENV)/.runtime  ## Bring an existing policy in from Word, text, Markdown or HTML; then list what to resolve.
	$(PY) -m policysite import $(SRC) $(ARGS)

# make new LANGS="zh en"
new: $(VENV)/.runtime  ## Start an empty policy whose sections say what each must disclose.
	$(PY) -m policysite new $(foreach lang,$(or $(LANGS),zh),--lang $(lang)) $(ARGS)

# make serve PORT=8001: another port when 8000 is taken (a port in use is refused in one line).
serve: $(VENV)/.runtime  ## Live preview on http://127.0.0.1:8000/ (shows edits not yet released).
	$(PY) -m policysite serve --port "$(or $(PORT),8000)"

test: $(VENV)/.dev  ## Lint (ruff) and type-check (mypy) the code, then build real sites in temporary folders and check them.
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m pytest -n 2 --dist loadfile  # two workers, each test module whole on one (module fixtures built once)

bench: $(VENV)/.dev  ## Measure build overhead, check speed, scale and page weight; write BENCHMARKS.md.
	cd bench && ../$(PY) run.py

# make recall CORPUS=path/to/corpus: import each policy of a measuring corpus, judge it, write RECALL.md.
recall: $(VENV)/.runtime  ## Measure how many listed defects the gate catches on policies it never saw.
	@test -n "$(CORPUS)" || { echo "make recall: say where the corpus is, e.g. make recall CORPUS=path/to/corpus" >&2; exit 2; }
	$(PY) bench/recall.py "$(CORPUS)"

$(VENV)/bin/python:
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

# axe-core (the accessibility checks of the browser tests) comes from npm, pinned by tests/axe/package-lock.json.
$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt tests/axe/package-lock.json
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@command -v npm >/dev/null || { echo "make test: npm is missing; install Node.js 18 or later (sudo apt-get install npm)" >&2; exit 2; }
	npm ci --prefix tests/axe --no-audit --no-fund --silent
	touch $@

clean:
	rm -rf site .site-build-* .site-old-* .pytest_cache .mypy_cache .ruff_cache
