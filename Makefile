# Makefile -- the entry points of BabyVMM, the book.  `make help` lists them.
#
# The public targets first make sure the tools are installed (deps), then run
# an inner make (targets starting with an underscore) that knows the list of
# tangled files; that list comes from the chapters' root chunks (tangle.mk),
# so it can only be computed once noweb is present.

SHELL       := /bin/bash
.SHELLFLAGS := -eo pipefail -c
.DELETE_ON_ERROR:
MAKEFLAGS   += --no-builtin-rules --no-print-directory
.SUFFIXES:

CH   ?=
SEED ?=

CC       := gcc
WARN     := -std=c11 -Wall -Wextra -Werror -pedantic
INCLUDES := -Ibuild/src -Ibuild/gen -Itests
REL_CFLAGS := $(WARN) -O2 -g $(INCLUDES)
SAN_FLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_CFLAGS := $(WARN) -O1 -g $(SAN_FLAGS) $(INCLUDES)

# Programs that `make` runs for the reader, in this order, if the chapters
# define them.
DEMO_PROGS := walkdemo

.DEFAULT_GOAL := all
.PHONY: all code demo book test lint tangle deps clean help

# ---------------------------------------------------------------------------
# Public targets.

all: deps
	@$(MAKE) _code
	@$(MAKE) _demo
	@$(MAKE) _book

code demo book test lint tangle: deps
	@$(MAKE) _$@ CH='$(CH)' SEED='$(SEED)'

help:
	@echo 'make            install missing tools, tangle, compile, run the demo, write build/book.pdf'
	@echo 'make test       tangle, build with ASan+UBSan, run every CUnit suite'
	@echo 'make test CH=x  run the suites of chapter x only (x: the slug in chapters/NN-x.nw)'
	@echo '                SEED=n repeats the random tests of an earlier run'
	@echo 'make book       weave all chapters into build/book.pdf'
	@echo 'make code       tangle into build/src and build/tests, compile the programs in build/bin'
	@echo 'make demo       run the demonstration programs'
	@echo 'make lint       check chunks: no undefined chunk, no stray root'
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
            texlive-pictures texlive-fonts-recommended lmodern poppler-utils
DEP_CMDS := gcc notangle noweave noroots cpif pandoc latexmk pdflatex bibtex kpsewhich pdftoppm
DEP_STY  := underscore.sty lmodern.sty comment.sty enumitem.sty mathtools.sty tikz.sty noweb.sty hyperref.sty fancyvrb.sty microtype.sty booktabs.sty

deps:
	@missing=; \
	for c in $(DEP_CMDS); do command -v $$c >/dev/null 2>&1 || missing="$$missing $$c"; done; \
	if command -v kpsewhich >/dev/null 2>&1; then \
	  for s in $(DEP_STY); do kpsewhich $$s >/dev/null 2>&1 || missing="$$missing $$s"; done; fi; \
	[ -f /usr/include/CUnit/Basic.h ] || missing="$$missing CUnit/Basic.h"; \
	[ -x /usr/lib/noweb/markup ] || missing="$$missing /usr/lib/noweb/markup"; \
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

OBJ_REL  := $(patsubst build/src/%.c,build/obj/rel/%.o,$(SRC_C))
OBJ_SAN  := $(patsubst build/src/%.c,build/obj/san/%.o,$(SRC_C))
OBJ_TEST := $(patsubst build/tests/%.c,build/obj/san/tests/%.o,$(TEST_C))
PROGS    := $(patsubst build/src/bin/%.c,build/bin/%,$(PROG_C))
DEMOS    := $(filter $(addprefix build/bin/,$(DEMO_PROGS)),$(PROGS))
# The chapters that have tests: tests/test_SLUG.c defines SLUG_register_suites.
TEST_SLUGS := $(patsubst build/tests/test_%.c,%,$(filter build/tests/test_%.c,$(TEST_C)))

.PHONY: _code _demo _book _test

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

build/obj/san/runner.o: tests/runner.c tests/testlib.h build/gen/suites.def
	@mkdir -p $(@D)
	$(CC) $(SAN_CFLAGS) -MMD -MP -c $< -o $@

build/gen/suites.def: build/files.mk
	@mkdir -p $(@D)
	@printf 'SUITE(%s)\n' $(TEST_SLUGS) | grep -v '^SUITE()$$' > $@.tmp || true
	@cpif $@ < $@.tmp; rm -f $@.tmp

build/lib/libbabyvmm.a: $(OBJ_REL)
	@mkdir -p $(@D)
	@rm -f $@
	ar rcs $@ $^

build/bin/%: build/obj/rel/bin/%.o build/lib/libbabyvmm.a
	@mkdir -p $(@D)
	$(CC) $(REL_CFLAGS) $< build/lib/libbabyvmm.a -o $@

build/bin/testrunner: build/obj/san/runner.o $(OBJ_TEST) $(filter-out build/obj/san/bin/%,$(OBJ_SAN))
	@mkdir -p $(@D)
	$(CC) $(SAN_CFLAGS) $^ -lcunit -o $@

_test: build/bin/testrunner
	@SEED='$(SEED)' ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  build/bin/testrunner $(CH)

# The book.  All chapters are woven in one noweave call so that chunk and
# identifier cross-references span the whole book; -autodefs must precede
# -index.  The LaTeX run is fatal on an error, and its log is searched for
# undefined references and citations, which LaTeX itself only warns about.
TEX_ENV := TEXINPUTS=$(CURDIR)/book:$(CURDIR)/figures:$(CURDIR)/build/book: \
           BIBINPUTS=$(CURDIR)/book: max_print_line=200

build/book/chapters.tex: $(NW) build/files.mk
	@mkdir -p $(@D)
	@noweave -n -delay -autodefs c -index $(NW) > $@.tmp
	@cpif $@ < $@.tmp; rm -f $@.tmp

build/book.pdf: build/book/chapters.tex $(wildcard book/*.tex book/*.bib figures/*.tex)
	@echo "latexmk book/book.tex (log: build/book/book.log)"
	@$(TEX_ENV) latexmk -pdf -interaction=nonstopmode -halt-on-error -file-line-error \
	   -output-directory=build/book book/book.tex > build/book/latexmk.out 2>&1 \
	 || { grep -E -A5 '^[^:]*:[0-9]+:|^! ' build/book/book.log | head -60 >&2; \
	      echo "book: LaTeX failed; see build/book/book.log" >&2; exit 1; }
	@if grep -E "LaTeX Warning: (Reference|Citation|Hyper reference).*undefined|There were undefined references|Warning--I didn't find" \
	     build/book/book.log build/book/book.blg >&2; then \
	   echo "book: undefined references or citations (above)" >&2; exit 1; fi
	@cp build/book/book.pdf $@
	@echo "book: wrote $@ ($$(pdfinfo $@ 2>/dev/null | sed -n 's/^Pages: *//p') pages)"

_book: build/book.pdf

-include $(OBJ_REL:.o=.d) $(OBJ_SAN:.o=.d) $(OBJ_TEST:.o=.d) build/obj/san/runner.d
endif
