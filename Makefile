# Makefile -- the entry points of BabyVMM, the book.  `make help` lists them.
#
# The public targets first make sure the tools are installed (deps), then run
# an inner make (targets starting with an underscore) that knows the list of
# tangled files; that list comes from the chapters' root chunks (tangle.mk),
# so it can only be computed once noweb is present.

SHELL       := /bin/bash
.SHELLFLAGS := -eo pipefail -c
.DELETE_ON_ERROR:
.SECONDARY:
MAKEFLAGS   += --no-builtin-rules --no-print-directory
.SUFFIXES:

CH   ?=
SEED ?=
EX   ?=
V    ?= 0
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

# Quiet by default, in the style of the Linux kernel's build: one short line
# per step ("  CC      build/src/mem.c"); `make V=1 ...` shows every
# command instead.  A recipe line starts with $(call cmd,WHAT,FILE).
ifeq ($(V),1)
cmd =
else
cmd = @printf '  %-7s %s\n' '$(1)' '$(2)';
endif

CC       := gcc
WARN     := -std=c11 -Wall -Wextra -Werror -pedantic
INCLUDES := -Ibuild/src -Itests
# The release build (the library and the programs, make bench's build)
# is optimized across files at link time: -flto lets the compiler inline
# a layer's short functions into their callers in other files, as it
# does inside one file (Chapter 11 says what that changes, and what not).
# The objects hold the compiler's intermediate code, so the archive is
# written with gcc-ar, which knows the format.  The import check reads
# the objects of the optimized test build, compiled without it.
REL_CFLAGS := $(WARN) -O2 -g -flto=auto $(INCLUDES)
SAN_FLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_CFLAGS := $(WARN) -O2 -g $(SAN_FLAGS) $(INCLUDES)
# The optimized test build: UBSan is cheap (under 2x), ASan is not (5x to
# 10x on the heavy checks, which copy whole machines at every step).
FAST_CFLAGS := $(WARN) -O2 -g -fsanitize=undefined -fno-sanitize-recover=all $(INCLUDES)

# Programs that `make` runs for the reader, in this order, if the chapters
# define them.
DEMO_PROGS := walkdemo kerneldemo

.DEFAULT_GOAL := all
.PHONY: all code demo book test check lint tangle deps clean help bench html test-html grade student instructor handout prove prove-choose

# ---------------------------------------------------------------------------
# Public targets.

all: deps
	@$(MAKE) -j$(JOBS) _code
	@$(MAKE) _demo
	@$(MAKE) -j$(JOBS) _book

code demo book test check lint tangle bench html test-html grade student instructor handout prove prove-choose: deps
	@$(MAKE) -j$(JOBS) _$@ CH='$(CH)' SEED='$(SEED)' EX='$(EX)'

help:
	@echo 'make            install missing tools, tangle, compile, run the demo, write build/book.pdf'
	@echo 'make test       the loop, run it after every change: tangle, build, check imports,'
	@echo '                run every CUnit suite once (heavy checks optimized, the rest'
	@echo '                under ASan+UBSan); seconds on a built tree'
	@echo 'make test CH=x  run the suites of chapter x only (x: the slug in chapters/NN-x.nw)'
	@echo '                SEED=n repeats the random tests of an earlier run; V=1 shows commands'
	@echo 'make check      what CI and instructors need beyond the loop (minutes): exercise'
	@echo '                self-checks, full marks for the reference, the student and'
	@echo '                instructor editions, the handouts, the HTML browser test'
	@echo 'make book       weave all chapters into build/book.pdf'
	@echo 'make code       tangle into build/src and build/tests, compile the programs in build/bin'
	@echo 'make demo       run the demonstration programs'
	@echo 'make lint       check chunks: no undefined chunk, no stray root, no code line over 80 columns'
	@echo 'make grade      grade the programming exercises (EX=id: one of them); exits non-zero while any is unsolved'
	@echo 'make student    the student edition: build/book-student.pdf and the code with stubs in build/student/'
	@echo 'make instructor the instructor edition: build/book-instructor.pdf, solutions in an appendix'
	@echo 'make handout CH=x  build/handout-x.tar.gz: chapter x for a course (PDF, code, make grade)'
	@echo 'make html       the web edition in build/html/ (open build/html/index.html)'
	@echo 'make test-html  build the web edition and test it in headless Chromium'
	@echo 'make bench      measure speed (never part of make test)'
	@echo 'make prove      prove the layers C against their ACSL contracts with Frama-C/WP (installs it as root)'
	@echo 'make prove-choose  make prove with both provers on every goal, then name the faster per goal in tests/prove-provers.txt'
	@echo 'make tangle     tangle only'
	@echo 'make deps       check for, and as root install, the Debian packages the book needs'
	@echo 'make clean      remove build/'

