# The front door. Every real rule lives in CMake; this file only installs what is
# missing, configures once and calls the two targets a reader needs.
MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: book test clean

book:
	@tools/install-deps book
	@cmake --preset release >/dev/null
	@cmake --build --preset release --parallel $(JOBS) --target book

test:
	@tools/install-deps test
	@cmake --preset release >/dev/null
	@cmake --build --preset release --parallel $(JOBS)
	@ctest --preset release

clean:
	rm -rf build
