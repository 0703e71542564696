#!/bin/sh
# tests/wpgrade.sh -- grade an exercise by the prover: the half of make
# grade that runs Frama-C/WP, in the book's tree and in a handout.
#
# usage: sh tests/wpgrade.sh CONFIG FRAME ANSWER INCDIR WORKDIR
#   CONFIG   the exercise's tests/grade/ID.wp, tangled from its chapter;
#            lines "KEY: VALUE":
#              prove:   the functions of ANSWER whose every goal must be
#                       proved
#              edit:    what the student writes: "loop" (the loop
#                       annotations, /*@ loop ... */) or "contract F..."
#                       (the contracts of the functions F)
#              timeout: seconds per goal and prover
#   FRAME    the exercise's file as handed out (tests/grade/ID.frame)
#   ANSWER   the student's file, src/ex/ID.c
#   INCDIR   where the library's headers are (with their ACSL)
#   WORKDIR  for the log and Why3's configuration
# An answer passes when
#   1. it is the handed-out file but for what the student may write: with
#      the annotations of kind `edit` cut out of both, and comments and
#      white space ignored, the two are the same; so the contract, the
#      code and everything else the proof rests on are the book's, and no
#      axiom, lemma, ghost code or assertion has been added;
#   2. what the student wrote admits nothing (no `admit`), and a loop
#      answer gives every loop a variant;
#   3. the ACSL that the answer includes holds no axiom and no admitted
#      lemma (the book's headers hold none);
#   4. Frama-C/WP, run as make prove runs it (-wp-rte, unsigned overflow
#      checks, Z3 and CVC4), proves every goal of the functions of `prove`,
#      each goal within the time limit.
# Exit status: 0 when the answer passes, 1 when it does not, 2 on bad
# usage or when the prover's tools are missing.
set -u
[ $# = 5 ] || { echo "usage: wpgrade.sh CONFIG FRAME ANSWER INCDIR WORKDIR" >&2; exit 2; }
config=$1 frame=$2 answer=$3 inc=$4 work=$5
key() { sed -n "s/^$1: *//p" "$config" | head -1; }
fns=$(key prove) edit=$(key edit) timeout=$(key timeout)
[ -n "$fns" ] && [ -n "$edit" ] && [ -n "${timeout:-}" ] \
    || { echo "wpgrade: $config must say prove:, edit: and timeout:" >&2; exit 2; }
missing=
for c in frama-c why3 z3 cvc4 perl; do command -v $c > /dev/null 2>&1 || missing="$missing $c"; done
if [ -n "$missing" ]; then
    echo "wpgrade: this exercise is graded by the prover, and it is not installed (missing:$missing)."
    echo "wpgrade: on Debian 12, as root: apt-get install frama-c-base why3 z3 cvc4"
    exit 2
fi
mkdir -p "$work"

# --- 1 and 2: the answer is the handed-out file but for what it may change.
# cut.pl EDIT FILE OUT EDITED: FILE without #line directives, comments,
# the annotations the student may write (those go to EDITED), and with
# every run of white space one blank, one token a line; in OUT.
cat > "$work/cut.pl" <<'PERL'
my ($edit, $in, $out, $edited) = @ARGV;
open(my $f, '<', $in) or die "wpgrade: cannot read $in\n";
local $/; my $s = <$f>; close $f;
$s =~ s/^#line .*$//mg;
my @fns = split ' ', $edit; my $mode = shift @fns;
my $names = join('|', map { quotemeta } @fns);
my ($kept, $cut) = ('', '');
# Walk the text: annotations /*@ ... */ and //@ ...; other comments; code.
while (length $s) {
    if ($s =~ s{^(/\*@(.*?)\*/)}{}s || $s =~ s{^(//@([^\n]*))}{}) {
        my ($whole, $body) = ($1, $2);
        my $mine = 0;
        if ($mode eq 'loop') { $mine = $body =~ /^\s*(loop|for\s+[\w\s,]+:\s*loop)\b/; }
        elsif ($mode eq 'contract' && $names ne '') {
            $mine = $s =~ /^\s*(?:static\s+)?[\w\s\*]*?\b(?:$names)\s*\(/;
        }
        if ($mine) { $cut .= "$body\n"; } else { $kept .= " $whole "; }
    } elsif ($s =~ s{^/\*.*?\*/}{}s || $s =~ s{^//[^\n]*}{}) {
        $kept .= ' ';
    } elsif ($s =~ s{^("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')}{}) {
        $kept .= $1;
    } else {
        $s =~ s{^([^/"']+|.)}{}s; $kept .= $1;
    }
}
$kept =~ s/\s+/ /g; $kept =~ s/^ //; $kept =~ s/ $//;
$kept =~ s/ ?([;{},()]) ?/\n$1\n/g;
open(my $o, '>', $out) or die; print $o "$kept\n"; close $o;
open(my $e, '>', $edited) or die; print $e $cut; close $e;
PERL
perl "$work/cut.pl" "$edit" "$frame" "$work/frame.cut" "$work/frame.edited" \
    && perl "$work/cut.pl" "$edit" "$answer" "$work/answer.cut" "$work/answer.edited" \
    || { echo "wpgrade: could not read the files" >&2; exit 2; }
what=$(case $edit in loop) echo "its loop annotations";; *) echo "the contracts of ${edit#contract }";; esac)
if ! cmp -s "$work/frame.cut" "$work/answer.cut"; then
    echo "wpgrade: not graded: the answer changes more than $what;"
    echo "wpgrade: the rest of the file (the contracts, the code) must stay as handed out:"
    diff "$work/frame.cut" "$work/answer.cut" | head -20
    exit 1
fi
if grep -n -w 'admit' "$work/answer.edited"; then
    echo "wpgrade: not graded: $what admit what they should prove (above)"; exit 1
fi
if [ "$edit" = loop ]; then
    loops=$(grep -c 'loop *assigns' "$work/answer.edited" || true)
    variants=$(grep -c 'loop *variant' "$work/answer.edited" || true)
    [ "$loops" -gt 0 ] && [ "$variants" -ge "$loops" ] \
        || { echo "wpgrade: not graded: every loop needs its loop assigns and its loop variant"; exit 1; }
fi

# --- 3: nothing of what the answer includes is taken on trust.
if ! cpp -C -I"$inc" "$answer" > "$work/answer.i" 2> "$work/cpp.log"; then
    cat "$work/cpp.log"; echo "wpgrade: not graded: the answer does not preprocess"; exit 1
fi
perl -0777 -ne 'while (m{/\*@(.*?)\*/|//@([^\n]*)}sg) { my $a = defined $1 ? $1 : $2;
    while ($a =~ /\b(axiom\s+\w+|admit\b)/g) { print "$1\n" } }' "$work/answer.i" > "$work/trusted"
if [ -s "$work/trusted" ]; then
    echo "wpgrade: not graded: the ACSL the answer includes takes these on trust:"; cat "$work/trusted"; exit 1
fi

# --- 4: the proof.
conf=$work/why3.conf
if [ ! -s "$conf" ]; then
    why3 config detect -C "$conf.$$" > "$work/why3.log" 2>&1 && mv "$conf.$$" "$conf" \
        || { cat "$work/why3.log"; echo "wpgrade: why3 config detect failed" >&2; exit 2; }
fi
sel=$(echo $fns | tr ' ' ',')
echo; echo "wpgrade: proving $fns (Frama-C/WP, Z3 and CVC4, $timeout s per goal and prover)"
rc=0
WHY3CONFIG=$(cd "$(dirname "$conf")" && pwd)/$(basename "$conf") \
timeout 900 frama-c -cpp-extra-args=-I"$inc" "$answer" \
    -warn-unsigned-overflow -warn-unsigned-downcast \
    -wp -wp-rte -wp-prover z3,cvc4 -wp-timeout "$timeout" -wp-par 2 -wp-cache none \
    -wp-fct "$sel" > "$work/wp.log" 2>&1 || rc=$?
counts=$(sed -n 's/^\[wp\] Proved goals: *\([0-9]*\) *\/ *\([0-9]*\).*/\1 \2/p' "$work/wp.log")
set -- ${counts:-0 0}
if [ $rc != 0 ]; then
    grep -E '^\[kernel\]|error|Error' "$work/wp.log" | head -20
    echo "wpgrade: not proved: Frama-C stopped (exit $rc; log $work/wp.log)"; exit 1
fi
grep -A2 -E '^\[wp\] \[(Failed|Timeout|Unknown|Stepout)\]' "$work/wp.log" | head -30
if [ "$2" = 0 ] || [ "$1" != "$2" ]; then
    echo "wpgrade: not proved: $1 of $2 goals (the goals above fail; log $work/wp.log)"; exit 1
fi
echo "wpgrade: proved: all $2 goals of $fns"