clean:
	rm -rf build

# ---------------------------------------------------------------------------
# deps: the Debian packages behind every tool the build calls.  Nothing
# happens when all are present; as root, apt-get installs what is missing;
# otherwise we print the command and stop.

DEB_PKGS := make gcc libc6-dev libcunit1-dev noweb pandoc latexmk \
            texlive-latex-base texlive-latex-recommended texlive-latex-extra \
            texlive-pictures texlive-fonts-recommended lmodern poppler-utils \
            python3 chromium chromium-driver
DEP_CMDS := gcc gcc-ar notangle noweave noroots cpif pandoc latexmk pdflatex bibtex kpsewhich pdftoppm chromium chromedriver
DEP_STY  := geometry.sty underscore.sty lmodern.sty comment.sty enumitem.sty mathtools.sty tikz.sty noweb.sty hyperref.sty fancyvrb.sty microtype.sty booktabs.sty

deps:
	@missing=; \
	for c in $(DEP_CMDS); do command -v $$c >/dev/null 2>&1 || missing="$$missing $$c"; done; \
	if command -v kpsewhich >/dev/null 2>&1; then \
	  for s in $(DEP_STY); do kpsewhich $$s >/dev/null 2>&1 || missing="$$missing $$s"; done; fi; \
	[ -f /usr/include/CUnit/Basic.h ] || missing="$$missing CUnit/Basic.h"; \
	[ -x /usr/lib/noweb/markup ] || missing="$$missing /usr/lib/noweb/markup"; \
	[ -x /usr/bin/python3 ] || missing="$$missing /usr/bin/python3"; \
	$(call apt-install,deps,$(DEB_PKGS))

# apt-install WHO,PACKAGES: the end of a recipe that has listed in
# $$missing what is not installed: nothing when nothing is missing; as root,
# apt-get installs PACKAGES; otherwise it prints the command and fails.
# make prove installs its own packages with it too (prove.mk).
apt-install = if [ -z "$$missing" ]; then exit 0; fi; \
	echo "$(1): missing:$$missing"; \
	cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(2)"; \
	if [ "$$(id -u)" -ne 0 ]; then echo "$(1): run as root:  $$cmd"; exit 1; fi; \
	echo "$(1): installing with apt-get"; \
	apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(2)

# ---------------------------------------------------------------------------
# Inner targets.  Only they read the list of tangled files.

ifneq ($(filter _%,$(MAKECMDGOALS)),)
include tangle.mk

LIB_C    := $(filter-out build/src/stub/% build/src/ex/% build/src/decoy/% build/src/alt/% build/src/prove/%,$(SRC_C))
OBJ_REL  := $(patsubst build/src/%.c,build/obj/rel/%.o,$(LIB_C))
OBJ_SAN  := $(patsubst build/src/%.c,build/obj/san/%.o,$(LIB_C))
PROGS    := $(patsubst build/src/bin/%.c,build/bin/%,$(PROG_C))
DEMOS    := $(foreach p,$(DEMO_PROGS),$(filter build/bin/$(p),$(PROGS)))

