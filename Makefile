# hunttop — every target first installs the Debian packages the build needs (scripts/setup.sh).
.PHONY: setup run test longtest bench release

setup:
	@scripts/setup.sh

run: setup
	swift run hunttop

test: setup
	swift build
	swift test

# The long checks: soak, fuzz smoke over the corpus, the big benchmarks. Not part of `make test`.
longtest: setup release
	scripts/longtest.sh

release: setup
	swift build -c release

bench: release
	scripts/bench.sh
