#!/bin/sh
# tests/nwfilter.sh -- a noweb filter, run by noweave after -autodefs c and
# before -index (see the Makefile).  autodefs c takes the word before a
# parenthesis or an initializer on an unindented line for a definition, so
# `static inline bool f(...)` also "defines" bool, and the index then links
# every use of bool in the book to that chunk.  Drop definitions of C's own
# keywords and standard type names; they are never ours.  Likewise a
# `static frame_t f(` line "locally defines" frame_t: drop local definitions
# of any *_t name (our typedefs are defined, globally, in their headers).
# Finally, a few chunks of statements start with a local declaration at
# the margin (indenting them would indent the tangled code too), and
# autodefs takes those locals for global definitions, linking every k or
# row in the book to them; our global names carry a layer's prefix, so
# these short names are never ours.
# Last, a chunk may define a name twice, once found by autodefs (a
# static function is a `localdefn') and once named in its @ %def line;
# the Defines and Uses lists would then give the chunk's number twice.
# Keep one definition per name and chunk, the global one if there is one.
# And autodefs takes the call of a statement at the margin for a
# definition of what it calls: `printf("...",` or `CU_ASSERT(hw_inv(s));`
# at the start of a line "defines" printf or hw_inv, and the index then
# links every call in the book to that chunk.  A definition's line ends
# in its parameter list or its body, never in `;` or `,`; so a
# definition that autodefs found on a line that starts with a name and a
# parenthesis and ends in `;` or `,` is dropped.
sed -E -e '/^@index (local)?defn (d|g|k|pm|row|map|out|shade|st)$/d' -e '/^@index localdefn [A-Za-z0-9_]*_t$/d' -e '/^@index (local)?defn (bool|inline|static|const|extern|struct|enum|union|void|char|short|int|long|float|double|signed|unsigned|size_t|ptrdiff_t|u?int(8|16|32|64)_t|u?intptr_t|FILE|NULL|return|sizeof|if|for|while|switch)$/d' | awk '
# a call at the margin, not a definition (see above): drop the defn lines
# that autodefs wrote right after it
/^@text [A-Za-z_][A-Za-z0-9_]*[ \t]*\(/ { t = $0; sub(/[ \t]+$/, "", t); call = t ~ /[;,]$/; if (inchunk) buf[++n] = $0; else print; next }
/^@index (local)?defn / && call { next }
{ call = 0 }
function flush(   i, w, k) {
    for (i = 1; i <= n; i++) {
        if (buf[i] ~ /^@index (local)?defn /) {
            split(buf[i], w, " "); k = w[3]
            if (w[2] == "localdefn" && (k in glob)) continue
            if (k in done) continue
            done[k] = 1
        }
        print buf[i]
    }
    n = 0; split("", glob); split("", done)
}
/^@begin / { flush(); inchunk = 1 }
inchunk {
    buf[++n] = $0
    if ($0 ~ /^@index defn /) { split($0, w, " "); glob[w[3]] = 1 }
    if ($0 ~ /^@end /) { flush(); inchunk = 0 }
    next
}
{ print }
END { flush() }'