# Test binaries: the main runner links every library object with every test
# file not claimed by a .link file; each .link file makes one more binary.
# Each is built twice: sanitized, with ASan and UBSan (build/bin/, objects
# in build/obj/san), and optimized, with UBSan only (build/bin/fast/,
# objects in build/obj/fast).
LINKED_TESTS := $(foreach n,$(LINKS),$(addprefix build/tests/,$(addsuffix .c,$(LINK_TESTS_$(n)))))
MAIN_TEST_C  := $(filter-out $(LINKED_TESTS) build/tests/grade/%,$(TEST_C))
# The allocator and the hardware are chosen at link time (Chapter 9,
# chapters/09-fast.nw).  The library and the main runner link the scan
# allocator (mem, with its invariant and abstraction in mem_spec) and the
# hardware without a translation cache (hw).  An alternative ALT, whose
# sources are under build/src/alt/ and never in the library, gets a
# runner of its own, build/bin/test-ALT: the main runner's objects, tests
# and all, with the objects ALT_OUT_ALT replaced by ALT_SRC_ALT.  It runs
# the suites of the chapters ALT_CH_ALT (an allocator's own runs are its
# chapter's, tests/fast.link).  pt's and as's tests assert what the
# specification promises on either allocator; Chapter 9 says how they
# were made to.  ALT_ALLOCS are allocators, ALT_HWS hardware.  make test
# runs only the light tests of the alternatives in ALT_LIGHT, and make
# check their heavy ones (to keep the loop under a minute).
ALT_ALLOCS   := list
ALT_HWS      := tlb
ALTS         := $(ALT_ALLOCS) $(ALT_HWS)
ALT_OUT_list := mem mem_spec
ALT_SRC_list := alt/mem_list alt/mem_list_spec
ALT_CH_list  := pt as boot kernel
ALT_OUT_tlb  := hw
ALT_SRC_tlb  := alt/hw_tlb
ALT_CH_tlb   := pt as boot kernel fast
ALT_LIGHT    := list tlb
alt_objs      = $(filter-out $(addprefix build/obj/$(2)/,$(addsuffix .o,$(ALT_OUT_$(1)))) build/obj/$(2)/bin/%,$(patsubst build/src/%.c,build/obj/$(2)/%.o,$(LIB_C))) $(addprefix build/obj/$(2)/,$(addsuffix .o,$(ALT_SRC_$(1))))
# The programs linked with an alternative (below): make code builds them.
ALT_PROGS    := $(foreach a,$(ALTS),$(addsuffix -$(a),$(filter build/bin/vmmbench,$(PROGS))))
TEST_KEYS    := main $(LINKS) $(ALTS)
bin_of        = build/bin/$(if $(2),fast/,)$(if $(filter main,$(1)),testrunner,test-$(1))
TEST_BINS    := $(foreach k,$(TEST_KEYS),$(call bin_of,$(k)))
FAST_BINS    := $(foreach k,$(TEST_KEYS),$(call bin_of,$(k),fast))
# The excerpts come from the runners of the scan allocator (an alternative
# allocator's runner runs the same tests, which would write them again).
EXCERPT_BINS := $(foreach k,main $(LINKS),$(call bin_of,$(k),fast))
# The slug of tests/test_SLUG.c; SLUG_register_suites is its entry point.
slugs = $(patsubst test_%,%,$(basename $(notdir $(1))))
# The chapters, by slug, in reading order; a binary's chapters are those
# that own one of its suites (chapter pt owns the suites pt and pt_stub).
CHAPTERS     := $(foreach f,$(NW),$(shell echo '$(notdir $(f))' | sed 's/^[0-9]*-//; s/\.nw$$//'))
suites_of     = $(call slugs,$(if $(filter main,$(1)),$(MAIN_TEST_C),$(addsuffix .c,$(LINK_TESTS_$(1)))))
chapters_of   = $(if $(filter $(ALTS),$(1)),$(filter $(ALT_CH_$(1)),$(CHAPTERS)),$(foreach c,$(CHAPTERS),$(if $(filter $(c) $(c)_%,$(call suites_of,$(1))),$(c))))

.PHONY: _code _demo _book _test _check _bench FORCE
_code: $(PROGS) $(ALT_PROGS) build/lib/libbabyvmm.a

_demo: $(PROGS)
	@for p in $(DEMOS); do echo "== $$p"; $$p; echo; done

# Every object waits for every tangled header, so a new header is in place
# before any compile; -MMD keeps the precise dependencies after that.
# compile-rules BUILD FLAGS: the objects of one build, library and tests:
# rel (the library and programs), san (ASan and UBSan), fast (UBSan).
# A build's compiler and flags are kept in build/obj/BUILD/flags.txt,
# rewritten only when they differ, and every object of the build depends
# on it: a change of flags (a sanitizer, -flto) recompiles what the old
# flags made, rather than linking old objects with new ones.
cc_label = CC$(if $(filter san,$(1)), [san],$(if $(filter fast,$(1)), [opt]))
define compile-rules
build/obj/$(1)/flags.txt: FORCE
	@mkdir -p $$(@D)
	@echo '$$(CC) $$($(2))' | cpif $$@
build/obj/$(1)/%.o: build/src/%.c build/obj/$(1)/flags.txt | $$(SRC_H) $$(TEST_H)
	@mkdir -p $$(@D)
	$$(call cmd,$(call cc_label,$(1)),$$<)$$(CC) $$($(2)) -MMD -MP -c $$< -o $$@
build/obj/$(1)/tests/%.o: build/tests/%.c build/obj/$(1)/flags.txt | $$(SRC_H) $$(TEST_H)
	@mkdir -p $$(@D)
	$$(call cmd,$(call cc_label,$(1)),$$<)$$(CC) $$($(2)) -MMD -MP -c $$< -o $$@
endef
$(eval $(call compile-rules,rel,REL_CFLAGS))
$(eval $(call compile-rules,san,SAN_CFLAGS))
$(eval $(call compile-rules,fast,FAST_CFLAGS))

build/lib/libbabyvmm.a: $(OBJ_REL)
	@mkdir -p $(@D)
	@rm -f $@
	$(call cmd,AR,$@)gcc-ar rcs $@ $^

