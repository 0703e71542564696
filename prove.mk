# prove.mk -- `make prove`: Frama-C/WP on the layers' tangled C and their
# ACSL contracts.  Included by the Makefile's inner section (it needs the
# tangle rules of tangle.mk).
#
# For every layer below, every function that the layer's chapter defines in
# the layer's C files is proved with WP, one function per Frama-C run, so
# that the time of each is its own, but the small ones (PROVE_SMALL_LAYER,
# below), which share one run; the lemmas are proved in a run of their
# own.  Run-time errors are goals (-wp-rte), and so is every wrap-around of
# unsigned arithmetic (-warn-unsigned-overflow, -warn-unsigned-downcast),
# which C allows but this code never intends.  The table printed at the end
# has, per function, the goals and how many were proved, and the wall time;
# any goal not proved fails the target, with the failed goals listed and the
# full log kept in build/prove/LAYER/FUNCTION.log.  Functions the files get
# from another chapter's header (the inline helpers of hw.h) are listed
# apart, each with the layer that proves it, or as not proved here.
#
# Provers: Z3 and CVC4 through Why3 (Debian 12 has no Alt-Ergo); neither
# alone proves every goal, and on the goals it does not prove each runs
# long.  So every goal that Qed leaves goes to the one prover that
# tests/prove-provers.txt names for it (the faster of the two when both
# raced on it, or Z3 where Z3 alone is as cheap, see prove-choose
# below); a goal the file does not name, a
# new one for instance, goes to Z3, then, if Z3 fails, to CVC4.  The
# file names a prover, never a result: each is run on its goal, and if it
# fails, the other is tried, so a wrong or stale line costs time, not
# soundness.  WP reads the choice as a proof script per goal
# (build/prove/session/wp/script/GOAL.json, written from the file; WP
# replays only a script that records a success, hence its "valid").
# Measured in CPU seconds, a prover per goal against both at once on
# every goal (WP starts the two and stops the loser when one succeeds,
# so the loser spends as long as the winner): as_zero 28.5 against 49.9,
# table_new 25.9 against 38.4.  Both in sequence on every goal is far
# slower: each prover runs to the timeout on goals the other proves in a
# tenth of a second (CVC4 first: mem_alloc 92 s of CPU in place of 20,
# mem_free 67 in place of 12; Z3 first: pt's lemmas over 400 s).
# Their configuration is detected into build/prove/why3.conf, never into
# $HOME.
#
# Four tasks at a time in each run (-wp-par 4), two runs at a time: WP's
# loop that hands out the goals sleeps 50 ms between its rounds (strace
# shows 178 sleeps of 50 ms in one run of mem_init), and a goal that Qed
# proves in a few milliseconds leaves its slot idle until the next round.
# With more slots a round starts more goals: mem_init with Qed alone took
# 16.6 s of wall time at -wp-par 1, 10.1 at 2, 7.6 at 4 and 6.4 at 8, for
# the same 5 s of CPU; the whole of layer mem, 110 to 116 s at 2 and 78 to
# 93 s at 4, alternated on the same loaded machine, for the same 66 to 70 s
# of CPU.  Beyond 4 the provers of the two runs would crowd two cores:
# the limit below is wall time.  With a prover chosen per goal (below),
# WP counts a goal's script as a task beside its prover, so -wp-par 4
# runs two provers at a time in each run, four on the two cores.  It was
# -wp-par 8 (four provers a run, eight on two cores) until 2026-12-05,
# when whole make proves on a tangled tree, on one otherwise idle
# machine, measured: at 8, 173.8 to 189.6 s (four runs; the runs 311 to
# 344 s of CPU, 327 on average); at 4, 164.2 to 186.0 s (seven runs;
# 282 to 322 s of CPU, 299 on average); at 2, 166.6 s (244 s of CPU, but
# WP's rounds leave more slots idle).  The machine's own speed drifted by
# a tenth in three hours: in the first three pairs 4 was 13 to 23 s
# faster than 8, in the last two the two were within 4 s.  What 4 saves
# for sure is CPU: eight provers on two cores cost CPU, not only wall
# time, as processes that share a core's caches do (pt's lemmas 68.7 to
# 71.2 s of CPU at 8, 61.2 to 66.4 at 4, 51.8 at 2, and their provers
# 41 s at -wp-par 1 alone), and a goal's prover shares its core with
# fewer others, so its wall time, which the limit below bounds, is
# shorter.  A run alone on the machine is faster at 8 (as's lemmas once
# took 74 s of wall time at 4, 31 at 8): in make prove the other run
# fills the cores.  (Three runs at a time at 4, make -j3: 155.4 and
# 161.5 s, within the noise of two; four: 167.2 s.)  make prove-choose
# keeps 4 too: in its race, two goals at a time, each with both provers;
# in its run of Z3 alone, four goals.
#
# The timeout per goal and prover, 60 s, is wall time (so are
# both provers' own limits): the slowest goals take under 4 s of CVC4
# in a whole make prove on two otherwise idle cores, its own provers
# sharing them (in the check of 2026-12-04: as_zero's assertion ok
# 3.7 s, as's lemmas as_stored_mem and as_stored_E 3.5 s; pt's
# pt_window_fields, one lemma with ten conclusions that took 5.5 to 6.5
# s and went past 60 s at -wp-par 6 with other users' provers at a load
# of 8, is now four lemmas of under 3 s); a verdict flips only on a
# machine some fifteen times slower than that, and then as a failure
# reported, never as a proof.  The limit costs nothing when every goal is
# proved by the prover chosen for it (see above): only a goal that
# prover does not prove runs to it.
# No cache: every run proves everything again.  (WP's cache,
# -wp-cache update, keeps results by a digest of the goal; from a clean
# clone it is empty, and a cache kept in the repository would make its
# results trusted, not proved.)

PROVE_PKGS := frama-c-base why3 z3 cvc4
PROVE_CMDS := frama-c why3 z3 cvc4

# The layers, and the tangled C files of each.  hw is the hardware header's
# own code, the inline helpers of hw.h, proved from the bit axioms there
# (hw.c itself is not proved: its contracts are trusted).
PROVE_LAYERS  := hw mem pt as
PROVE_SRC_hw  := build/src/hw.h
PROVE_SRC_mem := build/src/mem.c build/src/mem_layout.c
# pt (chapter 5) calls mem's operations, proved in layer mem, so their
# definitions come along and their contracts are not assumed here.
PROVE_SRC_pt  := build/src/pt.c build/src/pt_layout.c \
                 build/src/mem.c build/src/mem_layout.c
