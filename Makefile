# Two entry points: `make run` and `make test`. Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test lint bench accuracy train-tone clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

run: $(STAMP)
	$(BIN)/voicecheck gui --guide builtin:default --batch assets/sample-export assets/samples/weibo-launch.txt

test: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/ruff check voicecheck tests benchmarks
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/cold_check.py
	$(BIN)/python benchmarks/batch_throughput.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/typing_latency.py
	$(BIN)/python benchmarks/report_memory.py

accuracy: $(STAMP)
	$(BIN)/python benchmarks/accuracy.py
	$(BIN)/python benchmarks/tone_accuracy.py

train-tone: $(STAMP)
	$(BIN)/python benchmarks/train_tone.py

clean:
	rm -rf $(VENV) build *.egg-info
