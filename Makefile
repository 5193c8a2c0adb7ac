# The README's two commands: `make run` and `make test`. Each creates .venv and installs into it.
# `make bundle` adds the pinned PyInstaller to the same venv and builds dist/kiosk/ (build.spec).
# `make check` runs the guard rails: ruff (lint and format), the import contracts, mypy.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BUNDLE_STAMP := $(VENV)/.installed-bundle
ARGS   ?=

.PHONY: run test validate lint check shots print clean fuzz fuzz-svg soak bench bench-one-cpu theme bundle

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11+ is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/kiosk $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(ARGS)

validate: $(STAMP)
	$(BIN)/kiosk validate content

lint: $(STAMP)
	$(BIN)/ruff check .

# All four run even when one fails, so one run shows every problem; the target fails if any did.
# The contracts and mypy's settings are in pyproject.toml ([tool.importlinter], [tool.mypy]).
check: $(STAMP)  ## the guard rails: ruff lint, ruff format --check, lint-imports, mypy
	@status=0; \
	for step in "ruff check ." "ruff format --check ." "lint-imports" "mypy"; do \
		echo "== $$step"; \
		$(BIN)/$$step || { echo "== FAILED: $$step"; status=1; }; \
	done; \
	exit $$status

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis soak-results .mypy_cache .import_linter_cache

fuzz: $(STAMP)  ## a long property-based run of the loader and the SVG sanitizer (20,000 examples per test)
	HYPOTHESIS_PROFILE=fuzz QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/unit/test_loader_fuzz.py tests/hostile/test_svg_fuzz.py -q

fuzz-svg: $(STAMP)  ## the SVG sanitizer alone, long, with statistics (FUZZ_EXAMPLES=60000: about 18 minutes here)
	HYPOTHESIS_PROFILE=fuzz QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/hostile/test_svg_fuzz.py -q --hypothesis-show-statistics

soak: $(STAMP)  ## an hour of a random visitor on the real window, offscreen (with DISPLAY set: on that display); SOAK_SECONDS=1800 for half; figures in soak-results/
	$(BIN)/python -m tools.soak --events 10000000 --seconds $${SOAK_SECONDS:-3600} --out soak-results $(ARGS)

bench: theme  ## the benchmarks (10-15 minutes); rewrites docs/benchmarks.md. ARGS="--quick" for a short run
	$(BIN)/python -m benchmarks $(ARGS)

bench-one-cpu: theme  ## the small-machine profile: start-up, slides, touch to screen, fishbowl lag on CPU 0 beside a busy process (as taskset -c 0); writes docs/benchmarks-one-cpu.md
	$(BIN)/python -m benchmarks --one-cpu $(ARGS)

theme: $(STAMP)  ## assets/theme/: qt-material's look rendered once, loaded at start instead of applying it live
	$(BIN)/python -m tools.render_theme

shots: $(STAMP)  ## docs/screenshots: every screen and poster at 1920x1080 and 1080x1920, via `kiosk shot`
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tools.screenshots docs/screenshots

print: $(STAMP)  ## dist/print/: the six posters as A1 and the A4 handout, as PDF (docs/printing.md)
	mkdir -p dist/print
	$(BIN)/kiosk print --size A1 $(ARGS) dist/print/posters-a1.pdf
	$(BIN)/kiosk print --handout $(ARGS) dist/print/handout-a4.pdf

$(BUNDLE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[bundle]'
	@touch $(BUNDLE_STAMP)

bundle: $(BUNDLE_STAMP) theme  ## dist/kiosk/: the offline one-folder bundle, then its smoke test (docs/packaging.md)
	rm -rf dist/kiosk build/bundle
	$(BIN)/pyinstaller --noconfirm --log-level WARN --workpath build/bundle --distpath dist build.spec
	.ci/bundle-check dist/kiosk