PROVE_OWN_pt  := build/src/pt.c build/src/pt_layout.c
# as (chapter 6) calls mem's operations, whose contracts stand on their
# definitions in mem.c and mem_layout.c (proved in layer mem), and pt's,
# whose contracts are on their declarations in pt.h: assumed here, and
# proved in layer pt, for those pt proves (the summary says which).
PROVE_SRC_as  := build/src/as.c build/src/mem.c build/src/mem_layout.c
PROVE_OWN_as  := build/src/as.c
# A layer that reads other layers' files too names its own in
# PROVE_OWN_LAYER: the book counts their lines only.  (A layer's run of
# the lemmas proves those of its own chapter, see prove-lemmas below.)
# A layer whose proof is under way, or some of whose functions are left
# out of it, lists the functions proved in PROVE_FNS_LAYER; the others
# of its chapter are not run, and the summary and the verdict name them
# as not under proof.  (Of the layers below
# the kernel, none does: as_request, the last, joined with the proof of
# its counting, the ghost lemma functions as_count_* of chapter 6.
# Layer kernel does, below.)
# (pt: every function; pt_set last of all, proved from the contracts of
# its two steps, take_table and map_entry, see chapter 5's "Proved by
# machine".)
PROVE_FNS_pt  := pt_npages pt_status_name check_vpage region_size window \
                 table_word entry_addr dir_get dir_put entry_get entry_put \
                 pt_init pt_lookup table_new table_empty table_free \
                 store_entry map_entry clear_entry drop_table pt_clear \
                 take_table pt_set
# boot (chapter 7) calls mem_init, proved in layer mem, pt_init, whose
# contract is on its declaration in pt.h, and hw_setPTROOT and hw_setPE,
# whose contracts in hw.h are trusted; its call of the kernel's entry
# through a pointer is one that WP does not know (chapter 7, "Proved by
# machine").  The run-time check of that call, \valid_function, is one WP
# does not implement (its goal could never be proved), so this layer's
# runs leave it out: PROVE_OPTS_LAYER are options of the layer's own.
PROVE_LAYERS  += boot
PROVE_SRC_boot := build/src/boot.c build/src/mem.c build/src/mem_layout.c
PROVE_OWN_boot := build/src/boot.c
PROVE_OPTS_boot := -rte-no-pointer-call
# kernel (chapter 8): the door of the linked system, ksys_door_load and
# ksys_door_store with their two tests and the renaming of the
# hardware's faults, proved from the contracts of mem_nframes and
# mem_region_frames (whose definitions come along, proved in layer mem),
# pt_npages (in pt.h, proved in layer pt) and the hardware's.  The other
# functions of chapter 8 in these files are not under proof: the
# record's four wrappers, a line each, and the calls through the record
# in kernel.h, which go through pointers (chapter 8, "Proved by
# machine").
PROVE_LAYERS  += kernel
PROVE_SRC_kernel := build/src/ksys_hw.c build/src/mem.c build/src/mem_layout.c
PROVE_OWN_kernel := build/src/ksys_hw.c
PROVE_FNS_kernel := from_hw supervisor_only the_window ksys_door_load \
                    ksys_door_store
# PROVE_OPTS_FN_FUNCTION are options of one function's run.  pt_clear's
# run drops the type hypotheses of its goals (-wp-simplify-type: every
# memory state's words are 32-bit, every variable in its type's range):
# with them, goals of one unfolding each time out, the provers lost in
# hypotheses they do not need (measured on 2026-12-05: one such goal,
# CVC4 0.27 s alone, not proved in 10 s in pt_clear's context; 0.4 s
# with the type hypotheses gone).  Dropping hypotheses is sound, a goal
# proved from fewer facts is proved; what a goal of pt_clear needs of a
# range, a contract must say (table_empty's *empty is 0 or 1).  It is
# not for every run: 39 goals of other functions need their ranges.
PROVE_OPTS_FN_pt_clear := -wp-simplify-type
# pt_set's run drops them too (as pt_clear's; not measured without),
# and splits its goals by path
# (-wp-split): its postconditions of the invariant hold on each
# of its eleven paths for a reason of one or two steps, but as one goal
# over all the paths neither prover proved ensures mem in 10 s (measured
# on 2026-12-05, on a busy machine); split, each part takes under 0.3 s.
PROVE_OPTS_FN_pt_set := -wp-simplify-type -wp-split
# Boot's proof needs, from pt_init's state pt_fresh, the lemmas of
# chapter 5 that give the driver's invariant; pt.h repeats them from
# pt.c (where layer pt proves them) under PT_PROVE_FRESH, defined for
# the layers listed here only: in the others' lemmas they are facts of no
# use that slow the provers down (with them, as's lemma as_cleared_c was
# no longer proved).
PROVE_FRESH_LAYERS := boot

# The small functions of a layer, PROVE_SMALL_LAYER, are proved in one
# Frama-C run (run "small"), not one each: a run costs about a second of
# CPU before its first goal (loading the saved session, starting Why3),
# more than most of their goals.  Measured, CPU s, one run each (in an
# earlier check of 2026-12-04) against one run for all (a later make
# prove that day, on an idle machine): hw's 13 helpers 12.2 against 6.3,
# mem's 5 6.6 against 4.4, pt's 11 26.8 against 19.2.  The table gives
# each its goals (its name marked *) and the run's time on a line of its
# own, "*".
PROVE_SMALL_hw  := hw_vpage hw_offset hw_pte_present hw_pte_frame \
                   hw_frame_addr hw_vpage_addr hw_dir_entries \
                   hw_table_entries hw_nvpages hw_vsize hw_dir_index \
                   hw_table_index hw_is_fault
PROVE_SMALL_mem := mem_region_frames mem_status_name mem_nframes \
                   table_get table_put
PROVE_SMALL_pt  := pt_npages pt_status_name check_vpage region_size window \
                   table_word entry_addr dir_get dir_put entry_get entry_put
# as's ghost lemma functions (chapter 6, the counting behind NOMEM) are
# small too: 19 functions of 3 to 38 goals, a few seconds of CPU each.
PROVE_SMALL_as  := as_count_free as_count_groups as_count_div \
                   as_count_group as_count_one as_count_same as_count_map1 \
                   as_count_tab1 as_count_frame as_count_zero as_count_mstep \
                   as_count_tstep as_count_frames as_count_total \
                   as_count_pages as_count_gdiv as_count_grp as_count_grps \
                   as_count_inv
PROVE_SMALL_kernel := from_hw supervisor_only the_window

