# The front door. Every real rule lives in CMake; this file only installs what is
# missing, configures once and calls the two targets a reader needs.
MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: book test check clean

book:
	@tools/install-deps book
	@cmake --preset release >/dev/null
	@cmake --build --preset release --parallel $(JOBS) --target book

test:
	@tools/install-deps test
	@cmake --preset release >/dev/null
	@cmake --build --preset release --parallel $(JOBS)
	@ctest --preset release

# The quality gates (tools/check): format, tidy, sanitizers, the book in a browser,
# fuzzing, mutation testing. GATES="tidy sanitize" runs only those.
check:
	@tools/install-deps check
	@tools/check $(GATES)

clean:
	rm -rf build build-sanitize build-fuzz build-mutation build-debug