build/bin/%: build/obj/rel/bin/%.o build/lib/libbabyvmm.a
	@mkdir -p $(@D)
	$(call cmd,LD,$@)$(CC) $(REL_CFLAGS) $< build/lib/libbabyvmm.a -o $@

# runner-NAME: the runner compiled with the list of suites of one binary,
# once per build.  $(1): binary name (main or a .link name); $(2): its test
# sources.
define runner-rules
build/gen/$(1)/suites.def: build/files.mk
	@mkdir -p $$(@D)
	@printf 'SUITE(%s)\n' $$(call slugs,$(2)) | grep -v '^SUITE()$$$$' > $$@.tmp || true
	@cpif $$@ < $$@.tmp; rm -f $$@.tmp
build/obj/san/runner-$(1).o: tests/runner.c tests/testlib.h build/gen/$(1)/suites.def \
    build/obj/san/flags.txt
	@mkdir -p $$(@D)
	$$(call cmd,CC [san],tests/runner.c [$(1)])$$(CC) $$(SAN_CFLAGS) -Ibuild/gen/$(1) -MMD -MP -c $$< -o $$@
build/obj/fast/runner-$(1).o: tests/runner.c tests/testlib.h build/gen/$(1)/suites.def \
    build/obj/fast/flags.txt
	@mkdir -p $$(@D)
	$$(call cmd,CC [opt],tests/runner.c [$(1)])$$(CC) $$(FAST_CFLAGS) -Ibuild/gen/$(1) -MMD -MP -c $$< -o $$@
endef
$(eval $(call runner-rules,main,$(MAIN_TEST_C)))
$(foreach n,$(LINKS),$(eval $(call runner-rules,$(n),$(LINK_TESTS_$(n)))))

# bin-rules KEY BUILD(san|fast) FLAGS: one test binary.
define bin-rules
$(call bin_of,$(1),$(filter fast,$(2))): build/obj/$(2)/runner-$(1).o \
    $(if $(filter main,$(1)),$(patsubst build/tests/%.c,build/obj/$(2)/tests/%.o,$(MAIN_TEST_C)) $(filter-out build/obj/$(2)/bin/%,$(patsubst build/src/%.c,build/obj/$(2)/%.o,$(LIB_C))),$(addprefix build/obj/$(2)/tests/,$(addsuffix .o,$(LINK_TESTS_$(1)))) $(addprefix build/obj/$(2)/,$(addsuffix .o,$(LINK_SRC_$(1)))))
	@mkdir -p $$(@D)
	$$(call cmd,LD,$$@)$$(CC) $(3) $$^ -lcunit -o $$@
endef
# alt-bin-rules ALT BUILD FLAGS: the main runner with allocator ALT.
define alt-bin-rules
$(call bin_of,$(1),$(filter fast,$(2))): build/obj/$(2)/runner-main.o \
    $(patsubst build/tests/%.c,build/obj/$(2)/tests/%.o,$(MAIN_TEST_C)) $(call alt_objs,$(1),$(2))
	@mkdir -p $$(@D)
	$$(call cmd,LD,$$@)$$(CC) $(3) $$^ -lcunit -o $$@
endef
$(foreach k,main $(LINKS),$(eval $(call bin-rules,$(k),san,$$(SAN_CFLAGS))))
$(foreach k,main $(LINKS),$(eval $(call bin-rules,$(k),fast,$$(FAST_CFLAGS))))
$(foreach k,$(ALTS),$(eval $(call alt-bin-rules,$(k),san,$$(SAN_CFLAGS))))
$(foreach k,$(ALTS),$(eval $(call alt-bin-rules,$(k),fast,$$(FAST_CFLAGS))))

# A program linked with an alternative: build/bin/NAME-ALT, the same
# object as build/bin/NAME (make bench runs vmmbench-list, vmmbench-tlb);
# ALT_PROGS, the list of them, is defined above, before _code reads it.
define alt-prog-rules
build/bin/%-$(1): build/obj/rel/bin/%.o $(call alt_objs,$(1),rel)
	@mkdir -p $$(@D)
	$$(call cmd,LD,$$@)$$(CC) $$(REL_CFLAGS) $$^ -o $$@
endef
$(foreach a,$(ALTS),$(eval $(call alt-prog-rules,$(a))))

# Each layer's object may import only what its machine grants: the chapter
# lists it in tests/imports/LAYER.txt, and the check compares that list
# with the undefined symbols of the layer's object in the optimized test
# build (UBSan's own symbols aside).
IMPORT_LISTS := $(filter-out build/tests/imports/ex/%,$(filter build/tests/imports/%.txt,$(TANGLED)))