# --- issue 15, book-wide part (1 of 2): chapter 3's example, the ring
# buffer's push, proved from build/src/prove/fifo.c, a file that chapter 3
# tangles from the very chunks of fifo.h and fifo.c and that is never
# compiled.  It comes first in the table, as in the book.
PROVE_LAYERS   := fifo $(PROVE_LAYERS)
PROVE_SRC_fifo := build/src/prove/fifo.c
# --- end of part 1

PROVE_DIR     := build/prove
WHY3_CONF     := $(PROVE_DIR)/why3.conf
PROVE_TIMEOUT := 60
PROVE_PAR     := 4
PROVERS       := z3,cvc4
# The prover of each goal (see the top of this file).  PROVE_RACE=yes
# (make prove-choose) gives every goal to both at once instead, and
# prove-choose then writes the winners back into the file.
PROVE_CHOICE  := tests/prove-provers.txt
PROVE_SESSION := $(PROVE_DIR)/session
ifeq ($(PROVE_RACE),yes)
PROVE_WITH    := $(PROVERS)
PROVE_SESS_OPT :=
else ifeq ($(PROVE_RACE),z3)
PROVE_WITH    := z3
PROVE_SESS_OPT :=
else
PROVE_WITH    := script,$(PROVERS)
PROVE_SESS_OPT := -session $(PROVE_SESSION)
endif

# The scripts, one per goal the file names, written again whenever it
# changes (lines starting with # are comments).
$(PROVE_SESSION)/choice.txt: $(PROVE_CHOICE)
	@rm -rf $(PROVE_SESSION) && mkdir -p $(PROVE_SESSION)/wp/script
	@awk -v d=$(PROVE_SESSION)/wp/script '/^#/ || NF == 0 { next } \
	  NF != 2 || ($$2 != "z3" && $$2 != "cvc4") { print "prove: $<: bad line: " $$0 > "/dev/stderr"; exit 1 } \
	  { f = d "/" $$1 ".json"; printf "[ { \"prover\": \"%s\", \"verdict\": \"valid\" } ]\n", $$2 > f; close(f) }' $<
	@cp $< $@

