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

CC       := gcc
WARN     := -std=c11 -Wall -Wextra -Werror -pedantic
INCLUDES := -Ibuild/src -Itests
REL_CFLAGS := $(WARN) -O2 -g $(INCLUDES)
SAN_FLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_CFLAGS := $(WARN) -O1 -g $(SAN_FLAGS) $(INCLUDES)

# Programs that `make` runs for the reader, in this order, if the chapters
# define them.
DEMO_PROGS := walkdemo kerneldemo

.DEFAULT_GOAL := all
.PHONY: all code demo book test lint tangle deps clean help bench html test-html grade student instructor handout prove

# ---------------------------------------------------------------------------
# Public targets.

all: deps
	@$(MAKE) _code
	@$(MAKE) _demo
	@$(MAKE) _book

code demo book test lint tangle bench html test-html grade student instructor handout prove: deps
	@$(MAKE) _$@ CH='$(CH)' SEED='$(SEED)' EX='$(EX)'

help:
	@echo 'make            install missing tools, tangle, compile, run the demo, write build/book.pdf'
	@echo 'make test       tangle, build with ASan+UBSan, run every CUnit suite'
	@echo 'make test CH=x  run the suites of chapter x only (x: the slug in chapters/NN-x.nw)'
	@echo '                SEED=n repeats the random tests of an earlier run'
	@echo 'make book       weave all chapters into build/book.pdf'
	@echo 'make code       tangle into build/src and build/tests, compile the programs in build/bin'
	@echo 'make demo       run the demonstration programs'
	@echo 'make lint       check chunks: no undefined chunk, no stray root'
	@echo 'make grade      grade the programming exercises (EX=id: one of them); exits non-zero while any is unsolved'
	@echo 'make student    the student edition: build/book-student.pdf and the code with stubs in build/student/'
	@echo 'make instructor the instructor edition: build/book-instructor.pdf, solutions in an appendix'
	@echo 'make handout CH=x  build/handout-x.tar.gz: chapter x for a course (PDF, code, make grade)'
	@echo 'make html       the web edition in build/html/ (open build/html/index.html)'
	@echo 'make test-html  build the web edition and test it in headless Chromium'
	@echo 'make bench      measure speed (never part of make test)'
	@echo 'make prove      prove the layers C against their ACSL contracts with Frama-C/WP (installs it as root)'
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
DEP_CMDS := gcc notangle noweave noroots cpif pandoc latexmk pdflatex bibtex kpsewhich pdftoppm chromium chromedriver
DEP_STY  := geometry.sty underscore.sty lmodern.sty comment.sty enumitem.sty mathtools.sty tikz.sty noweb.sty hyperref.sty fancyvrb.sty microtype.sty booktabs.sty

deps:
	@missing=; \
	for c in $(DEP_CMDS); do command -v $$c >/dev/null 2>&1 || missing="$$missing $$c"; done; \
	if command -v kpsewhich >/dev/null 2>&1; then \
	  for s in $(DEP_STY); do kpsewhich $$s >/dev/null 2>&1 || missing="$$missing $$s"; done; fi; \
	[ -f /usr/include/CUnit/Basic.h ] || missing="$$missing CUnit/Basic.h"; \
	[ -x /usr/lib/noweb/markup ] || missing="$$missing /usr/lib/noweb/markup"; \
	[ -x /usr/bin/python3 ] || missing="$$missing /usr/bin/python3"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "deps: missing:$$missing"; \
	cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(DEB_PKGS)"; \
	if [ "$$(id -u)" -ne 0 ]; then echo "deps: run as root:  $$cmd"; exit 1; fi; \
	echo "deps: installing with apt-get"; \
	apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(DEB_PKGS)

# ---------------------------------------------------------------------------
# Inner targets.  Only they read the list of tangled files.

ifneq ($(filter _%,$(MAKECMDGOALS)),)
include tangle.mk

LIB_C    := $(filter-out build/src/stub/% build/src/ex/%,$(SRC_C))
OBJ_REL  := $(patsubst build/src/%.c,build/obj/rel/%.o,$(LIB_C))
OBJ_SAN  := $(patsubst build/src/%.c,build/obj/san/%.o,$(LIB_C))
PROGS    := $(patsubst build/src/bin/%.c,build/bin/%,$(PROG_C))
DEMOS    := $(foreach p,$(DEMO_PROGS),$(filter build/bin/$(p),$(PROGS)))

