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
exec sed -E -e '/^@index (local)?defn (d|k|pm|row|map|shade)$/d' -e '/^@index localdefn [A-Za-z0-9_]*_t$/d' -e '/^@index (local)?defn (bool|inline|static|const|extern|struct|enum|union|void|char|short|int|long|float|double|signed|unsigned|size_t|ptrdiff_t|u?int(8|16|32|64)_t|u?intptr_t|FILE|NULL|return|sizeof|if|for|while|switch)$/d'
