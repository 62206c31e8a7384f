# pipeline — numeric claims of Chinese reports. See README.md.
#
#   make            build build/pipeline
#   make run        install missing packages (as root), build, run on seeds/ into out/
#   make test       the whole suite, then again under ASan + UBSan
#   make check-rules   validate rules/ and run their examples
#   make install PREFIX=/usr/local
#   make fuzz       libFuzzer targets fuzz/*.c, each FUZZ_SECONDS (60) seconds
#   make bench      throughput and memory on a generated 200 MB corpus (BENCH.md)
#   make bench-scale   its scale stage alone: inputs that grow, a 100 MB line (build/bench/scale.md)
#   make test-browser   the audit site in headless Chromium, at 10,000 and 100,000 documents
#   make test-cluster   the corpus as Slurm job-array shards, merged = one run
#   make test-office    claims.xlsx and claims.excel.csv through LibreOffice, and a reviews file it saves
#   make wordclass  rules/wordclass*.tsv again from jieba's dictionary and ICU (contrib/wordclass)
#   make format | lint | clean

CC ?= cc
CFLAGS ?= -O2 -g
PREFIX ?= /usr/local

# python3-jieba: the source of rules/wordclass.tsv, which tests/wordclass.sh
# checks against it (the pipeline itself reads only the file in rules/)
PACKAGES := libicu-dev libxml2-dev libcjson-dev libcsv-dev libxlsxwriter-dev zlib1g-dev pkg-config python3-jieba
PKGS := icu-uc icu-i18n libxml-2.0 libcjson xlsxwriter zlib

# pkg-config is asked only when it is there: `make deps` installs it first.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm -pthread

WARN := -std=c11 -Wall -Wextra -Werror -D_XOPEN_SOURCE=700 -pthread
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