# Test binaries: the main runner links every library object with every test
# file not claimed by a .link file; each .link file makes one more binary.
LINKED_TESTS := $(foreach n,$(LINKS),$(addprefix build/tests/,$(addsuffix .c,$(LINK_TESTS_$(n)))))
MAIN_TEST_C  := $(filter-out $(LINKED_TESTS) build/tests/grade/%,$(TEST_C))
TEST_BINS    := build/bin/testrunner $(addprefix build/bin/test-,$(LINKS))
# The slug of tests/test_SLUG.c; SLUG_register_suites is its entry point.
slugs = $(patsubst test_%,%,$(basename $(notdir $(1))))

.PHONY: _code _demo _book _test _bench
_code: $(PROGS) build/lib/libbabyvmm.a

_demo: $(PROGS)
	@for p in $(DEMOS); do echo "== $$p"; $$p; echo; done

# Every object waits for every tangled header, so a new header is in place
# before any compile; -MMD keeps the precise dependencies after that.
build/obj/rel/%.o: build/src/%.c | $(SRC_H) $(TEST_H)
	@mkdir -p $(@D)
	$(CC) $(REL_CFLAGS) -MMD -MP -c $< -o $@

build/obj/san/%.o: build/src/%.c | $(SRC_H) $(TEST_H)
	@mkdir -p $(@D)
	$(CC) $(SAN_CFLAGS) -MMD -MP -c $< -o $@

build/obj/san/tests/%.o: build/tests/%.c | $(SRC_H) $(TEST_H)
	@mkdir -p $(@D)
	$(CC) $(SAN_CFLAGS) -MMD -MP -c $< -o $@

build/lib/libbabyvmm.a: $(OBJ_REL)
	@mkdir -p $(@D)
	@rm -f $@
	ar rcs $@ $^

build/bin/%: build/obj/rel/bin/%.o build/lib/libbabyvmm.a
	@mkdir -p $(@D)
	$(CC) $(REL_CFLAGS) $< build/lib/libbabyvmm.a -o $@

# runner-NAME: the runner compiled with the list of suites of one binary.
# $(1): binary name (main or a .link name); $(2): its test sources.
define runner-rules
build/gen/$(1)/suites.def: build/files.mk
	@mkdir -p $$(@D)
	@printf 'SUITE(%s)\n' $$(call slugs,$(2)) | grep -v '^SUITE()$$$$' > $$@.tmp || true
	@cpif $$@ < $$@.tmp; rm -f $$@.tmp
build/obj/san/runner-$(1).o: tests/runner.c tests/testlib.h build/gen/$(1)/suites.def
	@mkdir -p $$(@D)
	$$(CC) $$(SAN_CFLAGS) -Ibuild/gen/$(1) -MMD -MP -c $$< -o $$@
endef
$(eval $(call runner-rules,main,$(MAIN_TEST_C)))
$(foreach n,$(LINKS),$(eval $(call runner-rules,$(n),$(LINK_TESTS_$(n)))))

build/bin/testrunner: build/obj/san/runner-main.o $(patsubst build/tests/%.c,build/obj/san/tests/%.o,$(MAIN_TEST_C)) $(filter-out build/obj/san/bin/%,$(OBJ_SAN))
	@mkdir -p $(@D)
	$(CC) $(SAN_CFLAGS) $^ -lcunit -o $@

define link-rules
build/bin/test-$(1): build/obj/san/runner-$(1).o $(addprefix build/obj/san/tests/,$(addsuffix .o,$(LINK_TESTS_$(1)))) $(addprefix build/obj/san/,$(addsuffix .o,$(LINK_SRC_$(1))))
	@mkdir -p $$(@D)
	$$(CC) $$(SAN_CFLAGS) $$^ -lcunit -o $$@
endef
$(foreach n,$(LINKS),$(eval $(call link-rules,$(n))))

# Each layer's object may import only what its machine grants: the chapter
# lists it in tests/imports/LAYER.txt, and the check compares that list
# with the object's undefined symbols.
IMPORT_LISTS := $(filter-out build/tests/imports/ex/%,$(filter build/tests/imports/%.txt,$(TANGLED)))

# How every test binary is run, by make test and when the book captures
# excerpts: leaks are errors, and UBSan prints where it stopped.
TEST_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1