# How every test binary is run, by make test and when the book captures
# excerpts: leaks are errors, and UBSan prints where it stopped.
TEST_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1

# make test runs every test exactly once.  A test run is one binary, on
# the suites of one chapter, with one weight: the light tests in the
# sanitized build (ASan and UBSan), the heavy ones (exhaustive
# explorations, long random runs: test_heavy in tests/testlib.h) in the
# optimized build (UBSan only).  The runs
# are independent, so make runs them in parallel; each writes its output
# to build/test/RUN.log and what the console shows to build/test/RUN.report,
# and tests/testsum.sh prints the reports in reading order, with the logs'
# ends for a run that failed, and adds them up.
TEST_SEL     := $(if $(CH),$(filter $(CH),$(CHAPTERS)),$(CHAPTERS))
runs_of       = $(foreach c,$(TEST_SEL),$(foreach k,$(TEST_KEYS),$(if $(filter $(c),$(call chapters_of,$(k))),$(foreach w,$(call $(1),$(k)),$(c)~$(k)~$(w)))))
test_weights  = light $(if $(filter $(ALT_LIGHT),$(1)),,heavy)
check_weights = $(if $(filter $(ALT_LIGHT),$(1)),heavy,)
TEST_RUNS    := $(call runs_of,test_weights)
TEST_REPORTS := $(addprefix build/test/,$(addsuffix .report,$(TEST_RUNS)))
# The heavy runs of the alternatives in ALT_LIGHT, for make check.
CHECK_RUNS   := $(call runs_of,check_weights)
CHECK_REPORTS := $(addprefix build/test/,$(addsuffix .report,$(CHECK_RUNS)))

# run-rules CHAPTER KEY WEIGHT: one test run.  It always succeeds, so that
# every run is done; its exit status goes into its report.
define run-rules
build/test/$(1)~$(2)~$(3).report: $(call bin_of,$(2),$(filter heavy,$(3))) FORCE
	@mkdir -p $$(@D)
	@rc=0; SEED='$(SEED)' TEST_WEIGHT=$(3) TEST_REPORT=$$@.tmp $$(TEST_ENV) $$< $(1) \
	   > build/test/$(1)~$(2)~$(3).log 2>&1 || rc=$$$$?; \
	 echo "#status $$$$rc build/test/$(1)~$(2)~$(3).log" >> $$@.tmp; mv $$@.tmp $$@
endef
$(foreach r,$(TEST_RUNS) $(CHECK_RUNS),$(eval $(call run-rules,$(word 1,$(subst ~, ,$(r))),$(word 2,$(subst ~, ,$(r))),$(word 3,$(subst ~, ,$(r))))))
FORCE:

# The import check, then the runs' reports.  A chapter without tests (the
# introduction) passes with a note; an unknown CH is an error.
_test: $(TEST_REPORTS) $(IMPORT_LISTS) $(patsubst build/tests/imports/%.txt,build/obj/fast/%.o,$(IMPORT_LISTS))
	@mkdir -p build/test
	@sh tests/imports.sh build/obj/fast $(IMPORT_LISTS) > build/test/imports.log 2>&1 \
	  || { cat build/test/imports.log; echo "test: a layer calls what its machine does not grant" >&2; exit 1; }
	@printf '  %-7s %s\n' IMPORTS "$(words $(IMPORT_LISTS)) layers call only what their machines grant"
	@if [ -n '$(CH)' ] && [ -z '$(TEST_SEL)' ]; then echo "test: no chapter '$(CH)' (the slugs: $(CHAPTERS))" >&2; exit 1; fi
	@if [ -z '$(strip $(TEST_RUNS))' ]; then echo "test: chapter '$(CH)' has no test suites of its own"; \
	 else sh tests/testsum.sh $(TEST_REPORTS); fi

# The heavy tests of the alternatives that make test runs light only.
.PHONY: _test-alt-heavy
_test-alt-heavy: $(CHECK_REPORTS)
	@sh tests/testsum.sh $(CHECK_REPORTS)

# make check: what CI and an instructor need beyond the loop.  The
# exercises' self-check (every graded test passes on its solution and fails
# on its stub), the decoys (wrong answers the graders must give nothing),
# full marks for the reference build, the student's and the
# instructor's editions, a fresh handout of every chapter with programming
# exercises graded on its own, the reader's book and the HTML edition in a
# browser, and the proofs of make prove (whose tools come first: some
# exercises are graded by the prover).  The reference build is graded at
# the tests' seed unless SEED is given, so that its table is repeatable
# (the exercise check above grades at a fresh seed every time).
_check:
	@$(MAKE) _prove-deps
	@$(MAKE) _test-alt-heavy
	@$(MAKE) _exercise-check
	@$(MAKE) _decoys
	@$(MAKE) _grade SEED='$(or $(SEED),20121210)'
	@$(MAKE) _handout-check
	@$(MAKE) _book _instructor
	@$(MAKE) _test-html
	@$(MAKE) _prove
	@echo "check: passed"

