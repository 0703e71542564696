# html.mk -- the HTML edition of the book (make html, make test-html).
# Included by the Makefile's inner section, where tangle.mk's lists are known.
#
# The front end is the PDF's: the same noweb filters, in the same order as
# noweave runs them, give a markup stream with every chunk's cross-references
# (@xref) and the identifier uses and definitions (@index).  The back end,
# tests/html/weave.py, writes build/html/: one page per chapter, the
# preface, a contents page (index.html), the chunk index, the identifier
# index and the bibliography.  The prose goes through pandoc (LaTeX to HTML5, math as MathML);
# the figures are typeset by pdflatex with the book's preamble and turned
# into SVG by pdftocairo.  Numbers are the PDF's (read from book.aux), so
# the PDF is built first.  Nothing is fetched from the network, at build
# time or when the pages are read.  One filter of the PDF's is left out:
# tests/nwscaffold.sh, which moves each chapter's scaffolding to an
# appendix of the printed book; a web page has no page budget, so the
# HTML edition keeps every chunk where the chapter file has it.  It numbers
# them as the PDF does, though: the chunks of the blocks count on after the
# whole main line, in the order of the chapters (noweb's labels for them
# differ between the two weaves, so weave.py counts, and checks its count
# against book.aux); a block of scaffolding has a heading with the
# number of its section in the appendix, and the sections, figures and
# tables in it count on from there, so that every number a reader sees is
# the PDF's.  test-html fails on a chunk number that is not a number.

# The tools (Debian's python3, pandoc, TeX Live, poppler-utils, chromium and
# chromium-driver) are installed by make deps, like all the others.
HTML_PY    := /usr/bin/python3


build/html-work/markup.txt: $(NW) build/files.mk tests/nwfilter.sh tests/nwedition.sh html.mk
	@mkdir -p $(@D)
	@$(NOWEB_LIB)/markup $(NW) | $(EDITION) student | $(NOWEB_LIB)/autodefs.c \
	  | sh $(CURDIR)/tests/nwfilter.sh | $(NOWEB_LIB)/finduses | $(NOWEB_LIB)/noidx -delay > $@.tmp
	@mv $@.tmp $@

build/html/.stamp: build/html-work/markup.txt build/book.pdf build/book/excerpts/.stamp $(GEN_FIGS) \
                   build/book/gen/chapter-deps.tex build/book/gen/bench-numbers.tex tests/html/weave.py tests/html/style.css \
                   $(wildcard book/*.tex book/*.bib figures/*.tex) html.mk
	@$(TEX_ENV) $(HTML_PY) tests/html/weave.py build/html-work/markup.txt build/book/book.aux build/html
	@sh tests/html/offline.sh build/html
	@touch $@

.PHONY: _html _test-html
_html: build/html/.stamp
	@echo "html: open file://$(CURDIR)/build/html/index.html"

_test-html: build/html/.stamp
	@$(HTML_PY) tests/html/browser_test.py build/html build/html-work