# Every test binary runs, even after one fails; a binary with no suites for
# CH exits 3 and is skipped; at least one suite must have run, unless CH
# names a chapter without tests (the introduction has none).
_test: $(TEST_BINS) $(IMPORT_LISTS) $(patsubst build/tests/imports/%.txt,build/obj/rel/%.o,$(IMPORT_LISTS))
	@sh tests/imports.sh build/obj/rel $(IMPORT_LISTS)
	@ran=0; failed=; \
	for b in $(TEST_BINS); do \
	  [ "$$b" = build/bin/testrunner ] || echo "== $$b"; \
	  rc=0; SEED='$(SEED)' $(TEST_ENV) $$b $(CH) || rc=$$?; \
	  case $$rc in 0) ran=1;; 3) ;; *) ran=1; failed="$$failed $$b";; esac; \
	done; \
	if [ -n "$$failed" ]; then echo "test: FAILED in:$$failed" >&2; exit 1; fi; \
	if [ $$ran = 0 ]; then \
	  if ls chapters/*-'$(CH)'.nw >/dev/null 2>&1; then echo "test: chapter '$(CH)' has no test suites of its own"; \
	  else echo "test: no chapter '$(CH)'" >&2; exit 1; fi; fi
	@$(MAKE) _exercise-check CH='$(CH)' SEED='$(SEED)'
	@$(MAKE) _handout-check CH='$(CH)'

# The benchmark: build/bin/vmmbench, then the time the exhaustive checks
# take, with the main runner built from the release (optimized, unsanitized)
# objects.  Speed is measured here and only here; no test is timed.
build/obj/rel/tests/%.o: build/tests/%.c | $(SRC_H) $(TEST_H)
	@mkdir -p $(@D)
	$(CC) $(REL_CFLAGS) -MMD -MP -c $< -o $@
build/obj/rel/runner-main.o: tests/runner.c tests/testlib.h build/gen/main/suites.def
	@mkdir -p $(@D)
	$(CC) $(REL_CFLAGS) -Ibuild/gen/main -MMD -MP -c $< -o $@
build/bin/testrunner-fast: build/obj/rel/runner-main.o $(patsubst build/tests/%.c,build/obj/rel/tests/%.o,$(MAIN_TEST_C)) $(filter-out build/obj/rel/bin/%,$(OBJ_REL))
	@mkdir -p $(@D)
	$(CC) $(REL_CFLAGS) $^ -lcunit -o $@

BENCH_CHAPTERS := mem pt as
_bench: $(filter build/bin/vmmbench,$(PROGS)) build/bin/testrunner-fast
	@if [ -x build/bin/vmmbench ]; then build/bin/vmmbench; else echo "bench: no vmmbench program yet"; fi
	@echo; echo "exhaustive checks (optimized build, wall time)"
	@printf '  %-8s %10s\n' layer seconds
	@for ch in $(BENCH_CHAPTERS); do \
	  t0=$$(date +%s.%N); \
	  TEST_FILTER=exhaustive build/bin/testrunner-fast $$ch > build/bench-$$ch.log 2>&1 || { echo "bench: checks failed, see build/bench-$$ch.log" >&2; exit 1; }; \
	  t1=$$(date +%s.%N); \
	  awk -v c=$$ch -v a=$$t0 -v b=$$t1 'BEGIN { printf "  %-8s %10.3f\n", c, b - a }'; \
	done

# The book: its excerpts, its generated figures, and its editions.

# The excerpts: what the demos print, and what tests print into
# test_excerpt(), captured in this very build so the book cannot show stale
# output.  The tests must pass for the book to be built.
build/book/excerpts/.stamp: $(TEST_BINS) $(DEMOS) Makefile
	@rm -rf $(@D) && mkdir -p $(@D)
	@for p in $(DEMOS); do $$p > $(@D)/$$(basename $$p).txt; done
	@for b in $(TEST_BINS); do \
	  TEST_EXCERPTS=$(CURDIR)/$(@D) $(TEST_ENV) $$b >> $(@D)/tests.log 2>&1 \
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
# DIR.pdf.  Figures, excerpts and generated figures are shared by all
# editions.
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
@echo "book: wrote $(1).pdf ($$(pdfinfo $(1).pdf 2>/dev/null | sed -n 's/^Pages: *//p') pages)"
endef

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
$(1)/chapters.tex: $(NW) build/files.mk tests/nwfilter.sh tests/nwedition.sh
	@mkdir -p $$(@D)
	@noweave -n -delay -filter "$(EDITION) $(2)" -autodefs c -filter "sh $(CURDIR)/tests/nwfilter.sh" -index $(NW) > $$@.tmp
	@cpif $$@ < $$@.tmp; rm -f $$@.tmp
$(1)/edition.tex:
	@mkdir -p $$(@D)
	@echo '\newcommand{\bookedition}{$(3)}' > $$@
$(1).pdf: $(1)/chapters.tex $(1)/edition.tex build/book/excerpts/.stamp build/book/gen/chapter-deps.tex $(GEN_FIGS) $(wildcard book/*.tex book/*.bib figures/*.tex)
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