# make prove-choose: every goal to both provers at once, then the file
# written again from the logs, each goal with the prover that proved it
# first (its comment lines kept); but a goal that Z3 alone proves in a
# tenth of a second or less (its own time, in a run of Z3 alone with a
# limit of 1 s, made first, so that the logs and the summary left behind,
# which the book reads, are the race's, a whole proof) goes to Z3
# whichever won the race.  The race is
# won by wall time, with every goal's two provers sharing the cores, and
# on the cheapest goals it is a toss; what a goal costs make prove is the
# CPU time of its prover's process, and a CVC4 process costs 0.19 s at
# the least, a Z3 one 0.06 s.  Measured on 2026-12-05: of the 323 goals
# the race gave CVC4, Z3 alone proved 99 in 0.1 s or less.  Run it after
# a change that adds or moves many goals; a goal the file does not name
# is proved all the same, only slower.
.PHONY: _prove-choose
_prove-choose:
	@mkdir -p $(PROVE_DIR)
	@$(MAKE) --no-print-directory _prove PROVE_RACE=z3 PROVE_TIMEOUT=1 > $(PROVE_DIR)/choice-z3.log 2>&1 || true
	@cat $(foreach l,$(PROVE_LAYERS),$(PROVE_DIR)/$(l)/*.log) \
	  | sed -n 's/^\[wp\] \[Z3[^]]*\] Goal typed_\([A-Za-z0-9_]*\) : Valid.*(\([0-9.]*\)\(m*s\)) ([0-9]*)$$/\1 \2 \3/p' \
	  | awk '($$3 == "ms" && $$2 <= 100) || ($$3 == "s" && $$2 <= 0.1) { print $$1 }' \
	  | LC_ALL=C sort -u > $(PROVE_DIR)/choice-z3.txt
	@$(MAKE) --no-print-directory _prove PROVE_RACE=yes
	@cat $(foreach l,$(PROVE_LAYERS),$(PROVE_DIR)/$(l)/*.log) \
	  | sed -n 's/^\[wp\] \[\(Z3\|CVC4\)[^]]*\] Goal typed_\([A-Za-z0-9_]*\) : Valid.*/\2 \1/p' \
	  | awk '{ print $$1, tolower($$2) }' | LC_ALL=C sort -u > $(PROVE_DIR)/choice-race.txt
	@{ grep '^#' $(PROVE_CHOICE); \
	  awk 'NR == FNR { z[$$1] = 1; next } { print $$1, ($$1 in z) ? "z3" : $$2 }' \
	    $(PROVE_DIR)/choice-z3.txt $(PROVE_DIR)/choice-race.txt; } > $(PROVE_CHOICE).tmp
	@mv $(PROVE_CHOICE).tmp $(PROVE_CHOICE)
	@echo "prove-choose: $$(grep -c -v '^#' $(PROVE_CHOICE)) goals named in $(PROVE_CHOICE)"
# The bit axioms of chapter 2 (axiomatic hw_bits) are seen only by the
# layers that compute with shifts and masks, those listed here; in the
# other layers' goals they are noise that slows CVC4 down (mem_alloc's
# second loop invariant: 1.2 s without them, 2.4 s with, on an idle
# machine, and once over the 30 s limit of the time on a loaded one).
PROVE_BITS_LAYERS := hw pt
# Frama-C and the provers get their memory from glibc's malloc, and on
# this machine (a virtual one) the first touch of each new 4 KiB page is
# dear: in a run of table_new, a fifth of Frama-C's samples (perf) were
# in the kernel's page-fault path, and each start of Z3, with WP's
# context, faults in some 7,000 pages.  PROVE_MALLOC asks malloc for
# transparent huge pages (glibc.malloc.hugetlb=1: madvise, which the
# kernel grants in its madvise mode, Debian 12's default, and ignores in
# its never mode) and to keep the memory it frees for reuse (its mmap
# and trim thresholds raised), for Frama-C and for every prover it
# starts.  It changes how memory is obtained, not what is computed: the
# same goals are proved by the same provers.  Measured on 2026-12-05,
# CPU s, without against with, runs alternated on an idle machine: pt's
# lemmas 73.0 / 52.8 (huge pages alone 52.9, the thresholds alone 61.3),
# table_new 22.5 / 18.7 (three runs each); the whole make prove, one
# after the other, 3 min 6 s / 2 min 53 s (its runs 326 / 303 s of CPU).
PROVE_MALLOC  := GLIBC_TUNABLES=glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824
FRAMAC        = $(PROVE_MALLOC) frama-c -cpp-extra-args='-Ibuild/src$(if $(filter $(1),$(PROVE_BITS_LAYERS)), -DHW_PROVE_BITS)$(if $(filter $(1),$(PROVE_FRESH_LAYERS)), -DPT_PROVE_FRESH)' $(PROVE_OPTS_$(1))
# A run of WP on one function starts from the layer's files parsed once
# (Frama-C's saved session, build/prove/LAYER/ast.sav, written by the run
# that lists the layer's functions): measured, parsing and normalizing
# pt's four files again costs about 0.45 s of CPU per run, some 20 s in
# all over the fifty runs.  The layer's own options are given again, as
# WP's run-time-error goals are generated in the run itself.
FRAMAC_LOAD   = $(PROVE_MALLOC) frama-c -load $(PROVE_DIR)/$(1)/ast.sav $(PROVE_OPTS_$(1))
# -wp-no-pruning: Qed does not prune the hypotheses that do not bear on
# the goal.  Pruning is the bulk of Frama-C's own time in the big
# functions (pt_init with Qed alone: 15.4 s of CPU with it, 6.5 without)
# and saves the provers less than it costs (both provers, CPU s, with
# against without: pt_init 31.5 / 27.0, mem_alloc 23.4 / 19.3, as_unmap
# 33.4 / 29.5; against that pt_lookup 20.7 / 22.5, table_new 30.5 / 31.7).
WP_OPTS       := -warn-unsigned-overflow -warn-unsigned-downcast \
                 -wp -wp-rte -wp-timeout $(PROVE_TIMEOUT) -wp-no-pruning \
                 -wp-par $(PROVE_PAR) -wp-cache none
PROVE_ENV     := WHY3CONFIG=$(CURDIR)/$(WHY3_CONF)

.PHONY: _prove _prove-deps

# The tools, installed the way `make deps` installs the book's.
_prove-deps:
	@missing=; \
	for c in $(PROVE_CMDS); do command -v $$c >/dev/null 2>&1 || missing="$$missing $$c"; done; \
	$(call apt-install,prove,$(PROVE_PKGS))

# Why3 finds the provers once; WP reads the file named by WHY3CONFIG.
$(WHY3_CONF): prove.mk | _prove-deps
	@mkdir -p $(@D)
	@why3 config detect -C $@.tmp > $@.log 2>&1 || { cat $@.log >&2; rm -f $@.tmp; exit 1; }
	@for p in Z3 CVC4; do grep -q "name = \"$$p\"" $@.tmp \
	  || { echo "prove: why3 did not find $$p (see $@.log)" >&2; rm -f $@.tmp; exit 1; }; done
	@mv $@.tmp $@

# The runs are scheduled by make, one target per function (and one for a
# layer's lemmas), so that the two cores stay busy: Frama-C itself (its
# parsing, WP's computation of the goals and their simplification by Qed,
# a third to a half of the CPU time) runs on one core, and the layers are
# of very different sizes.  First, per layer, the list of its functions
# (prove-list, a short Frama-C run of its own); then a second make runs
# every function's target at once, under the same job limit (make prove
# passes -j with the number of cores), the longest first (PROVE_FIRST:
# measured, see below); then each layer's table is put together in the
# order of its list.
#
# prove-list LAYER: the layer's runs, in order, to build/prove/LAYER/runs.txt
# ("lemmas" for the run of the lemmas), the functions not under proof
# to .../pending.txt, those of other chapters to .../others.txt, the
# assumed contracts to .../assumed.txt.  The layer's functions are those
# whose definitions Frama-C places in the chapter of the layer's first file
# (the #line directives of the tangled C name the chapter).
define prove-list
@mkdir -p $(PROVE_DIR)/$(1)
@rm -f $(PROVE_DIR)/$(1)/*.log $(PROVE_DIR)/$(1)/ast.sav $(PROVE_DIR)/$(1)/*.row \
  $(PROVE_DIR)/$(1)/*.cpu $(PROVE_DIR)/$(1)/failed $(PROVE_DIR)/$(1)/*.txt
@chapter=$$(sed -n '1s/^#line [0-9]* "\(.*\)"$$/\1/p' $(firstword $(PROVE_SRC_$(1)))); \
$(FRAMAC) $(PROVE_SRC_$(1)) -metrics -metrics-by-function -save $(PROVE_DIR)/$(1)/ast.sav \
  > $(PROVE_DIR)/$(1)/functions.log 2>&1 \
  || { cat $(PROVE_DIR)/$(1)/functions.log >&2; exit 1; }; \
fns=$$(sed -n "s|^ *Stats for function <$$chapter/\(.*\)>.*|\1|p" $(PROVE_DIR)/$(1)/functions.log); \
[ -n "$$fns" ] || { echo "prove: no functions of $$chapter in $(PROVE_SRC_$(1))" >&2; exit 1; }; \
all=$$(echo $$fns); : > $(PROVE_DIR)/$(1)/pending.txt; \
if [ -n "$(PROVE_FNS_$(1))" ]; then \
  for f in $(PROVE_FNS_$(1)); do case " $$all " in *" $$f "*) ;; \
    *) echo "prove: $(1): $$f is not a function of $$chapter" >&2; exit 1;; esac; done; \
  for f in $$all; do case " $(PROVE_FNS_$(1)) " in *" $$f "*) ;; \
    *) echo $$f >> $(PROVE_DIR)/$(1)/pending.txt;; esac; done; \
  fns="$(PROVE_FNS_$(1))"; \
fi; \
if [ -n "$(PROVE_SMALL_$(1))" ]; then \
  for f in $(PROVE_SMALL_$(1)); do case " $$(echo $$fns) " in *" $$f "*) ;; \
    *) echo "prove: $(1): $$f of PROVE_SMALL_$(1) is not a function under proof" >&2; exit 1;; esac; done; \
  fns="small $$(for f in $$fns; do case " $(PROVE_SMALL_$(1)) " in *" $$f "*) ;; *) echo $$f;; esac; done)"; \
fi; \
sed -n 's|^ *Stats for function <\(.*\)/\([^/]*\)>.*|\2 (\1)|p' $(PROVE_DIR)/$(1)/functions.log \
  | grep -v "($$chapter)" | sed -E 's/_[0-9]+ \(/ (/' | sort -u > $(PROVE_DIR)/$(1)/others.txt || true; \
awk '/Specified-only functions/ { on = 1; next } on && /====/ { next } \
     on && /^[[:space:]]*$$/ { exit } \
     on { n = split($$0, a, ";"); for (i = 1; i <= n; i++) if (match(a[i], /[A-Za-z_0-9]+/)) print substr(a[i], RSTART, RLENGTH) }' \
  $(PROVE_DIR)/$(1)/functions.log > $(PROVE_DIR)/$(1)/assumed.txt; \
$(call prove-lemmas,$$chapter,$(PROVE_SRC_$(1)) $(SRC_H)) > $(PROVE_DIR)/$(1)/lemmas.txt; \
lem=lemmas; [ -s $(PROVE_DIR)/$(1)/lemmas.txt ] || lem=; \
for f in $$lem $$fns; do echo $$f; done > $(PROVE_DIR)/$(1)/runs.txt
endef

# prove-lemmas CHAPTER,FILES: the names of the lemmas that FILES state in
# CHAPTER (the #line directives of the tangled files name the chapter of
# each line), one a line.  A layer's run of the lemmas proves those of its
# chapter only: the files of a layer include other chapters' headers, and
# their lemmas (hw.h's, mem.h's) are proved in the layers of their own
# chapters, not again in every layer that reads them.  A lemma is stated
# as `lemma NAME:' or `lemma NAME{LABELS}:', its name on the line of the
# keyword.
prove-lemmas = awk -v ch="$(1)" '/^\#line [0-9]+ "/ { f = $$3; gsub(/"/, "", f); next } \
  f == ch { s = $$0; while (match(s, /(^|[^A-Za-z_0-9])lemma[ \t]+[A-Za-z_0-9]+[ \t]*(\{[^}]*\})?[ \t]*:/)) { \
    m = substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH); \
    sub(/^.*lemma[ \t]+/, "", m); sub(/[^A-Za-z_0-9].*$$/, "", m); if (!(m in seen)) { seen[m] = 1; print m } } }' $(2)

# prove-one LAYER FUNCTION: one run of Frama-C, its log to
# build/prove/LAYER/FUNCTION.log, its row of the table (goals, proved,
# the wall time of the run) to .../FUNCTION.row, the CPU seconds of the
# run, Frama-C's and its provers' (the shell's `times' of its children),
# to .../FUNCTION.cpu, and its name to .../failed if a goal is not
# proved.  On a machine that others load too, the wall time grows and
# the CPU time hardly does: compare runs by the CPU time.
define prove-one
@t0=$$(date +%s.%N); \
if [ "$(2)" = lemmas ]; then name='(lemmas)'; \
  set -- "-wp-prop=$$(paste -s -d, $(PROVE_DIR)/$(1)/lemmas.txt)"; \
elif [ "$(2)" = small ]; then name='*'; set -- -wp-fct $$(echo $(PROVE_SMALL_$(1)) | tr ' ' ,); \
else name='$(2)'; set -- -wp-fct $(2); fi; \
$(PROVE_ENV) $(FRAMAC_LOAD) $(PROVE_SESS_OPT) $(WP_OPTS) $(PROVE_OPTS_FN_$(2)) -wp-prover $(PROVE_WITH) "$$@" > $(PROVE_DIR)/$(1)/$(2).log 2>&1 \
  || { echo "prove: frama-c failed on $$name, see $(PROVE_DIR)/$(1)/$(2).log" >&2; tail -20 $(PROVE_DIR)/$(1)/$(2).log >&2; exit 1; }; \
t1=$$(date +%s.%N); \
times > $(PROVE_DIR)/$(1)/$(2).cpu.tmp; \
awk 'NR == 2 { split($$0, a, /[ ms]+/); printf "%.1f\n", a[1] * 60 + a[2] + a[3] * 60 + a[4] }' $(PROVE_DIR)/$(1)/$(2).cpu.tmp > $(PROVE_DIR)/$(1)/$(2).cpu; \
rm -f $(PROVE_DIR)/$(1)/$(2).cpu.tmp; \
counts=$$(sed -n 's/^\[wp\] Proved goals: *\([0-9]*\) *\/ *\([0-9]*\).*/\1 \2/p' $(PROVE_DIR)/$(1)/$(2).log \
  | awk '{ p += $$1; g += $$2 } END { if (NR) print p, g }'); \
set -- $${counts:-0 0}; \
[ "$$1" = "$$2" ] || echo "$(2)" >> $(PROVE_DIR)/$(1)/failed; \
if [ "$(2)" != small ]; then \
  awk -v l=$(1) -v f="$$name" -v p=$$1 -v g=$$2 -v a=$$t0 -v b=$$t1 \
    'BEGIN { printf "  %-6s %-20s %6d %7d %8.1f\n", l, f, g, p, b - a }' > $(PROVE_DIR)/$(1)/$(2).row.tmp; \
else \
  awk -v l=$(1) -v fns="$(PROVE_SMALL_$(1))" -v a=$$t0 -v b=$$t1 \
    'BEGIN { n = split(fns, fn, " ") } \
     /^\[wp\] \[[^]]*\] Goal typed_/ { id = $$0; sub(/.* Goal typed_/, "", id); sub(/[ :].*/, "", id); \
       best = ""; for (i = 1; i <= n; i++) if (index(id, fn[i] "_") == 1 && length(fn[i]) > length(best)) best = fn[i]; \
       if (best == "") { print "prove: goal " id " of no function of the run" > "/dev/stderr"; bad = 1; next } \
       g[best]++; if ($$0 ~ / : Valid/) p[best]++ } \
     END { for (i = 1; i <= n; i++) { printf "  %-6s %-20s %6d %7d %8s\n", l, fn[i] "*", g[fn[i]], p[fn[i]], "-" } \
           printf "  %-6s %-20s %6s %7s %8.1f\n", l, "*", "-", "-", b - a; exit bad }' \
    $(PROVE_DIR)/$(1)/$(2).log > $(PROVE_DIR)/$(1)/$(2).row.tmp || echo "$(2)" >> $(PROVE_DIR)/$(1)/failed; \
fi; \
if [ "$(2)" = lemmas ] && [ "$$2" != $$(wc -l < $(PROVE_DIR)/$(1)/lemmas.txt) ]; then \
  echo "prove: $(1): $$2 goals for the $$(wc -l < $(PROVE_DIR)/$(1)/lemmas.txt) lemmas of $(PROVE_DIR)/$(1)/lemmas.txt" >&2; \
  echo "$(2)" >> $(PROVE_DIR)/$(1)/failed; fi; \
mv $(PROVE_DIR)/$(1)/$(2).row.tmp $(PROVE_DIR)/$(1)/$(2).row
endef

