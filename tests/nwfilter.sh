#!/bin/sh
# tests/nwfilter.sh -- a noweb filter, run by noweave after -autodefs c and
# before -index (see the Makefile).  autodefs c takes the word before a
# parenthesis or an initializer on an unindented line for a definition, so
# `static inline bool f(...)` also "defines" bool, and the index then links
# every use of bool in the book to that chunk.  Drop definitions of C's own
# keywords and standard type names; they are never ours.
exec sed -E '/^@index (local)?defn (bool|inline|static|const|extern|struct|enum|union|void|char|short|int|long|float|double|signed|unsigned|size_t|ptrdiff_t|u?int(8|16|32|64)_t|u?intptr_t|FILE|NULL|return|sizeof|if|for|while|switch)$/d'
