# html.mk -- the HTML edition of the book (make html, make test-html).
# Included by the Makefile's inner section, where tangle.mk's lists are known.
#
# The front end is the PDF's: the same noweb filters, in the same order as
# noweave runs them, give a markup stream with every chunk's cross-references
# (@xref) and the identifier uses and definitions (@index).  The back end,
# tests/html/weave.py, writes build/html/: one page per chapter, the
# preface, a contents page (index.html), the chunk index and the identifier
# index.  The prose goes through pandoc (LaTeX to HTML5, math as MathML);
# the figures are typeset by pdflatex with the book's preamble and turned
# into SVG by pdftocairo.  Numbers are the PDF's (read from book.aux), so
# the PDF is built first.  Nothing is fetched from the network, at build
# time or when the pages are read.

HTML_PY    := /usr/bin/python3
HTML_TOOLS := $(HTML_PY) pandoc pdflatex pdftocairo
HTML_TEST_TOOLS := chromium chromedriver

# html-check-tools LIST PACKAGES: stop with a clear message if a tool is missing.
define html-check-tools
@missing=; for c in $(1); do command -v $$c >/dev/null 2>&1 || missing="$$missing $$c"; done; \
if [ -n "$$missing" ]; then echo "html: missing:$$missing (Debian packages: $(2))" >&2; exit 1; fi
endef

NOWEB_LIB := /usr/lib/noweb

build/html-work/markup.txt: $(NW) build/files.mk tests/nwfilter.sh tests/nwedition.sh html.mk
	@mkdir -p $(@D)
	@$(NOWEB_LIB)/markup $(NW) | $(NOWEB_LIB)/autodefs.c | $(EDITION) student \
	  | sh $(CURDIR)/tests/nwfilter.sh | $(NOWEB_LIB)/finduses | $(NOWEB_LIB)/noidx -delay > $@.tmp
	@mv $@.tmp $@

build/html/.stamp: build/html-work/markup.txt build/book.pdf build/book/excerpts/.stamp $(GEN_FIGS) \
                   build/book/gen/chapter-deps.tex tests/html/weave.py tests/html/style.css \
                   $(wildcard book/*.tex book/*.bib figures/*.tex) html.mk
	$(call html-check-tools,$(HTML_TOOLS),python3 pandoc texlive-latex-extra poppler-utils)
	@$(TEX_ENV) $(HTML_PY) tests/html/weave.py build/html-work/markup.txt build/book/book.aux build/html
	@sh tests/html/offline.sh build/html
	@touch $@

.PHONY: _html _test-html
_html: build/html/.stamp
	@echo "html: open file://$(CURDIR)/build/html/index.html"

_test-html: build/html/.stamp
	$(call html-check-tools,$(HTML_PY) $(HTML_TEST_TOOLS),python3 chromium chromium-driver)
	@$(HTML_PY) tests/html/browser_test.py build/html build/html-work