# The runs that take longest, started first (a run started last would
# otherwise finish alone on one core).  CPU seconds of each (the .cpu
# files), measured on 2026-12-06 in the make prove of a full check of a
# clean clone, on an otherwise idle machine, with a prover per goal as
# above and PROVE_MALLOC (730 s of CPU in all; the machine's own speed
# varies by a quarter from one run to the next): as's lemmas 142, pt's
# lemmas 98, pt_set 91, pt_clear 75, as_request 53, as's small ones (the
# lemma functions of its counting) 34, drop_table 24, as_map_page 23,
# take_table 21, as_zero 21, map_entry 19, table_new 17, pt_init 16,
# as_unmap 14, pt's small ones 9, clear_entry 9, pt_lookup 8, mem_init 7,
# mem_alloc 7, table_free 6; every other run 4 or under.
# A run not listed comes after these, in the order of the layers.
PROVE_FIRST := as/lemmas pt/lemmas pt/pt_set pt/pt_clear as/as_request \
               as/small pt/drop_table as/as_map_page pt/take_table \
               as/as_zero pt/map_entry pt/table_new pt/pt_init as/as_unmap \
               pt/small pt/clear_entry pt/pt_lookup mem/mem_init \
               mem/mem_alloc pt/table_free mem/mem_free boot/boot \
               as/as_zero_run pt/table_empty hw/small as/as_release \
               fifo/fifo_push