# The benchmark: build/bin/vmmbench, then the time the exhaustive checks
# take, and the cost of the test loop itself, chapter by chapter, in the
# builds make test uses.  Speed is measured here and only here; no test is
# timed.
BENCH_CHAPTERS := mem pt as
_bench: $(filter build/bin/vmmbench,$(PROGS)) $(ALT_PROGS) $(TEST_BINS) $(FAST_BINS)
	@if [ -x build/bin/vmmbench ]; then build/bin/vmmbench; else echo "bench: no vmmbench program yet"; fi
	@for p in $(filter $(addprefix %-,$(ALT_HWS)),$(ALT_PROGS)); do echo; \
	  echo "the word accesses alone, on the hardware $${p##*-} ($$p access; CPU time of the thread)"; \
	  $$p access | sed -n '/^ *#/,$$p'; done
	@for p in $(filter build/bin/vmmbench,$(PROGS)) $(filter $(addprefix %-,$(ALT_ALLOCS)),$(ALT_PROGS)); do echo; \
	  case $$p in *-*) a=$${p##*-};; *) a=scan;; esac; \
	  echo "the allocator's rows alone, allocator $$a ($$p alloc; CPU time of the thread)"; \
	  $$p alloc | sed -n '/^ *#/,$$p'; done
	@echo; echo "exhaustive checks (make test's optimized build: -O2, UBSan; wall time)"
	@printf '  %-8s %10s\n' layer seconds
	@for ch in $(BENCH_CHAPTERS); do \
	  t0=$$(date +%s.%N); \
	  TEST_FILTER=exhaustive $(TEST_ENV) build/bin/fast/testrunner $$ch > build/bench-$$ch.log 2>&1 || { echo "bench: checks failed, see build/bench-$$ch.log" >&2; exit 1; }; \
	  t1=$$(date +%s.%N); \
	  awk -v c=$$ch -v a=$$t0 -v b=$$t1 'BEGIN { printf "  %-8s %10.3f\n", c, b - a }'; \
	done
	@echo; echo "the test loop's cost (make test's runs, one at a time; CPU seconds, user + system)"
	@printf '  %-8s %10s %10s\n' chapter sanitized optimized
	@TIMEFORMAT='%U %S'; \
	for c in $(CHAPTERS); do \
	  l=0; h=0; \
	  for r in $(TEST_RUNS); do \
	    case $$r in "$$c~"*) ;; *) continue;; esac; \
	    k=$${r#*~}; w=$${k#*~}; k=$${k%~*}; \
	    if [ $$w = light ]; then b=build/bin/; else b=build/bin/fast/; fi; \
	    if [ $$k = main ]; then b=$${b}testrunner; else b=$${b}test-$$k; fi; \
	    s=$$( { time env TEST_WEIGHT=$$w $(TEST_ENV) $$b $$c > /dev/null 2>&1 || true; } 2>&1 | awk '{ print $$1 + $$2 }'); \
	    if [ $$w = light ]; then l=$$(awk -v a=$$l -v b=$$s 'BEGIN { print a + b }'); \
	    else h=$$(awk -v a=$$h -v b=$$s 'BEGIN { print a + b }'); fi; \
	  done; \
	  awk -v c=$$c -v l=$$l -v h=$$h 'BEGIN { printf "  %-8s %10.2f %10.2f\n", c, l, h }'; \
	done

# The book: its excerpts, its generated figures, and its editions.

# The allocator's rows of the benchmark, run with each allocator, for
# Chapter 9 (excerpts bench-alloc-scan and bench-alloc-list), and its other
# rows, for Chapter 11 (excerpt bench-run, with bench-alloc-scan): runs of
# this build on the thread's CPU clock, never pasted.  The other rows add
# about a second.  The word accesses run once more on each alternative
# hardware, for Chapter 9 (excerpt bench-access-tlb).
BENCH_ALLOC_PROGS   := $(filter build/bin/vmmbench,$(PROGS)) $(filter $(addprefix %-,$(ALT_ALLOCS)),$(ALT_PROGS))
BENCH_HW_PROGS      := $(filter $(addprefix %-,$(ALT_HWS)),$(ALT_PROGS))
BENCH_EXCERPT_PROGS := $(BENCH_ALLOC_PROGS) $(BENCH_HW_PROGS)
BENCH_EXCERPTS = for p in $(BENCH_ALLOC_PROGS); do \
	  n=$$(basename $$p | sed 's/^vmmbench$$/vmmbench-scan/; s/^vmmbench-/bench-alloc-/'); \
	  $$p alloc > $(@D)/$$n.txt || { echo "book: $$p alloc failed" >&2; exit 1; }; done; \
	for p in $(filter build/bin/vmmbench,$(BENCH_EXCERPT_PROGS)); do \
	  $$p access tables > $(@D)/bench-run.txt \
	  || { echo "book: $$p access tables failed" >&2; exit 1; }; done; \
	for p in $(BENCH_HW_PROGS); do \
	  $$p access > $(@D)/bench-access-$$(basename $$p | sed 's/^vmmbench-//').txt \
	  || { echo "book: $$p access failed" >&2; exit 1; }; done

# The excerpts: what the demos print, and what tests print into
# test_excerpt(), captured in this very build so the book cannot show stale
# output.  The tests must pass for the book to be built.
# The hardware alternatives' runners write the excerpts of chapter 9's
# suites only (the others' would be written again, the same).
EXCERPT_HW_BINS := $(foreach k,$(ALT_HWS),$(call bin_of,$(k),fast))
build/book/excerpts/.stamp: $(EXCERPT_BINS) $(EXCERPT_HW_BINS) $(DEMOS) $(BENCH_EXCERPT_PROGS) Makefile
	@rm -rf $(@D) && mkdir -p $(@D)
	@for p in $(DEMOS); do $$p > $(@D)/$$(basename $$p).txt; done
	@$(BENCH_EXCERPTS)
	@for b in $(EXCERPT_BINS); do \
	  TEST_EXCERPTS=$(CURDIR)/$(@D) $(TEST_ENV) $$b >> $(@D)/tests.log 2>&1 \
	  || { echo "book: $$b failed while writing excerpts; see $(@D)/tests.log" >&2; exit 1; }; done
	@for b in $(EXCERPT_HW_BINS); do \
	  TEST_EXCERPTS=$(CURDIR)/$(@D) $(TEST_ENV) $$b fast >> $(@D)/tests.log 2>&1 \
	  || { echo "book: $$b failed while writing excerpts; see $(@D)/tests.log" >&2; exit 1; }; done
	@touch $@

# Figures of machine states are drawn by the simulator from scripts that the
# chapters hold (roots tests/figures/NAME.sim), at build time, so they
# cannot drift from the code: \input{NAME} finds build/book/gen/NAME.tex.
FIG_SCRIPTS := $(filter build/tests/figures/%.sim,$(TANGLED))
GEN_FIGS    := $(patsubst build/tests/figures/%.sim,build/book/gen/%.tex,$(FIG_SCRIPTS))
build/book/gen/%.tex: build/tests/figures/%.sim build/bin/vmmsim
	@mkdir -p $(@D)
	@{ echo "% generated by build/bin/vmmsim -t from <<tests/figures/$*.sim>>; do not edit"; \
	   build/bin/vmmsim -t $<; } > $@.tmp || { rm -f $@.tmp; echo "book: vmmsim failed on $<" >&2; exit 1; }
	@mv $@.tmp $@

# latex-book DIR: typeset book/book.tex into DIR, where the edition's
# chapters.tex and edition.tex are (found first), and copy DIR/book.pdf to
# DIR.pdf; tests/printcheck.sh then fails it if code prints other than
# typed (-- as a dash, curly quotes), tests/floatcheck.sh if a figure
# or table splits a code chunk or an exercise, and tests/figfont.sh if a
# figure could print text under 7 pt.  Figures, excerpts and generated
# figures are shared by all editions.
TEX_PATH = $(CURDIR)/book:$(CURDIR)/figures:$(CURDIR)/build/book/gen:$(CURDIR)/build/book/excerpts:
TEX_ENV  = TEXINPUTS=$(TEX_PATH) BIBINPUTS=$(CURDIR)/book: max_print_line=200
define latex-book
@echo "latexmk book/book.tex into $(1) (log: $(1)/book.log)"
@$(TEX_ENV) TEXINPUTS=$(CURDIR)/$(1):$(TEX_PATH) \
  latexmk -pdf -interaction=nonstopmode -halt-on-error -file-line-error \
   -output-directory=$(1) book/book.tex > $(1)/latexmk.out 2>&1 \
 || { grep -a -E -A5 '^[^:]*:[0-9]+:|^! ' $(1)/book.log | head -60 >&2; \
      echo "book: LaTeX failed; see $(1)/book.log" >&2; exit 1; }
@if grep -s -a -E "LaTeX Warning: (Reference|Citation|Hyper reference).*undefined|There were undefined references|Warning--I didn't find" \
     $(1)/book.log $(1)/book.blg >&2; then \
   echo "book: undefined references or citations (above)" >&2; exit 1; fi
@cp $(1)/book.pdf $(1).pdf
@sh tests/printcheck.sh $(1)
@sh tests/floatcheck.sh $(1)
@sh tests/figfont.sh
@echo "book: wrote $(1).pdf ($$(pdfinfo $(1).pdf 2>/dev/null | sed -n 's/^Pages: *//p') pages)"
endef

# The numbers of make prove that the book quotes, from its summary; where
# make prove has not run, a file that says so (make book never needs
# Frama-C).  Written again whenever make prove has written a new summary.
# Beside them, always, the lines of ACSL and of C in each proved layer's
# files (tests/annotcount.sh): a layer's C files and its header (prove.mk
# makes them prerequisites, since it is read after this rule).
# A layer that reads another layer's files too counts its own only
# (PROVE_OWN_LAYER in prove.mk).
prove_own     = $(or $(PROVE_OWN_$(1)),$(PROVE_SRC_$(1)))
prove_files   = $(call prove_own,$(1)) $(filter-out $(call prove_own,$(1)),$(wildcard $(patsubst %.c,%.h,$(filter %.c,$(call prove_own,$(1))))))
prove_annot   = $(foreach l,$(PROVE_LAYERS),$(l)=$(subst $(eval) ,$(comma),$(strip $(call prove_files,$(l)))))
comma := ,
build/book/gen/prove-numbers.tex: tests/provenumbers.sh tests/annotcount.sh $(wildcard build/prove/summary.txt)
	@mkdir -p $(@D)
	@sh tests/provenumbers.sh build/prove/summary.txt $(prove_annot) > $@.tmp && mv $@.tmp $@

# The benchmark's numbers that Chapter 11 quotes, and those it derives from
# them, from the runs captured with the excerpts (a number whose run is
# missing reads "?").
build/book/gen/bench-numbers.tex: build/book/excerpts/.stamp tests/benchnumbers.sh
	@mkdir -p $(@D)
	@sh tests/benchnumbers.sh build/book/excerpts/bench-run.txt build/book/excerpts/bench-alloc-scan.txt build/book/excerpts/bench-access-tlb.txt > $@.tmp && mv $@.tmp $@

# The chapter dependency map of the preface, drawn from the \builds{...}
# line of every chapter.
build/book/gen/chapter-deps.tex: $(NW) tests/chapdeps.sh
	@mkdir -p $(@D)
	@sh tests/chapdeps.sh tikz $(NW) > $@.tmp && mv $@.tmp $@

# edition-rules DIR FILTER NAME: one edition of the book, woven with the
# edition filter (tests/nwedition.sh) in mode FILTER into DIR/chapters.tex,
# named NAME on its title page (DIR/edition.tex), typeset into DIR.pdf.
# All chapters are woven in one noweave call so that chunk and identifier
# cross-references span the whole book; the edition filter comes first,
# and -autodefs must precede -index.  The LaTeX run is fatal on an error,
# and its log is searched for undefined references and citations, which
# LaTeX itself only warns about.
# The reader's edition is build/book.pdf; the student's and the
# instructor's are made by grade.mk.
define edition-rules
$(1)/chapters.tex: $(NW) build/files.mk tests/nwfilter.sh tests/nwedition.sh tests/nwscaffold.sh
	@mkdir -p $$(@D)
	@noweave -n -delay -filter "$(EDITION) $(2)" -autodefs c -filter "sh $(CURDIR)/tests/nwfilter.sh" -filter "sh $(CURDIR)/tests/nwscaffold.sh" -index $(NW) > $$@.tmp
	@cpif $$@ < $$@.tmp; rm -f $$@.tmp
$(1)/edition.tex:
	@mkdir -p $$(@D)
	@echo '\newcommand{\bookedition}{$(3)}' > $$@
$(1).pdf: $(1)/chapters.tex $(1)/edition.tex build/book/excerpts/.stamp build/book/gen/chapter-deps.tex build/book/gen/prove-numbers.tex build/book/gen/bench-numbers.tex $(GEN_FIGS) $(wildcard book/*.tex book/*.bib figures/*.tex)
	$$(call latex-book,$(1))
endef
$(eval $(call edition-rules,build/book,student,Reader\textquoteright{}s edition))

_book: build/book.pdf

# Exercises, grading, editions and handouts; the HTML edition.
include grade.mk
-include html.mk
-include prove.mk

-include $(shell find build/obj -name '*.d' 2>/dev/null)
endif