SRC := $(filter-out pipeline/main.c,$(wildcard pipeline/*.c))
HDR := $(wildcard pipeline/*.h)
# The page's style sheets and scripts, embedded as data (pipeline/page.h).
PAGE := $(sort $(wildcard pipeline/page/*.css pipeline/page/*.js))
OBJ := $(SRC:pipeline/%.c=build/obj/%.o) build/obj/page_data.o
ASAN_OBJ := $(SRC:pipeline/%.c=build/asan/obj/%.o) build/asan/obj/page_data.o
TESTS := $(patsubst tests/%.c,%,$(wildcard tests/test_*.c))
# the fuzz targets without libFuzzer: tests/regress.sh replays their finds
REGRESS := $(patsubst fuzz/%.c,regress/%,$(wildcard fuzz/fuzz_*.c))

.PHONY: all run test test-unit asan check-rules install uninstall deps format lint clean wordclass \
	bench bench-scale test-browser test-cluster test-office

all: build/pipeline

build/obj/%.o: pipeline/%.c $(HDR) | deps
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -c $< -o $@

build/asan/obj/%.o: pipeline/%.c $(HDR) | deps
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN) $(PKG_CFLAGS) -c $< -o $@

build/gen/page_data.c: $(PAGE) pipeline/page/embed.sh
	@mkdir -p $(@D)
	sh pipeline/page/embed.sh $@ $(PAGE)

build/obj/page_data.o: build/gen/page_data.c pipeline/page.h
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) -Ipipeline -c $< -o $@

build/asan/obj/page_data.o: build/gen/page_data.c pipeline/page.h
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN) -Ipipeline -c $< -o $@

build/pipeline: build/obj/main.o $(OBJ)
	$(CC) $(CFLAGS) $^ $(PKG_LIBS) -o $@

build/asan/pipeline: build/asan/obj/main.o $(ASAN_OBJ)
	$(CC) -g $(SAN) $^ $(PKG_LIBS) -o $@

build/test_%: tests/test_%.c tests/harness.h $(OBJ)
	$(CC) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -Ipipeline $< $(OBJ) $(PKG_LIBS) -o $@

build/asan/test_%: tests/test_%.c tests/harness.h $(ASAN_OBJ)
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN) $(PKG_CFLAGS) -Ipipeline $< $(ASAN_OBJ) $(PKG_LIBS) -o $@

build/regress/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h fuzz/standalone.c $(OBJ)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(PKG_CFLAGS) -Ipipeline $< fuzz/standalone.c $(OBJ) $(PKG_LIBS) -o $@

build/asan/regress/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h fuzz/standalone.c $(ASAN_OBJ)
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN) $(PKG_CFLAGS) -Ipipeline $< fuzz/standalone.c $(ASAN_OBJ) $(PKG_LIBS) -o $@

# Missing Debian packages: installed when run as root, else the command is shown.
deps:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing || exit 1; \
	  else \
	    echo "missing packages:$$missing"; \
	    echo "run: sudo apt-get update && sudo apt-get install -y --no-install-recommends$$missing"; \
	    exit 1; \
	  fi; \
	fi

run: build/pipeline
	build/pipeline seeds/ out/

check-rules: build/pipeline
	build/pipeline --check-rules rules/

# The word class lexicon, made from packaged data and kept in rules/.
wordclass:
	@$(MAKE) --no-print-directory deps PACKAGES="python3-jieba icu-devtools"
	python3 contrib/wordclass/make.py

# The suite twice: as built, then under AddressSanitizer + UBSan. The last
# line sums both.
test: build/pipeline build/asan/pipeline $(TESTS:%=build/%) $(TESTS:%=build/asan/%) \
		$(REGRESS:%=build/%) $(REGRESS:%=build/asan/%)
	@tests/run build > build/test.log; s1=$$?; cat build/test.log; \
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 tests/run build/asan > build/asan/test.log; s2=$$?; \
	cat build/asan/test.log; \
	p=$$(tail -n 1 build/test.log | grep -oE '[0-9]+ passed, [0-9]+ failed' | tr -dc '0-9 '); \
	q=$$(tail -n 1 build/asan/test.log | grep -oE '[0-9]+ passed, [0-9]+ failed' | tr -dc '0-9 '); \
	set -- $$p $$q; echo "$$(($$1 + $$3)) passed, $$(($$2 + $$4)) failed"; \
	[ $$s1 -eq 0 ] && [ $$s2 -eq 0 ]

asan: build/asan/pipeline $(TESTS:%=build/asan/%)

# Each installs what it needs (as root) and says what it measured.
bench: | deps
	sh bench/run.sh

bench-scale: | deps
	sh bench/run.sh scale

test-browser: build/pipeline
	sh tests/browser/run.sh build/pipeline

test-cluster: build/pipeline
	sh tests/cluster/run.sh build/pipeline

test-office: build/pipeline
	sh tests/office/run.sh build/pipeline

install: build/pipeline
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/pipeline/rules
	install -m 755 build/pipeline $(DESTDIR)$(PREFIX)/bin/pipeline
	install -m 644 rules/*.json rules/*.tsv $(DESTDIR)$(PREFIX)/share/pipeline/rules/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/pipeline
	rm -rf $(DESTDIR)$(PREFIX)/share/pipeline

format:
	clang-format -i pipeline/*.c pipeline/*.h tests/*.c tests/*.h

lint:
	cppcheck --quiet --enable=warning,performance,portability --error-exitcode=1 \
	  --suppress=missingIncludeSystem -Ipipeline $(PKG_CFLAGS) --library=posix \
	  -D'cJSON_ArrayForEach(e,a)=for(e=(a)?(a)->child:NULL;e;e=e->next)' pipeline tests fuzz
	for f in pipeline/page/*.js; do node --check "$$f" || exit 1; done

# Everything generated: after it, git status --ignored shows nothing.
clean:
	rm -rf build tests/browser/node_modules
	find out -mindepth 1 ! -name .gitkeep -exec rm -rf {} +

# libFuzzer targets (clang): fuzz/fuzz_*.c linked with the pipeline built
# with coverage and ASan + UBSan under build/fuzz/, each run FUZZ_SECONDS on
# a corpus seeded from fixtures/, seeds/, rules/ and tests/numbers.tsv
# (fuzz/run). Crashes, leaks and timeouts fail; inputs in build/fuzz/artifacts/.
FUZZ_SECONDS ?= 60
FUZZ_PACKAGES := clang libclang-rt-14-dev
FUZZ_FLAGS := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
  -g -O1 -std=c11 -D_XOPEN_SOURCE=700 -Ipipeline
FUZZ_TARGETS := $(patsubst fuzz/%.c,%,$(wildcard fuzz/fuzz_*.c))
FUZZ_OBJ := $(SRC:pipeline/%.c=build/fuzz/obj/%.o) build/fuzz/obj/page_data.o

.PHONY: fuzz fuzz-deps
.SECONDARY: $(FUZZ_OBJ)

fuzz: $(FUZZ_TARGETS:%=build/fuzz/%)
	@fuzz/run $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-deps:
	@$(MAKE) --no-print-directory deps PACKAGES="$(PACKAGES) $(FUZZ_PACKAGES)"

build/fuzz/obj/%.o: pipeline/%.c $(HDR) | fuzz-deps
	@mkdir -p $(@D)
	clang $(FUZZ_FLAGS) $(PKG_CFLAGS) -c $< -o $@

build/fuzz/obj/page_data.o: build/gen/page_data.c pipeline/page.h
	@mkdir -p $(@D)
	clang $(FUZZ_FLAGS) -c $< -o $@

build/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(HDR) $(FUZZ_OBJ)
	clang $(FUZZ_FLAGS) $(PKG_CFLAGS) $< $(FUZZ_OBJ) $(PKG_LIBS) -o $@