PROVE_PREREQS = $(WHY3_CONF) $(PROVE_SESSION)/choice.txt $(foreach l,$(PROVE_LAYERS),$(PROVE_SRC_$(l))) $(SRC_H)
.PHONY: _prove-runs _prove-lists
# (phony, so that every make prove proves everything again)
_prove-list-%: $(PROVE_PREREQS)
	$(call prove-list,$*)
_prove-lists: $(addprefix _prove-list-,$(PROVE_LAYERS))

# The second make: PROVE_RUNS (LAYER/FUNCTION ...) are the targets.
PROVE_RUNS ?=
_prove-runs: $(addsuffix .row,$(addprefix $(PROVE_DIR)/,$(PROVE_RUNS)))
$(PROVE_DIR)/%.row: $(PROVE_PREREQS)
	$(call prove-one,$(patsubst %/,%,$(dir $*)),$(notdir $*))

# prove-layers LAYERS: every run of the layers, then their tables.
define prove-layers
+@runs=$$(for l in $(1); do sed "s|^|$$l/|" $(PROVE_DIR)/$$l/runs.txt; done); \
first=; for r in $(PROVE_FIRST); do case " $$(echo $$runs) " in *" $$r "*) first="$$first $$r";; esac; done; \
rest=; for r in $$runs; do case " $$first " in *" $$r "*) ;; *) rest="$$rest $$r";; esac; done; \
$(MAKE) --no-print-directory _prove-runs PROVE_RUNS="$$first $$rest"
@for l in $(1); do \
  sed "s|^\(.*\)$$|$(PROVE_DIR)/$$l/\1.row|" $(PROVE_DIR)/$$l/runs.txt | xargs cat > $(PROVE_DIR)/$$l/table.txt; done
endef

# One layer alone (by hand): make _prove-layer-pt.
_prove-layer-%: _prove-list-%
	$(call prove-layers,$*)

