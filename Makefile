# Two entry points: `make run` and `make test`. Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
BUNDLE_STAMP := $(VENV)/.installed-bundle
VERSION := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' voicecheck/__init__.py)
TARBALL := dist/voicecheck-$(VERSION)-$(shell uname -s | tr A-Z a-z)-$(shell uname -m).tar.gz

.PHONY: run test lint bench accuracy train-tone bundle bundle-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

$(BUNDLE_STAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install --quiet -e '.[bundle]'
	@touch $@

run: $(STAMP)
	$(BIN)/voicecheck gui --guide builtin:default --batch assets/sample-export assets/samples/weibo-launch.txt

test: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/ruff check voicecheck tests benchmarks packaging
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/cold_check.py
	$(BIN)/python benchmarks/batch_throughput.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/typing_latency.py
	$(BIN)/python benchmarks/report_memory.py

accuracy: $(STAMP)
	$(BIN)/python benchmarks/accuracy.py
	@echo; echo "HELD-OUT corpus (benchmarks/holdout/: never tuned on; see its README)"
	$(BIN)/python benchmarks/accuracy.py --corpus benchmarks/holdout
	$(BIN)/python benchmarks/tone_accuracy.py

train-tone: $(STAMP)
	$(BIN)/python benchmarks/train_tone.py

# The desktop app for people without Python: dist/voicecheck/ and its .tar.gz (README
# "Install the app"). Not part of `make test`; .ci/run runs bundle-test after it.
bundle: $(BUNDLE_STAMP)
	rm -rf dist/voicecheck $(TARBALL)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/voicecheck.spec
	tar -C dist --transform 's,^voicecheck,voicecheck-$(VERSION),S' -czf $(TARBALL) voicecheck
	@du -sh dist/voicecheck $(TARBALL)

bundle-test: bundle
	$(BIN)/python packaging/bundle_test.py $(TARBALL)

clean:
	rm -rf $(VENV) build dist *.egg-info
