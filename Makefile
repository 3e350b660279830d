# Runnel: the two commands a newcomer needs are `make run` and `make test`.
BUILD ?= build
JOBS ?= 2
# ccache hits across clones of the repository (CI builds a fresh clone in another folder).
export CCACHE_BASEDIR := $(CURDIR)

.PHONY: all setup build run test unit e2e bench conformance clean

all: build

setup:
	@bash scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j$(JOBS)

# Build, start a local Kafka on 127.0.0.1:9092 and the server on 127.0.0.1:8088.
run: build
	@bash scripts/run.sh

# Build, start a test Kafka, run every test, stop Kafka; non-zero on any failure.
test: build
	@bash scripts/test.sh

bench: build
	@bash bench/run.sh

conformance: build
	@bash scripts/conformance.sh

clean:
	rm -rf $(BUILD)
