# grade.mk -- exercises, grading, the three editions and the handouts.
# Included by the Makefile's inner section, where tangle.mk's lists are known.
#
# A programming exercise ID (see tests/exercises.sh) is the file
# src/ex/ID.c, tangled with its solution into build/src/ex/ (the reference
# build) and with its stub into build/student/src/ex/ (the student build),
# and its graded tests tests/grade/ID.c.  Each exercise is graded by a
# binary of its own, so that one unsolved exercise cannot hide another:
#   build/bin/grade/ID        graded tests + the solution + the library
#   build/bin/grade-stub/ID   graded tests + the stub    + the library

EX_C       := $(filter build/src/ex/%.c,$(SRC_C))
EX_IDS     := $(patsubst build/src/ex/%.c,%,$(EX_C))
LIB_SAN    := $(filter-out build/obj/san/bin/%,$(OBJ_SAN))
# An exercise that writes code of a layer lists what its object may import
# (tests/imports/ex/ID.txt, usually `include LAYER`); grade.sh checks it.
EX_IMPORTS := $(filter build/tests/imports/ex/%.txt,$(TANGLED))
GRADE_ENV   = GRADE_IMPORTS=build/tests/imports/ex GRADE_OBJS=build/obj/san/ex GRADE_SRCS=build/src/ex GRADE_IMPORTS_SH=tests/imports.sh
cid         = $(subst -,_,$(1))

# The list of exercises, for make grade and the handouts.
build/exercises.txt: $(NW) tests/exercises.sh
	@mkdir -p $(@D)
	@sh tests/exercises.sh list $(NW) > $@.tmp && mv $@.tmp $@

build/obj/stub/ex/%.o: build/student/src/ex/%.c build/obj/san/flags.txt | $(SRC_H) $(TEST_H)
	@mkdir -p $(@D)
	$(call cmd,CC [san],$<)$(CC) $(SAN_CFLAGS) -MMD -MP -c $< -o $@

# An exercise about how an operation runs is graded on the chapter's
# checking stub of the machine below as well as on the real layers: the
# chapter tangles a second file of graded tests, tests/grade/ID.chk.c, and
# the list tests/grade/ID.chk (a line "src: ...", objects by path below
# build/src) of what stands in for the library under it.  The graded
# "binary" is then a script that runs ID.real (the library) and ID.chk
# (the stub), the same answer object in both, and fails if either fails.
CHK_IDS    := $(patsubst build/tests/grade/%.chk,%,$(filter build/tests/grade/%.chk,$(TANGLED)))
chk_objs    = $(addprefix build/obj/san/,$(addsuffix .o,$(shell notangle -R'tests/grade/$(1).chk' $(NW) | sed -n 's/^src://p')))
# An exercise graded by the prover has a file tests/grade/ID.wp (what
# tests/wpgrade.sh proves, what the student writes, the time limit) and
# tests/grade/ID.frame, the exercise's file as handed out.  Its graded
# "binary" is a script that runs ID.real (its graded tests, on the
# library) and then the prover on the answer's source, which is found
# from its object: build/src/ex/ID.c for the reference, the student
# tree's for the stub, build/src/decoy/ID/NAME.c for a decoy.
WP_IDS     := $(patsubst build/tests/grade/%.wp,%,$(filter build/tests/grade/%.wp,$(TANGLED)))
ans_src     = $(patsubst build/obj/san/decoy/%.o,build/src/decoy/%.c,$(patsubst \
                build/obj/stub/ex/%.o,build/student/src/ex/%.c,$(patsubst \
                build/obj/san/ex/%.o,build/src/ex/%.c,$(1))))
# graded-bin TARGET ID ANSWER-OBJECT: one graded binary (or script and two binaries)
define graded-bin
$(if $(filter $(2),$(WP_IDS)),$(call graded-bin-wp,$(1),$(2),$(3)),$(if $(filter $(2),$(CHK_IDS)),$(call graded-bin-chk,$(1),$(2),$(3)),$(call graded-bin-one,$(1),$(2),$(3))))
endef
define graded-bin-wp
$(1).real: build/obj/san/runner-grade-$(2).o build/obj/san/tests/grade/$(2).o $(3) $$(LIB_SAN)
	@mkdir -p $$(@D)
	$$(call cmd,LD,$$@)$$(CC) $$(SAN_CFLAGS) $$^ -lcunit -o $$@