# The whole run: a header with the versions and settings, the table with a
# line of totals (the sum of the times; the runs overlap, so the whole
# run takes less, its wall time is the line after the table), the functions of another
# chapter's header that a layer uses (and whether a layer of their own
# proves them), the functions a layer's files only declare whose
# contracts another layer proves, the trusted base (contracts assumed
# because their code is proved nowhere in the run, and those of the
# functions not under proof that a proved function calls, which the
# call goals in the logs name; axioms and admitted lemmas), the count
# of the lemmas, and the verdict.  The summary is kept in
# build/prove/summary.txt.  Before the runs, every lemma of the
# files is checked to be proved in exactly one layer's run (one proved
# in none would be a hole: the other goals use it as a fact).
PROVE_TABLES = $(foreach l,$(PROVE_LAYERS),$(PROVE_DIR)/$(l)/table.txt)
# A goal whose named prover fails on it (a stale line of the file: the
# goal changed, or a new version of the prover is slower) is proved all
# the same by the other, as is a goal the file does not name; but the
# failure may have cost the whole timeout first (a line naming Z3 for
# entry_addr's call of table_word, which Z3 no longer proved, cost pt's
# small run a minute of CPU until 2026-12-05).  So the summary names
# the runs where a prover that WP ran failed or was stopped (the
# "failed" and "interrupted" of a run's statistics) or where a goal was
# proved by a prover the file does not name for it (a log line "[Z3 ..."
# or "[CVC4 ..." in place of "[Script]" or "[Qed]"): make prove-choose
# names them again.  It is a line of the summary, not a failure: every
# goal is proved all the same.
prove-stale = awk 'FNR == 1 { flush(); run = FILENAME; sub(/^.*\/prove\//, "", run); sub(/\.log$$/, "", run) } \
  /^\[wp\] \[(Z3|CVC4)[^]]*\] Goal / { n++ } \
  { s = $$0; while (match(s, /\((failed|interrupted): [0-9]+\)/)) { t = substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH); \
      gsub(/[^0-9]/, "", t); n += t } } \
  function flush() { if (n) { r = r (r == "" ? "" : ", ") run " (" n ")"; all += n } n = 0 } \
  END { flush(); if (all) printf "prove: %d times a goal was not proved by the prover %s names for it (the prover failed or was stopped, or the file names none), in %s: make prove-choose names them again\n", all, "$(PROVE_CHOICE)", r; \
        else printf "prove: every goal that needed a prover was proved by the one %s names\n", "$(PROVE_CHOICE)" }' \
  $(foreach l,$(PROVE_LAYERS),$(PROVE_DIR)/$(l)/*.log);
.PHONY: _prove-all-layers
_prove-all-layers: _prove-lists
	@date +%s.%N > $(PROVE_DIR)/start.txt
	@grep -h -o -E '(^|[^A-Za-z_0-9])lemma[[:space:]]+[A-Za-z_0-9]+' $(PROVE_SRCS) $(SRC_H) \
	  | sed -E 's/.*lemma[[:space:]]+//' | sort -u > $(PROVE_DIR)/lemmas-all.txt; \
	cat $(foreach l,$(PROVE_LAYERS),$(PROVE_DIR)/$(l)/lemmas.txt) | sort > $(PROVE_DIR)/lemmas-own.txt; \
	missing=$$(sort -u $(PROVE_DIR)/lemmas-own.txt | comm -23 $(PROVE_DIR)/lemmas-all.txt - | tr '\n' ' '); \
	twice=$$(uniq -d $(PROVE_DIR)/lemmas-own.txt | tr '\n' ' '); \
	[ -z "$$missing$$twice" ] || { echo "prove: lemmas proved in no layer: $$missing; in two: $$twice" >&2; exit 1; }; \
	echo "prove: $$(wc -l < $(PROVE_DIR)/lemmas-all.txt) lemmas, each proved in one run, that of the layer of its chapter" > $(PROVE_DIR)/lemmas-summary.txt
	$(call prove-layers,$(PROVE_LAYERS))
	@awk -v a=$$(cat $(PROVE_DIR)/start.txt) -v b=$$(date +%s.%N) -v j='$(patsubst -j%,%,$(filter -j%,$(MAKEFLAGS)))' \
	  'BEGIN { printf "prove: the runs took %.1f s of wall time, %s at a time\n", b - a, j == "" ? "up to the job limit" : j }' > $(PROVE_DIR)/wall.txt
_prove: _prove-all-layers
	@{ echo "prove: Frama-C $$(frama-c -version), Why3 $$(why3 --version | sed 's/.*version //'), Z3 $$(z3 --version | sed 's/Z3 version //; s/ .*//'), CVC4 $$(cvc4 --version | sed -n '1s/.*version \([^ ]*\).*/\1/p')"; \
	  echo "prove: WP with -wp-rte and unsigned overflow checks; provers $(PROVERS), $(if $(filter yes,$(PROVE_RACE)),both at once on every goal,one per goal as $(PROVE_CHOICE) names it ($$(grep -c -v '^[#]' $(PROVE_CHOICE)) goals named; Z3 then CVC4 for any other)), no pruning, $(PROVE_TIMEOUT) s per goal and prover, $(PROVE_PAR) in parallel, no cache"; \
	  printf '  %-6s %-20s %6s %7s %8s\n' layer function goals proved seconds; \
	  cat $(PROVE_TABLES); \
	  cat $(PROVE_TABLES) | awk '{ g += $$3; p += $$4; t += $$5 } END { printf "  %-6s %-20s %6d %7d %8.1f\n", "all", "", g, p, t }'; \
	  echo "prove: a name marked * is one of its layer's small functions, proved together in one run, whose time is on the line *"; \
	  cat $(PROVE_DIR)/wall.txt; \
	  cat $(foreach l,$(PROVE_LAYERS),$(PROVE_DIR)/$(l)/*.cpu) | awk '{ c += $$1 } END { printf "prove: the runs used %.1f s of CPU, Frama-C and the provers\n", c }'; \
	  cat $(foreach l,$(PROVE_LAYERS),$(PROVE_DIR)/$(l)/*.log) | awk '/^\[wp\] \[[^]]*\] Goal .* : Valid/ { if ($$0 ~ /^\[wp\] \[Qed\]/) q++; else p++ } \
	    END { printf "prove: of the goals proved, %d by Qed (WP'"'"'s simplifier, in Frama-C), %d by a prover\n", q, p }'; \
	  for l in $(PROVE_LAYERS); do \
	    [ ! -s $(PROVE_DIR)/$$l/others.txt ] || awk -v l=$$l 'FILENAME !~ /others.txt$$/ { n = $$2; sub(/[*]$$/, "", n); proved[n] = $$1; next } \
	      { sub(/[()]/, "", $$2); sub(/[()]/, "", $$2); \
	        if ($$1 in proved) { k = "proved in layer " proved[$$1] " (from " $$2 ")" } \
	        else { k = "not proved here (from " $$2 ")" } \
	        f[k] = f[k] (f[k] == "" ? "" : ", ") $$1 } \
	      END { for (k in f) printf "prove: %s: uses, %s: %s\n", l, k, f[k] }' \
	      $(PROVE_TABLES) $(PROVE_DIR)/$$l/others.txt; \
	  done; \
	  for l in $(PROVE_LAYERS); do \
	    awk -v l=$$l 'FILENAME !~ /assumed.txt$$/ { n = $$2; sub(/[*]$$/, "", n); if ($$3 == $$4 && $$3 > 0) proved[n] = $$1; next } \
	      ($$1 in proved) && proved[$$1] != l { k = proved[$$1]; f[k] = f[k] (f[k] == "" ? "" : ", ") $$1 } \
	      END { for (k in f) printf "prove: %s: uses, proved in layer %s (declared only here): %s\n", l, k, f[k] }' \
	      $(PROVE_TABLES) $(PROVE_DIR)/$$l/assumed.txt; \
	  done; \
	  cat $(foreach l,$(PROVE_LAYERS),$(PROVE_DIR)/$(l)/assumed.txt) | sort -u > $(PROVE_DIR)/assumed.txt; \
	  assumed=$$(awk 'FILENAME !~ /assumed.txt$$/ { n = $$2; sub(/[*]$$/, "", n); if ($$3 == $$4 && $$3 > 0) proved[n] = 1; next } !($$1 in proved)' \
	    $(PROVE_TABLES) $(PROVE_DIR)/assumed.txt); \
	  for l in $(PROVE_LAYERS); do for f in $$(cat $(PROVE_DIR)/$$l/pending.txt); do \
	    if grep -q -h "Goal typed_[A-Za-z0-9_]*_call_$${f}_" $(PROVE_DIR)/$$l/*.log; then assumed="$$assumed $$f"; fi; done; done; \
	  assumed=$$(echo $$assumed | tr ' ' '\n' | sort -u | tr '\n' ' ' | sed 's/ $$//'); \
	  axioms=$$(cat $(sort $(foreach l,$(PROVE_LAYERS),$(PROVE_SRC_$(l))) $(SRC_H)) | { grep -o -E '\b(axiom|admit)\b' || true; } | wc -l); \
	  echo "prove: trusted base: $$(echo $$assumed | wc -w) contracts assumed ($$assumed), $$axioms axioms or admitted lemmas"; \
	  for l in $(PROVE_LAYERS); do [ ! -s $(PROVE_DIR)/$$l/pending.txt ] \
	    || echo "prove: $$l: not under proof: $$(tr '\n' ' ' < $(PROVE_DIR)/$$l/pending.txt | sed 's/ $$//; s/ /, /g')"; done; \
	  cat $(PROVE_DIR)/lemmas-summary.txt; \
	  cat $(PROVE_DIR)/bits-summary.txt; \
	  cat $(PROVE_DIR)/broken-summary.txt; \
	  $(if $(PROVE_RACE),,$(prove-stale)) \
	} | tee $(PROVE_DIR)/summary.txt
	@if { cat $(foreach l,$(PROVE_LAYERS),$(PROVE_DIR)/$(l)/failed) 2>/dev/null || true; } | grep -q .; then \
	  for l in $(PROVE_LAYERS); do [ -f $(PROVE_DIR)/$$l/failed ] || continue; \
	    for f in $$(cat $(PROVE_DIR)/$$l/failed); do \
	      echo "prove: $$l: $$f: goals not proved (log: $(PROVE_DIR)/$$l/$$f.log)" >&2; \
	      grep -A2 '^\[wp\] \[Failed\]\|^\[wp\] \[Timeout\]\|^\[wp\] \[Unknown\]' $(PROVE_DIR)/$$l/$$f.log | head -24 >&2; \
	    done; done; \
	  echo "prove: FAILED: some goals are not proved" >&2; exit 1; fi
	@pending=$$(cat $(foreach l,$(PROVE_LAYERS),$(PROVE_DIR)/$(l)/pending.txt) 2>/dev/null | tr '\n' ' ' | sed 's/ $$//'); \
	if [ -n "$$pending" ]; then echo "prove: every goal proved; not under proof: $$pending"; \
	else echo "prove: every goal proved"; fi

# ---------------------------------------------------------------------------
# --- issue 15, book-wide part (2 of 2): facts about 32-bit words, checked
# by Z3 in bit-vector arithmetic.  The contracts read the machine's bit
# fields as arithmetic (bits 31..12 of e are e / 4096); a chapter states
# each such fact that its ACSL relies on as a root
# tests/prove/bits/NAME.smt2, the negation of the fact over 32-bit
# bit-vectors followed by (check-sat), beside the ACSL that relies on it.
# Z3 must answer unsat for each, or make prove fails.  Every axiom of the
# proved sources and headers must have such a file, of its own name: an
# axiom is a fact WP's provers take on trust, and this is where it is
# checked.  The line printed goes into the summary.
PROVE_BITS := $(filter build/tests/prove/bits/%.smt2,$(TANGLED))
PROVE_SRCS  = $(foreach l,$(PROVE_LAYERS),$(PROVE_SRC_$(l)))
.PHONY: _prove-bits
_prove: _prove-bits
_prove-bits: $(PROVE_BITS) $(PROVE_SRCS) $(SRC_H) | _prove-deps
	@mkdir -p $(PROVE_DIR)
	@: > $(PROVE_DIR)/bits.txt; bad=; \
	for f in $(PROVE_BITS); do \
	  r=$$(z3 -T:60 $$f 2>&1 | head -1); \
	  printf '  %-24s %s\n' "$$(basename $$f .smt2)" "$$r" >> $(PROVE_DIR)/bits.txt; \
	  [ "$$r" = unsat ] || bad="$$bad $$(basename $$f .smt2)"; \
	done; \
	axioms=$$(cat $(PROVE_SRCS) $(SRC_H) | { grep -o -E '\baxiom +[A-Za-z_0-9]+' || true; } | sed 's/axiom *//' | sort -u); \
	for a in $$axioms; do [ -f build/tests/prove/bits/$$a.smt2 ] \
	  || { echo "prove: axiom $$a has no check by z3 (a root tests/prove/bits/$$a.smt2)" >&2; bad="$$bad $$a"; }; done; \
	if [ -n "$$bad" ]; then cat $(PROVE_DIR)/bits.txt >&2; echo "prove: bit-level facts not checked by z3:$$bad" >&2; exit 1; fi; \
	echo "prove: $(words $(PROVE_BITS)) facts about 32-bit words checked by z3 (each negation unsat): $(notdir $(basename $(PROVE_BITS)))" \
	  > $(PROVE_DIR)/bits-summary.txt
# --- end of part 2


# The book's counts of ACSL and C lines per layer (the Makefile's rule for
# build/book/gen/prove-numbers.tex, tests/annotcount.sh) read the layers'
# tangled files.
build/book/gen/prove-numbers.tex: $(PROVE_SRCS) $(SRC_H)

# --- A broken allocator, which the prover must refuse (Chapter 4, "A
# broken allocator, refused"): the goals of the behavior not_allocated of
# mem_free_broken in build/src/prove/mem_broken.c, mem_free with a check
# forgotten under mem_free's contract.
# The target fails if WP proves them all; it writes how many it proved and
# the goals it refused to build/prove/broken-summary.txt, for the summary
# and the book.  1 s per goal and prover: the goals meant to fail are
# false (the code breaks the behavior), so no limit would prove them and
# a longer one only costs time, and the others Qed proves in
# milliseconds (measured: at 5 s the run took 25 s of CPU, two cores
# for 14 s, beside the layers' runs; on 2026-12-05, alternated on one
# machine, 6.5 and 6.7 s of CPU at 2 s, 4.2 and 4.7 at 1 s).
PROVE_BROKEN := build/src/prove/mem_broken.c build/src/mem_layout.c
.PHONY: _prove-broken
_prove: _prove-broken
_prove-broken: $(WHY3_CONF) $(PROVE_BROKEN) $(SRC_H)
	@mkdir -p $(PROVE_DIR)/broken
	@log=$(PROVE_DIR)/broken/mem_free.log; \
	$(PROVE_ENV) $(FRAMAC) $(PROVE_BROKEN) $(subst -wp-timeout $(PROVE_TIMEOUT),-wp-timeout 1,$(WP_OPTS)) -wp-prover $(PROVERS) \
	  -wp-fct mem_free_broken -wp-bhv not_allocated > $$log 2>&1 \
	  || { echo "prove: frama-c failed on the broken mem_free, see $$log" >&2; tail -20 $$log >&2; exit 1; }; \
	counts=$$(sed -n 's/^\[wp\] Proved goals: *\([0-9]*\) *\/ *\([0-9]*\).*/\1 \2/p' $$log); \
	set -- $${counts:-0 0}; \
	refused=$$(sed -n 's/^\[wp\] \[\(Failed\|Timeout\|Unknown\)\] Goal typed_mem_free_broken_\([A-Za-z0-9_]*\).*/\2/p' $$log | tr '\n' ' ' | sed 's/ $$//'); \
	if [ "$$2" = 0 ]; then echo "prove: no goals for the broken mem_free, see $$log" >&2; exit 1; fi; \
	if [ "$$1" = "$$2" ]; then echo "prove: WP proved mem_free_broken of build/src/prove/mem_broken.c: a prover that refuses nothing proves nothing" >&2; exit 1; fi; \
	echo "prove: the broken mem_free refused (behavior not_allocated): $$1 of $$2 goals proved, not proved: $$refused" > $(PROVE_DIR)/broken-summary.txt
