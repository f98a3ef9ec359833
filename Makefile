# Shortcuts. `make fuzz` is described in docs/fuzzing.md.
FUZZ_TIME ?= 600
FUZZ_RSS_MB ?= 2048
FUZZ_ARTIFACTS ?= .build-fuzz/artifacts/
FUZZ_ARGS ?=

.PHONY: build test fuzz fuzz-build

build:
	bash scripts/build-sample

test:
	bash scripts/test

fuzz-build:
	swift build --scratch-path .build-fuzz --product ProspectusFuzz --sanitize=fuzzer --sanitize=address

# Seeds: the sample content (each file behind the selector byte of its kind, see
# Sources/ProspectusFuzz/FuzzTarget.swift), the minimal site's courses for the whole
# build (selector 6) and Tests/Fixtures/fuzz-corpus/, copied
# into a fresh corpus folder (or FUZZ_CORPUS, kept between runs). Crashes go to FUZZ_ARTIFACTS.
fuzz: fuzz-build
	@set -eu; c="$${FUZZ_CORPUS:-$$(mktemp -d /tmp/prospectus-corpus.XXXXXX)}"; mkdir -p "$$c" "$(FUZZ_ARTIFACTS)"; \
	cp content/courses/*.md Tests/Fixtures/fuzz-corpus/*.md Tests/Fixtures/fuzz-corpus/*.seed "$$c/"; \
	printf '\001' | cat - content/college.yml > "$$c/college.yml.seed"; \
	for k in 2:trainers 3:pages 4:partners 5:venues; do for f in content/$${k#*:}/*.md; do \
	  printf "\\00$${k%%:*}" | cat - "$$f" > "$$c/$${k#*:}-$$(basename "$$f").seed"; done; done; \
	for f in Tests/Fixtures/sites/minimal/content/courses/*.md; do \
	  printf '\006' | cat - "$$f" > "$$c/build-$$(basename "$$f").seed"; done; \
	echo "make fuzz: corpus $$c, $(FUZZ_TIME) s"; \
	SWIFT_BACKTRACE=enable=no .build-fuzz/debug/ProspectusFuzz -max_total_time=$(FUZZ_TIME) -rss_limit_mb=$(FUZZ_RSS_MB) \
	  -timeout=20 -dict=Tests/Fixtures/fuzz-corpus/prospectus.dict -artifact_prefix=$(FUZZ_ARTIFACTS) -print_final_stats=1 \
	  $(FUZZ_ARGS) "$$c"

bench:
	bash scripts/bench