$(1): $(1).real build/tests/grade/$(2).wp build/tests/grade/$(2).frame tests/wpgrade.sh
	@printf '#!/bin/sh\n# graded by its tests, then by the prover\nrc=0; "$$$$0.real" "$$$$@" || rc=$$$$?\n[ $$$$rc = 0 ] || exit $$$$rc\nexec sh %s %s %s %s %s %s\n' \
	  '$(CURDIR)/tests/wpgrade.sh' '$(CURDIR)/build/tests/grade/$(2).wp' '$(CURDIR)/build/tests/grade/$(2).frame' \
	  '$(CURDIR)/$(call ans_src,$(3))' '$(CURDIR)/build/src' '$(CURDIR)/$(patsubst build/bin/%,build/prove/grade/%,$(1))' > $$@
	@chmod +x $$@
endef
define graded-bin-one
$(1): build/obj/san/runner-grade-$(2).o build/obj/san/tests/grade/$(2).o $(3) $$(LIB_SAN)
	@mkdir -p $$(@D)
	$$(call cmd,LD,$$@)$$(CC) $$(SAN_CFLAGS) $$^ -lcunit -o $$@
endef
define graded-bin-chk
$(1).real: build/obj/san/runner-grade-$(2).o build/obj/san/tests/grade/$(2).o $(3) $$(LIB_SAN)
	@mkdir -p $$(@D)
	$$(call cmd,LD,$$@)$$(CC) $$(SAN_CFLAGS) $$^ -lcunit -o $$@
$(1).chk: build/obj/san/runner-grade-$(2).o build/obj/san/tests/grade/$(2).chk.o $(3) $(call chk_objs,$(2))
	@mkdir -p $$(@D)
	$$(call cmd,LD,$$@)$$(CC) $$(SAN_CFLAGS) $$^ -lcunit -o $$@
$(1): $(1).real $(1).chk
	@printf '#!/bin/sh\n# graded on the real layers, then on the checking stub\nrc=0; "$$$$0.real" "$$$$@" || rc=$$$$?\n[ $$$$rc = 0 ] || exit $$$$rc\nexec "$$$$0.chk" "$$$$@"\n' > $$@
	@chmod +x $$@
endef

define grade-rules
build/gen/grade-$(1)/suites.def:
	@mkdir -p $$(@D)
	@echo 'SUITE(grade_$(call cid,$(1)))' > $$@
build/obj/san/runner-grade-$(1).o: tests/runner.c tests/testlib.h build/gen/grade-$(1)/suites.def \
    build/obj/san/flags.txt
	@mkdir -p $$(@D)
	$$(call cmd,CC [san],tests/runner.c [grade $(1)])$$(CC) $$(SAN_CFLAGS) -Ibuild/gen/grade-$(1) -c $$< -o $$@
$(call graded-bin,build/bin/grade/$(1),$(1),build/obj/san/ex/$(1).o)
$(call graded-bin,build/bin/grade-stub/$(1),$(1),build/obj/stub/ex/$(1).o)
endef
$(foreach e,$(EX_IDS),$(eval $(call grade-rules,$(e))))

# The exercises of chapter CH (all when CH is empty).
ex_of = $(if $(1),$(shell awk -F'\t' '$$2 == "$(1)" && $$4 == "code" { print $$1 }' build/exercises.txt 2>/dev/null),$(EX_IDS))

# make grade [EX=ID]: the reference build, graded like a student's.
.PHONY: _grade _exercise-check _student _instructor _handout _handout-tar _handout-check
_grade: build/exercises.txt $(IMPORT_LISTS) $(EX_IMPORTS) $(addprefix build/bin/grade/,$(if $(EX),$(filter $(EX),$(EX_IDS)),$(EX_IDS)))
	@$(GRADE_ENV) sh tests/grade.sh build/exercises.txt build/bin/grade build/grade $(EX)

# Part of make check: every programming exercise's graded tests pass on its
# solution and fail (cleanly: CUnit failures, not a crash) on its stub.
# A graded test that cannot fail is caught here.  Solution and stub must
# also import only what the exercise's list allows.  Each exercise is
# checked by a target of its own, so that make runs them in parallel; the
# target's file holds what went wrong, empty when nothing did.
define excheck-rules
build/grade/$(1).check: build/bin/grade/$(1) build/bin/grade-stub/$(1) $(IMPORT_LISTS) $(EX_IMPORTS) FORCE
	@mkdir -p $$(@D)
	@bad=; \
	if [ -f build/tests/imports/ex/$(1).txt ]; then \
	  for o in build/obj/san/ex/$(1).o build/obj/stub/ex/$(1).o; do \
	    sh tests/imports.sh -o $$$$o build/tests/imports/ex/$(1).txt > /dev/null 2>&1 \
	      || bad="$$$$bad; $$$$o calls what its machine does not grant"; done; fi; \
	rc=0; SEED='$(SEED)' $$(TEST_ENV) build/bin/grade/$(1) > build/grade/$(1).solution.log 2>&1 || rc=$$$$?; \
	[ $$$$rc = 0 ] || bad="$$$$bad; the graded tests fail on the solution (build/grade/$(1).solution.log)"; \
	rc=0; SEED='$(SEED)' $$(TEST_ENV) build/bin/grade-stub/$(1) > build/grade/$(1).stub.log 2>&1 || rc=$$$$?; \
	[ $$$$rc = 1 ] || bad="$$$$bad; the graded tests do not fail cleanly on the stub (exit $$$$rc; build/grade/$(1).stub.log)"; \
	printf '%s' "$$$$bad" > $$@
endef
$(foreach e,$(EX_IDS),$(eval $(call excheck-rules,$(e))))

_exercise-check: build/exercises.txt $(addprefix build/grade/,$(addsuffix .check,$(call ex_of,$(CH))))
	@n=0; bad=; \
	for e in $(call ex_of,$(CH)); do \
	  n=$$((n + 1)); \
	  if [ -s build/grade/$$e.check ]; then echo "exercises: $$e$$(cat build/grade/$$e.check)" >&2; bad="$$bad $$e"; fi; \
	done; \
	if [ -n "$$bad" ]; then echo "exercises: FAILED:$$bad" >&2; exit 1; fi; \
	if [ $$n = 0 ]; then echo "exercises: no programming exercises to check"; \
	else echo "exercises: $$n programming exercises: graded tests pass on every solution and fail on every stub"; fi

# ---------------------------------------------------------------------------
# Decoys: wrong answers, of the kinds a grader can be fooled by, that the
# graders must give nothing.  A decoy of exercise ID is a root
# src/decoy/ID/NAME.c in the chapter, a whole answer like src/ex/ID.c,
# whose first line says which kind of hole it tries (/* decoy, class N:
# ... */, the classes of tests/decoys.sh); it is in the reference build
# and the instructor's edition only.  It is linked with the
# exercise's graded tests like a solution, and it must score nothing:
# either its graded tests fail, or its object calls what the exercise's
# import list does not allow.  make check prints the table.
DECOY_C   := $(filter build/src/decoy/%.c,$(SRC_C))
DECOYS    := $(patsubst build/src/decoy/%.c,%,$(DECOY_C))
decoy_ex   = $(firstword $(subst /, ,$(1)))

define decoy-rules
$(call graded-bin,build/bin/decoy/$(1),$(call decoy_ex,$(1)),build/obj/san/decoy/$(1).o)
build/grade/decoy/$(1).result: build/bin/decoy/$(1) $(EX_IMPORTS) $(IMPORT_LISTS) FORCE
	@mkdir -p $$(@D)
	@SEED='$(SEED)' $$(TEST_ENV) sh tests/decoys.sh run $(1) build/src/decoy/$(1).c \
	   build/bin/decoy/$(1) build/obj/san/decoy/$(1).o build/tests/imports/ex/$(call decoy_ex,$(1)).txt > $$@
endef
$(foreach d,$(DECOYS),$(eval $(call decoy-rules,$(d))))

.PHONY: _decoys
_decoys: build/exercises.txt $(addprefix build/grade/decoy/,$(addsuffix .result,$(DECOYS)))
	@sh tests/decoys.sh table build/exercises.txt build/grade/decoy $(DECOYS)

# ---------------------------------------------------------------------------
# Editions.  The reader's edition is build/book.pdf; the student's and the
# instructor's are made by the same rules (edition-rules in the Makefile):
# woven with their edition filter into build/book-ED/chapters.tex and
# typeset from the same book/book.tex, which finds its chapters.tex and
# edition.tex first in that directory.
STUDENT_TREE := $(patsubst build/%,build/student/%,$(filter-out build/src/decoy/%,$(filter build/src/% build/tests/%,$(TANGLED))))

_student: $(STUDENT_TREE) build/book-student.pdf
	@echo "student: code in build/student/ (stubs in build/student/src/ex/), book in build/book-student.pdf"
_instructor: build/book-instructor.pdf
	@echo "instructor: solutions in the appendix of build/book-instructor.pdf$$(if [ -d build/src/ex ]; \
	  then echo '; reference code in build/src/ex/'; else echo '; make code writes the reference code into build/src/ex/'; fi)"

$(eval $(call edition-rules,build/book-student,student,Student\textquoteright{}s edition))
$(eval $(call edition-rules,build/book-instructor,instructor,Instructor\textquoteright{}s edition))
# Their opening pages: the student's exercises, the file to edit and the
# command that grades it; the instructor's, every solution's page and the
# reference code.  The same file defines what ends each exercise.
build/book-%/editionfront.tex: build/exercises.txt tests/editionfront.sh
	@mkdir -p $(@D)
	@sh tests/editionfront.sh $* build/exercises.txt > $@.tmp && mv $@.tmp $@
build/book-student.pdf: build/book-student/editionfront.tex
build/book-instructor.pdf: build/book-instructor/editionfront.tex

# ---------------------------------------------------------------------------
# make handout CH=slug: build/handout-slug.tar.gz, a directory babyvmm-slug/
# with the chapter's pages of the student edition behind a cover naming the
# chapters it builds on, the student code tree (the library, the chapter's
# stubs and graded tests) and a Makefile on which make grade works alone.
HANDOUT_FILES := tests/wpgrade.sh tests/handout.sh tests/handout/Makefile tests/handout/README tests/grade.sh tests/imports.sh tests/runner.c tests/testlib.h

build/handout-%.tar.gz: $(STUDENT_TREE) build/book-student.pdf build/exercises.txt $(HANDOUT_FILES)
	@sh tests/handout.sh $* $@

_handout-tar: build/handout-$(CH).tar.gz
_handout: build/exercises.txt
	@[ -n '$(CH)' ] || { echo "handout: say which chapter: make handout CH=slug" >&2; exit 2; }
	@ls chapters/*-$(CH).nw > /dev/null 2>&1 || { echo "handout: no chapter '$(CH)' (the slugs: $(shell ls chapters/*.nw | sed 's|chapters/[0-9]*-||; s|\.nw$$||' | tr '\n' ' '))" >&2; exit 2; }
	@$(MAKE) _handout-tar CH=$(CH)
	@echo "handout: wrote build/handout-$(CH).tar.gz"

# Part of make test: a fresh handout of each chapter with programming
# exercises (or of CH) unpacks into a temporary directory, where make grade
# scores less than full marks; with the reference solutions copied in, it
# scores full marks.  Neither its code nor the student edition holds a
# solution (nosolutions compares the student's tree with the whole
# reference tree, so every tangled file must be there).
HANDOUT_CHAPTERS = $(shell awk -F'\t' -v c='$(CH)' '$$4 == "code" && (c == "" || $$2 == c) { print $$2 }' build/exercises.txt | uniq)
_handout-check: build/exercises.txt build/book-student/chapters.tex $(STUDENT_TREE) $(TANGLED)
	@sh tests/nosolutions.sh build/book-student/chapters.tex build/student
	@for ch in $(HANDOUT_CHAPTERS); do \
	  $(MAKE) _handout CH=$$ch || exit 1; \
	  sh tests/handout-check.sh build/handout-$$ch.tar.gz build/src/ex || exit 1; \
	done
