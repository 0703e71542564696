#!/usr/bin/python3
"""tests/html/weave.py -- the back end of the HTML edition (make html).

Reads the noweb markup stream of all chapters (the same front end and
filters as the PDF: markup | nwedition student | autodefs.c | nwfilter |
finduses | noidx -delay) and writes build/html/: one page per chapter, the
preface, a contents page, a chunk index, an identifier index and the
bibliography.

  documentation chunks  -> LaTeX, lightly rewritten here (labels, refs,
                           exercises, theorems, figures, excerpts), then
                           pandoc -f latex -t html5 --mathml
  citations             -> [n], numbered and ordered as in the PDF (bibtex's
                           book.bbl and the \\bibcite numbers in book.aux),
                           linked to the bibliography page
  code chunks           -> <pre> written here, with anchors and links from
                           noweb's @xref and @index information
  figures               -> every figure body is typeset by pdflatex with the
                           book's preamble, one page each, and converted to
                           SVG by pdftocairo

Numbers (chunks, chapters, sections, figures, tables, theorems, exercises)
are the PDF's: they are counted here, in the PDF's order (chunks moved to
the appendix after the main line), and checked against the labels in
book.aux.

Usage: weave.py MARKUP AUX OUTDIR   (run from the top of the tree, with
TEXINPUTS set as for the book, so that figures find their inputs)
"""
import html
import os
import re
import shutil
import subprocess
import sys

TOP = os.getcwd()


def die(msg):
    sys.exit("html: " + msg)


def esc(s):
    return html.escape(s, quote=True)


# ---------------------------------------------------------------------------
# Reading the markup stream.

class Chunk:
    def __init__(self):
        self.kind = None          # 'docs' or 'code'
        self.file = None          # chapters/NN-slug.nw
        self.lines = []           # the markup lines of the chunk


def read_markup(path):
    """Split the stream into chunks, and collect the two indexes."""
    chunks, cur, fname = [], None, None
    chunk_index, ident_index = [], []
    state = None
    with open(path, encoding='utf-8') as f:
        for raw in f:
            line = raw.rstrip('\n')
            if line.startswith('@file '):
                fname = line[6:]
                continue
            if line == '@xref beginchunks':
                state = 'chunks'
                continue
            if line == '@xref endchunks':
                state = None
                continue
            if line == '@index beginindex':
                state = 'index'
                continue
            if line == '@index endindex':
                state = None
                continue
            if state in ('chunks', 'index'):
                # The chunk index (@xref chunkbegin/chunkuse/chunkdefn) and
                # the identifier index (@index entrybegin/entryuse/entrydefn)
                # have the same shape.
                idx, kind = (chunk_index, 'chunk') if state == 'chunks' else (ident_index, 'entry')
                w = line.split(' ', 3)
                if w[1] == kind + 'begin':
                    idx.append({'label': w[2], 'name': w[3], 'uses': [], 'defs': []})
                elif w[1] == kind + 'use':
                    idx[-1]['uses'].append(w[2])
                elif w[1] == kind + 'defn':
                    idx[-1]['defs'].append(w[2])
                continue
            m = re.match(r'@begin (docs|code) ', line)
            if m:
                cur = Chunk()
                cur.kind, cur.file = m.group(1), fname
                continue
            if re.match(r'@end (docs|code) ', line):
                chunks.append(cur)
                cur = None
                continue
            if cur is not None:
                cur.lines.append(line)
    return chunks, chunk_index, ident_index


def read_aux(path):
    """Chunk numbers (\\newsublabel) and LaTeX labels (\\newlabel)."""
    chunkno, labels = {}, {}
    if not os.path.exists(path):
        return chunkno, labels
    with open(path, encoding='utf-8', errors='replace') as f:
        for line in f:
            m = re.match(r'\\newsublabel\{([^}]*)\}\{\{\}\{([^}]*)\}\}', line)
            if m:
                chunkno[m.group(1)] = m.group(2)
                continue
            m = re.match(r'\\newlabel\{([^}]*)\}\{\{([^{}]*)\}\{([^{}]*)\}\{(.*)\}\{[^{}]*\}\{[^{}]*\}\}\s*$', line)
            if m:
                labels[m.group(1)] = (m.group(2), m.group(4))
    return chunkno, labels


def read_bibcites(path):
    """The numbers bibtex gave the cited works (\\bibcite{key}{n})."""
    nums = {}
    if os.path.exists(path):
        with open(path, encoding='utf-8', errors='replace') as f:
            for line in f:
                m = re.match(r'\\bibcite\{([^}]*)\}\{([^}]*)\}', line)
                if m:
                    nums[m.group(1)] = m.group(2)
    return nums


def bibliography_html(bbl, macros):
    """The PDF's bibliography (bibtex's book.bbl), in its order and with
    its numbers, converted by pandoc in one run."""
    text = open(bbl, encoding='utf-8', errors='replace').read()
    items = re.findall(r'\\bibitem\{([^}]*)\}(.*?)(?=\\bibitem\{|\\end\{thebibliography\})', text, re.S)
    if not items:
        die('no entries in ' + bbl)
    src = '\n\nZZSEPZZ\n\n'.join(re.sub(r'\\newblock\s*', ' ', body).strip() for _, body in items)
    out, err = pandoc(macros + src, None)
    parts = re.split(r'<p>ZZSEPZZ</p>', out)
    if len(parts) != len(items):
        die('bibliography: expected %d entries from pandoc, got %d' % (len(items), len(parts)))
    html = ['<h1>Bibliography</h1>', '<ol class="bib">']
    for n, ((key, _), h) in enumerate(zip(items, parts), 1):
        h = re.sub(r'^\s*<p>|</p>\s*$', '', h.strip())
        html.append('<li id="cite-%s"><span class="bibno">[%d]</span> %s</li>' % (esc(key), n, h))
    html.append('</ol>')
    return '\n'.join(html)


# ---------------------------------------------------------------------------
# The book's pages.

class Page:
    def __init__(self, name, title, kind):
        self.name = name          # file name, e.g. pt.html
        self.title = title
        self.kind = kind          # 'chapter', 'preface', 'index'
        self.number = None        # chapter number
        self.latex = []           # the page's documentation, rewritten
        self.sections = []        # (number, title latex, anchor) for the contents
        self.fig_prefix = None


class Weaver:
    def __init__(self, out, chunkno, auxlabels):
        self.out = out
        self.chunkno = chunkno
        self.auxlabels = auxlabels
        self.bibnum = read_bibcites(os.path.join(TOP, 'build/book/book.aux'))
        self.tokens = []          # token number -> html, or a function returning html
        self.label_page = {}      # LaTeX label or noweb label -> page name
        self.label_num = {}       # LaTeX label -> number we computed
        self.chunk_def = {}       # chunk name -> label of its first definition
        self.chunk_name = {}      # chunk label -> name
        self.figures = []         # (file stem, LaTeX body, local macros)
        self.warnings = []
        self.pages = []
        self.name_html = {}       # chunk name -> its HTML, for names with TeX in them

    # Tokens: plain words that survive pandoc; replaced after it.
    def token(self, payload):
        self.tokens.append(payload)
        return 'ZZT%dZZ' % (len(self.tokens) - 1)

    def block(self, payload):
        return '\n\n' + self.token(payload) + '\n\n'

    def num(self, label):
        if label not in self.chunkno:
            die('no number for chunk ' + label)
        return self.chunkno[label]

    def href(self, label, here):
        page = self.label_page.get(label)
        if page is None:
            return None
        return ('' if page == here else page) + '#' + label

    # --- names of chunks, with [[code]] in them
    def prepare_names(self, names, macros):
        """Chunk names are typeset by LaTeX in the PDF, so a name may hold
        math or macros (\\mach{PMAP}, $A$): convert all such names in one
        pandoc run."""
        texy = sorted(n for n in set(names) if re.search(r'[\\$]', n))
        if not texy:
            return
        quotes = []

        def q(m):
            quotes.append(m.group(1))
            return 'ZZQ%dZZ' % (len(quotes) - 1)
        src = '\n\nZZSEPZZ\n\n'.join(re.sub(r'\[\[(.*?)\]\]', q, n) for n in texy)
        out, err = pandoc(mathfix(macros + src), None)
        if 'Could not convert' in err:
            self.warnings.append('chunk names: ' + err.strip())
        parts = re.split(r'<p>ZZSEPZZ</p>', out)
        if len(parts) != len(texy):
            die('chunk names: expected %d names from pandoc, got %d' % (len(texy), len(parts)))
        for n, h in zip(texy, parts):
            h = re.sub(r'^\s*<p>|</p>\s*$', '', h.strip())
            h = re.sub(r'ZZQ(\d+)ZZ', lambda m: '<code>%s</code>' % esc(quotes[int(m.group(1))]), h)
            self.name_html[n] = h

    def chunk_name_html(self, name):
        if name in self.name_html:
            return self.name_html[name]
        parts = re.split(r'\[\[(.*?)\]\]', name)
        out = []
        for i, p in enumerate(parts):
            out.append('<code>%s</code>' % esc(p) if i % 2 else esc(p))
        return ''.join(out)

    def chunk_ref_html(self, label, here, name=None):
        """<Name N>, linked to the chunk with that label."""
        name = name if name is not None else self.chunk_name.get(label, '?')
        h = self.href(label, here)
        inner = '%s <span class="chunkno">%s</span>' % (self.chunk_name_html(name), self.num(label))
        if h:
            inner = '<a href="%s">%s</a>' % (esc(h), inner)
        return '<span class="chunkref">&#x27E8;%s&#x27E9;</span>' % inner

    def num_links(self, labels, here):
        out = []
        for lb in labels:
            h = self.href(lb, here)
            n = self.num(lb)
            out.append('<a href="%s">%s</a>' % (esc(h), n) if h else n)
        return ', '.join(out)

    # -----------------------------------------------------------------------
    # Code chunks.

    def code_chunk(self, ch, page):
        """Returns a function that makes the chunk's HTML (it needs every
        page's labels, known only at the end)."""
        L = ch.lines
        label = name = None
        notused = False
        prevdef = nextdef = None
        uses = []
        defs_idx = []      # identifiers defined here: (name, [using chunk labels])
        uses_idx = []      # identifiers used here: (name, defining label)
        body = []          # ('text', s) | ('nl',) | ('use', name, target, uselabel) | ('ident', name, target)
        pending_ref = None
        pending_label = None
        pending_ident = None
        i = 0
        in_defs = in_uses = False
        started = False
        cur_isused = []
        while i < len(L):
            line = L[i]
            i += 1
            if line.startswith('@xref label '):
                if label is None:
                    label = line[12:]
                else:
                    pending_label = line[12:]
                continue
            if line.startswith('@xref ref '):
                pending_ref = line[10:]
                continue
            if line.startswith('@defn '):
                name = line[6:]
                continue
            if line.startswith('@xref notused'):
                notused = True
                continue
            if line.startswith('@xref prevdef '):
                prevdef = line[14:]
                continue
            if line.startswith('@xref nextdef '):
                nextdef = line[14:]
                continue
            if line.startswith('@xref useitem '):
                uses.append(line[14:])
                continue
            if line.startswith('@xref '):
                continue
            if line == '@index begindefs':
                in_defs, cur_isused = True, []
                continue
            if line == '@index enddefs':
                in_defs = False
                continue
            if line == '@index beginuses':
                in_uses, cur_isused = True, []
                continue
            if line == '@index enduses':
                in_uses = False
                continue
            if line.startswith('@index isused ') or line.startswith('@index isdefined '):
                cur_isused.append(line.split(' ', 2)[2])
                continue
            if line.startswith('@index defitem '):
                defs_idx.append((line[15:], cur_isused))
                cur_isused = []
                continue
            if line.startswith('@index useitem '):
                uses_idx.append((line[15:], cur_isused))
                cur_isused = []
                continue
            if line.startswith('@index use '):
                pending_ident = (line[11:], pending_ref)
                pending_ref = None
                continue
            if line.startswith('@index defn ') or line.startswith('@index localdefn '):
                pending_ref = None
                continue
            if line.startswith('@index '):
                continue
            if line.startswith('@use '):
                body.append(('use', line[5:], pending_ref, pending_label))
                pending_ref = pending_label = None
                continue
            if line.startswith('@text '):
                t = line[6:]
                if pending_ident and t == pending_ident[0]:
                    body.append(('ident', t, pending_ident[1]))
                else:
                    body.append(('text', t))
                pending_ident = None
                continue
            if line == '@nl':
                if name is not None and not body and not started:
                    started = True      # the end of the <<name>>= line
                else:
                    body.append(('nl',))
                continue
        if label is None:
            die('a code chunk without a label in ' + str(ch.file))
        if name is None or name.startswith('solution '):
            die('the solution chunk <<%s>> reached the reader\'s edition (%s)' % (name, ch.file))
        self.label_page[label] = page.name
        for b in body:
            if b[0] == 'use' and b[3]:
                self.label_page[b[3]] = page.name
        self.chunk_name[label] = name
        self.chunk_def.setdefault(name, label)
        is_cont = prevdef is not None

        def render(here=page.name):
            n = self.num(label)
            head = ['<div class="chunkhead"><a class="chunkanchor" href="#%s">%s</a> '
                    % (esc(label), n)]
            head.append('<span class="chunkdef">&#x27E8;%s <span class="chunkno">%s</span>&#x27E9;%s</span>'
                        % (self.chunk_name_html(name), n, '+&#x2261;' if is_cont else '&#x2261;'))
            nav = []
            if uses:
                nav.append('(used in %s)' % self.num_links(uses, here))
            if prevdef:
                nav.append('<a class="prevdef" href="%s" title="previous part">&#x25C1; %s</a>'
                           % (esc(self.href(prevdef, here)), self.num(prevdef)))
            if nextdef:
                nav.append('<a class="nextdef" href="%s" title="continued in">%s &#x25B7;</a>'
                           % (esc(self.href(nextdef, here)), self.num(nextdef)))
            if nav:
                head.append(' <span class="chunknav">%s</span>' % ' '.join(nav))
            head.append('</div>')
            code = []
            for b in body:
                if b[0] == 'text':
                    code.append(esc(b[1]))
                elif b[0] == 'nl':
                    code.append('\n')
                elif b[0] == 'ident':
                    h = self.href(b[2], here) if b[2] else None
                    if h:
                        code.append('<a class="ident" href="%s">%s</a>' % (esc(h), esc(b[1])))
                    else:
                        code.append(esc(b[1]))
                elif b[0] == 'use':
                    s = self.chunk_ref_html(b[2], here, b[1])
                    if b[3]:
                        s = '<span id="%s">%s</span>' % (esc(b[3]), s)
                    code.append(s)
            text = ''.join(code)
            if text.endswith('\n'):
                text = text[:-1]
            foot = []
            if notused:
                if re.match(r'(src|tests)/', name):
                    foot.append('Root chunk: written to <code>build/%s</code>.' % esc(name))
                else:
                    foot.append('Root chunk (not used in this book).')
            if defs_idx:
                items = []
                for nm, users in defs_idx:
                    s = '<code>%s</code>' % esc(nm)
                    if users:
                        s += ', used in %s' % self.num_links(users, here)
                    else:
                        s += ', not used here'
                    items.append(s)
                foot.append('Defines: ' + '; '.join(items) + '.')
            if uses_idx:
                items = []
                for nm, d in uses_idx:
                    s = '<code>%s</code>' % esc(nm)
                    if d:
                        s += ' ' + self.num_links(d, here)
                    items.append(s)
                foot.append('Uses: ' + ', '.join(items) + '.')
            return ('<div class="chunk" id="%s">\n%s\n<pre class="code"><code>%s</code></pre>\n%s</div>'
                    % (esc(label), ''.join(head), text,
                       ('<div class="chunkfoot">%s</div>\n' % '<br>'.join(foot)) if foot else ''))
        return render

    # -----------------------------------------------------------------------
    # Documentation chunks: the text, with [[quoted code]] as tokens.

    def docs_text(self, ch, page):
        out = []
        quote = None
        pending_ref = None
        pending_ident = None
        for line in ch.lines:
            if line == '@quote':
                quote = []
                continue
            if line == '@endquote':
                parts = quote
                quote = None

                def qhtml(parts=parts, here=page.name):
                    s = []
                    for p in parts:
                        if p[0] == 'ident':
                            h = self.href(p[2], here) if p[2] else None
                            s.append('<a class="ident" href="%s">%s</a>' % (esc(h), esc(p[1])) if h else esc(p[1]))
                        else:
                            s.append(esc(p[1]))
                    return '<code>%s</code>' % ''.join(s)
                out.append(self.token(qhtml))
                continue
            if line.startswith('@xref ref '):
                pending_ref = line[10:]
                continue
            if line.startswith('@index use '):
                pending_ident = (line[11:], pending_ref)
                continue
            if line.startswith('@text '):
                t = line[6:]
                if quote is not None:
                    if pending_ident and pending_ident[0] == t:
                        quote.append(('ident', t, pending_ident[1]))
                    else:
                        quote.append(('text', t))
                else:
                    out.append(t)
                pending_ident = pending_ref = None
                continue
            if line == '@nl':
                if quote is not None:
                    quote.append(('text', ' '))
                else:
                    out.append('\n')
                continue
        return ''.join(out)


# ---------------------------------------------------------------------------
# Rewriting the LaTeX of the documentation before pandoc sees it.

def strip_comments(s):
    out = []
    for line in s.split('\n'):
        if re.match(r'^\s*%', line):
            continue
        out.append(re.sub(r'(?<!\\)%.*$', '', line))
    return '\n'.join(out)


def braced(s, i):
    """s[i] is '{': return (content, index after the closing brace)."""
    assert s[i] == '{', s[i:i + 20]
    depth = 0
    j = i
    while j < len(s):
        c = s[j]
        if c == '\\':
            j += 2
            continue
        if c == '{':
            depth += 1
        elif c == '}':
            depth -= 1
            if depth == 0:
                return s[i + 1:j], j + 1
        j += 1
    die('unbalanced braces near: ' + s[i:i + 60])


def args(s, i, n, opt=False):
    """Parse [opt] and n braced arguments at s[i:], skipping spaces."""
    o = None
    while i < len(s) and s[i] in ' \t\n':
        i += 1
    if opt and i < len(s) and s[i] == '[':
        j = s.index(']', i)
        o = s[i + 1:j]
        i = j + 1
    res = []
    for _ in range(n):
        while i < len(s) and s[i] in ' \t\n':
            i += 1
        a, i = braced(s, i)
        res.append(a)
    return o, res, i


def plain(tex):
    """A crude plain-text rendering of a short LaTeX title (from book.aux)."""
    t = re.sub(r'\\[a-zA-Z]+\s*', '', tex)
    return re.sub(r'[{}$~]', lambda m: ' ' if m.group(0) == '~' else '', t).strip()


def mathfix(s):
    """Say what the book's math says in the TeX that pandoc's math reader
    (texmath) knows: \\Bigl( is \\Big(, \\tbinom is a text-style \\binom,
    no \\hspace, no text-mode font commands inside \\text{...}, and the
    spacing of \\mathrel and \\mathbin spelt out."""
    s = re.sub(r'\\(Big|big|Bigg|bigg)[lr]\b', r'\\\1', s)
    s = re.sub(r'\\tbinom\s*(\{[^{}]*\}|\w)\s*(\{[^{}]*\}|\w)',
               lambda m: '{\\textstyle\\binom{%s}{%s}}' % (m.group(1).strip('{}'), m.group(2).strip('{}')), s)
    s = re.sub(r'\\hspace\*?\{[^{}]*\}', '', s)
    s = re.sub(r'\\textcircled\{(?:\\scriptsize\s*)?([1-9])\}', lambda m: chr(0x245F + int(m.group(1))), s)
    # \\mathrel{X} and \\mathbin{X}: texmath drops the spacing of the class.
    out, i = [], 0
    for m in re.finditer(r'\\math(rel|bin)\{', s):
        if m.start() < i:
            continue
        inner, e = braced(s, m.end() - 1)
        sp = '\\;' if m.group(1) == 'rel' else '\\:'
        out.append(s[i:m.start()] + '%s{%s}%s' % (sp, inner, sp))
        i = e
    out.append(s[i:])
    s = ''.join(out)
    out, i = [], 0
    for m in re.finditer(r'\\text\{', s):
        if m.start() < i:
            continue
        inner, e = braced(s, m.end() - 1)
        if '\\textsf' in inner or '\\mach' in inner:
            inner = re.sub(r'\\(textsf|mach)\{([^{}]*)\}', r'}\\mathsf{\2}\\text{', inner)
            out.append(s[i:m.start()] + '\\text{' + inner + '}')
            i = e
    out.append(s[i:])
    return ''.join(out)


class Rewriter:
    """One page's LaTeX, rewritten into what pandoc reads well."""

    def __init__(self, w, page, macros, figmacros=''):
        self.w, self.page, self.macros = w, page, macros
        self.figmacros = figmacros
        self.sec = self.subsec = 0
        self.thm = self.fig = self.tab = self.ex = 0
        self.env_stack = []
        self.last_num = None      # what a \label right here refers to
        # Inside a block of scaffolding (%scaffold ... %endscaffold), which
        # the PDF moves to an appendix: the appendix's letter, and the
        # chapter's counters to go back to at the block's end.
        self.app_prefix = None
        self.saved = None
        self.app_counts = {}      # an appendix's letter -> its counters

    def prefix(self):
        return '%s.' % self.base() if self.base() else ''

    def label(self, name, num=None):
        w = self.w
        w.label_page[name] = self.page.name
        num = num if num is not None else self.last_num
        if num is not None:
            w.label_num[name] = num
        return w.token('<span class="label" id="%s"></span>' % esc(name))

    def cite(self, keys, note):
        """[n] or [n, m, note], numbered and linked as in the PDF's
        bibliography (bibtex's numbers, from book.aux)."""
        parts = []
        for k in keys:
            n = self.w.bibnum.get(k)
            if n is None:
                self.w.warnings.append('undefined reference: citation %s' % k)
                parts.append('<span class="undef">?%s</span>' % esc(k))
            else:
                parts.append('<a href="bib.html#cite-%s">%s</a>' % (esc(k), esc(n)))
        if note:
            parts.append(esc(plain(note)))
        return self.w.token('<span class="cite">[%s]</span>' % ', '.join(parts))

    def ref(self, name):
        w, here = self.w, self.page.name

        def f():
            num = w.auxlabels.get(name, (w.label_num.get(name, '??'),))[0]
            h = w.href(name, here)
            if h is None:
                w.warnings.append('undefined reference %s on %s' % (name, here))
                return '<span class="badref">??</span>'
            return '<a class="ref" href="%s">%s</a>' % (esc(h), esc(num))
        return w.token(f)

    def nameref(self, name):
        w, here = self.w, self.page.name

        def f():
            t = plain(w.auxlabels.get(name, ('', name))[1])
            h = w.href(name, here)
            return '<a class="ref" href="%s">%s</a>' % (esc(h), esc(t)) if h else esc(t)
        return w.token(f)

    def rewrite(self, s):
        # The markers of tests/nwscaffold.sh are comments, which go; the
        # HTML keeps the blocks in place but numbers them as the PDF does.
        s = re.sub(r'(?m)^%scaffold(\{.*\})[ \t]*$', r'\\bvmmscaffold\1', s)
        s = re.sub(r'(?m)^%endscaffold\b.*$', r'\\bvmmendscaffold', s)
        s = strip_comments(s)
        s = prove_numbers(s)
        s = bench_numbers(s)
        out = []
        i = 0
        pat = re.compile(r'\\(bvmmscaffold|bvmmendscaffold|'
                         r'chapter|section|subsection|label|ref|nameref|chunkref|terminalinput|builds|'
                         r'cite|begin|end|qed|input)\b\*?')
        while True:
            m = pat.search(s, i)
            if not m:
                out.append(s[i:])
                break
            out.append(s[i:m.start()])
            cmd = m.group(1)
            star = m.group(0).endswith('*')
            j = m.end()
            if cmd == 'bvmmscaffold':
                _, (name, title), j = args(s, j, 2)
                self.open_block(name, title, out)
            elif cmd == 'bvmmendscaffold':
                self.close_block()
            elif cmd in ('chapter', 'section', 'subsection'):
                _, (title,), j = args(s, j, 1, opt=True)
                if cmd == 'chapter':
                    num = None if star or not self.page.number else str(self.page.number)
                    lvl = 'chapter'
                elif cmd == 'section':
                    if not star:
                        self.sec += 1
                        self.subsec = 0
                    num = None if star or not self.base() else '%s.%d' % (self.base(), self.sec)
                    lvl = 'section'
                else:
                    if not star:
                        self.subsec += 1
                    num = None if star or not self.base() else '%s.%d.%d' % (self.base(), self.sec, self.subsec)
                    lvl = 'subsection'
                self.last_num = num
                tok = self.w.token('<span class="secno">%s</span> ' % num) if num else ''
                if lvl == 'chapter' and num:
                    tok = self.w.token('<span class="secno">Chapter %s</span><br>' % num)
                if lvl == 'section':
                    self.page.sections.append((num, title))
                out.append('\n\n\\%s*{%s%s}\n\n' % (lvl, tok, title))
            elif cmd == 'label':
                _, (name,), j = args(s, j, 1)
                if self.env_stack and self.env_stack[-1][0] in ('figure', 'table'):
                    self.env_stack[-1][1]['label'] = name
                    self.w.label_page[name] = self.page.name
                    self.w.label_num[name] = self.last_num
                else:
                    if self.page.sections and self.last_num and not self.env_stack \
                            and self.page.sections[-1][0] == self.last_num and len(self.page.sections[-1]) == 2:
                        self.page.sections[-1] = self.page.sections[-1] + (name,)
                    out.append(self.label(name))
            elif cmd == 'cite':
                note, (keys,), j = args(s, j, 1, opt=True)
                out.append(self.cite([k.strip() for k in keys.split(',')], note))
            elif cmd == 'ref':
                _, (name,), j = args(s, j, 1)
                out.append(self.ref(name))
            elif cmd == 'nameref':
                _, (name,), j = args(s, j, 1)
                out.append(self.nameref(name))
            elif cmd == 'chunkref':
                _, (name,), j = args(s, j, 1)
                # The prose may write code in a chunk's name as
                # \texttt{a\_b} where the chunk itself says [[a_b]].
                name = re.sub(r'\\texttt\{([^{}]*)\}',
                              lambda m: '[[' + m.group(1).replace('\\_', '_') + ']]', name)
                w, here = self.w, self.page.name
                out.append(w.token(lambda name=name, here=here:
                                   w.chunk_ref_html(w.chunk_def[name], here, name) if name in w.chunk_def
                                   else '<span class="chunkref">&#x27E8;%s&#x27E9;</span>' % esc(name)))
            elif cmd == 'terminalinput':
                _, (name,), j = args(s, j, 1)
                path = os.path.join(TOP, 'build/book/excerpts', name + '.txt')
                try:
                    with open(path, encoding='utf-8', errors='replace') as f:
                        txt = f.read()
                except OSError:
                    die('no excerpt %s (build/book/excerpts/%s.txt)' % (name, name))
                out.append(self.w.block('<pre class="terminal">%s</pre>' % esc(txt.rstrip('\n'))))
            elif cmd == 'builds':
                _, (deps,), j = args(s, j, 1)
                deps = [d.strip() for d in deps.split(',') if d.strip()]
                if deps:
                    items = ['Chapter~%s (%s)' % (self.ref('ch:' + d), self.nameref('ch:' + d)) for d in deps]
                    out.append('\n\n\\emph{Builds on %s.}\n\n' % ', '.join(items))
            elif cmd == 'qed':
                out.append('\u220e')
            elif cmd == 'input':
                _, (name,), j = args(s, j, 1)
                die('\\input{%s} outside a figure on %s' % (name, self.page.name))
            elif cmd == 'begin':
                _, (env,), j = args(s, j, 1)
                j = self.begin(env, s, j, out)
            elif cmd == 'end':
                _, (env,), j = args(s, j, 1)
                self.end(env, out)
            i = j
        return ''.join(out)

    def begin(self, env, s, j, out):
        w = self.w
        if env == 'exercise':
            _, (eid, title, diff, kind), j = args(s, j, 4)
            self.ex += 1
            num = '%s%d' % (self.prefix(), self.ex)
            saved, self.last_num = self.last_num, num
            w.label_page['ex:' + eid] = self.page.name
            w.label_num['ex:' + eid] = num
            stars = '\u2605' * int(diff)
            kindtxt = 'programming' if kind == 'code' else 'pencil and paper'
            out.append(w.block('<div class="exercise" id="%s">' % esc('ex:' + eid)))
            out.append('\\textbf{Exercise %s}\\ (%s)\\ \\textbf{%s}%s\n\n' % (
                num, stars, title, w.token(' <span class="exkind">%s [%s]</span>' % (kindtxt, esc(eid)))))
            self.env_stack.append((env, {'last_num': saved}))
        elif env in ('theorem', 'lemma', 'definition', 'proof', 'remark'):
            o, _, j = args(s, j, 0, opt=True)
            saved = self.last_num
            if env == 'proof':
                head = '\\emph{%s.}' % (o or 'Proof')
            elif env == 'remark':
                head = '\\emph{Remark.}'
            else:
                self.thm += 1
                num = '%s%d' % (self.prefix(), self.thm)
                self.last_num = num
                head = '\\textbf{%s %s}' % (env.capitalize(), num)
                if o:
                    head += ' (%s)' % o
                head += '.'
            out.append(w.block('<div class="%s">' % env))
            out.append(head + ' ')
            self.env_stack.append((env, {'last_num': saved}))
        elif env in ('figure', 'table', 'longtable'):
            _, spec, j = args(s, j, 1 if env == 'longtable' else 0, opt=True)
            end = '\\end{%s}' % env
            k = s.index(end, j)
            body = s[j:k]
            if env == 'longtable':
                # A table that breaks across pages in the PDF: on a web
                # page it is one table, so the head repeated on each
                # later page (\endfirsthead ... \endhead) goes, and the
                # row that ends the caption and label; the rest is a
                # tabular with the same columns.
                body = re.sub(r'\\endfirsthead.*?\\endhead', '', body, flags=re.S)
                body = re.sub(r'(\\label\{[^}]*\})\s*\\\\', r'\1', body)
                body = '\\begin{tabular}{%s}%s\\end{tabular}' % (spec[0], body)
                env = 'table'
            if env == 'figure':
                self.fig += 1
                num = '%s%d' % (self.prefix(), self.fig)
            else:
                self.tab += 1
                num = '%s%d' % (self.prefix(), self.tab)
            # (its \label is taken out below; a \label after the float
            # names the section again, as in LaTeX)
            # caption and label out of the body
            cap = ''
            m = re.search(r'\\caption\b', body)
            if m:
                _, (cap,), e = args(body, m.end(), 1)
                body = body[:m.start()] + body[e:]
            lab = None
            m = re.search(r'\\label\{([^}]*)\}', body)
            if m:
                lab = m.group(1)
                body = body[:m.start()] + body[m.end():]
                w.label_page[lab] = self.page.name
                w.label_num[lab] = num
            anchor = lab or '%s-%s' % (env, num)
            what = 'Figure' if env == 'figure' else 'Table'
            caption = '\\textbf{%s %s.} %s' % (what, num, self.rewrite_inner(cap))
            if env == 'figure':
                body = re.sub(r'\\centering\b', '', body).strip()
                stem = '%s-%s' % (self.page.fig_prefix, num.replace('.', '-'))
                w.figures.append((stem, body, self.figmacros))
                out.append(w.block('<figure class="figure" id="%s"><img src="fig/%s.svg" alt="%s %s">'
                                   '<figcaption>' % (esc(anchor), stem, what, num)))
                out.append(caption)
                out.append(w.block('</figcaption></figure>'))
            else:
                body = re.sub(r'\\centering\b', '', body)
                out.append(w.block('<div class="table" id="%s"><div class="caption">' % esc(anchor)))
                out.append(caption)
                out.append(w.block('</div>'))
                out.append(self.rewrite_inner(body))
                out.append(w.block('</div>'))
            j = k + len(end)
        elif env == 'terminal':
            k = s.index('\\end{terminal}', j)
            txt = s[j:k].strip('\n')
            out.append(w.block('<pre class="terminal">%s</pre>' % esc(txt)))
            j = k + len('\\end{terminal}')
        elif env in ('verbatim',):
            k = s.index('\\end{verbatim}', j)
            out.append('\\begin{verbatim}' + s[j:k] + '\\end{verbatim}')
            j = k + len('\\end{verbatim}')
        elif env == 'solution':
            die('a solution reached the reader\'s edition on %s' % self.page.name)
        else:
            out.append('\\begin{%s}' % env)
        return j

    def end(self, env, out):
        w = self.w
        if env in ('exercise', 'theorem', 'lemma', 'definition', 'proof', 'remark'):
            if not self.env_stack or self.env_stack[-1][0] != env:
                die('\\end{%s} does not match on %s' % (env, self.page.name))
            # after the environment, a \label names what it named before
            self.last_num = self.env_stack.pop()[1].get('last_num', self.last_num)
            if env == 'proof':
                out.append(w.token(' <span class="qed">\u220e</span>'))
            out.append(w.block('</div>'))
        else:
            out.append('\\end{%s}' % env)

    def base(self):
        """What a section's number starts with: the chapter's number, or
        in a block of scaffolding the letter of its appendix in the PDF."""
        return self.app_prefix if self.app_prefix else self.page.number

    def open_block(self, name, title, out):
        """A block of scaffolding: in the PDF a section of the appendix
        "Behind Chapter N" (its number is in book.aux), and the sections in
        it the next ones of that appendix; here a heading with that
        number, where the chapter file has the block."""
        self.close_block()
        self.saved = (self.sec, self.subsec, self.last_num, self.counters())
        num = self.w.auxlabels.get(name, (None,))[0]
        m = re.match(r'^([A-Z]+)\.(\d+)$', num or '')
        if m:
            self.app_prefix, self.sec, self.subsec = m.group(1), int(m.group(2)), 0
            self.set_counters(self.app_counts.get(self.app_prefix, (0, 0, 0, 0)))
        else:
            self.app_prefix = None
        self.last_num = num if m else None
        # the PDF's sign for what is behind the chapters, then the number
        tok = self.w.token('<span class="secno" title="behind the chapter in the printed book">'
                           '\u25b7 %s</span> ' % num) if m else ''
        self.page.sections.append((num, title, name) if m else (None, title, name))
        out.append('\n\n\\section*{%s%s}\n\n' % (tok, self.rewrite_inner(title)))
        out.append(self.label(name, num if m else None))

    def counters(self):
        return (self.thm, self.fig, self.tab, self.ex)

    def set_counters(self, c):
        self.thm, self.fig, self.tab, self.ex = c

    def close_block(self):
        """The end of a block of scaffolding: the appendix keeps its
        counters for the chapter's next block, and the chapter's come back."""
        if self.saved is None:
            return
        if self.app_prefix:
            self.app_counts[self.app_prefix] = self.counters()
        self.sec, self.subsec, self.last_num, c = self.saved
        self.set_counters(c)
        self.app_prefix = self.saved = None

    def rewrite_inner(self, s):
        r = Rewriter(self.w, self.page, self.macros, self.figmacros)
        r.page = self.page
        r.last_num = self.last_num
        r.env_stack = []
        r.sec, r.subsec = self.sec, self.subsec
        r.app_prefix, r.saved = self.app_prefix, self.saved
        t = r.rewrite(s)
        return t


# ---------------------------------------------------------------------------
# The preamble's notation macros, for pandoc and for the figures.

def prove_numbers(s):
    """make prove's numbers (\\provegoals{L}{F} and kin, book/preamble.tex),
    from build/book/gen/prove-numbers.tex; "?" where make prove has not run."""
    if '\\prove' not in s:
        return s
    nums, defs = {}, {'provewhen': 'no run: \\texttt{make prove} has not run in this build, '
                                   "and its numbers read ``?''",
                      'provetools': '?', 'provetrusted': '?', 'provebits': '?',
                      'provewall': '?', 'provecpu': '?', 'proveqed': '?', 'proveprover': '?',
                      'provebrokenproved': '?', 'provebrokengoals': '?', 'provebrokenfailed': '?'}
    try:
        with open(os.path.join(TOP, 'build/book/gen/prove-numbers.tex'), encoding='utf-8') as f:
            for line in f:
                m = re.match(r'\\provenumber\{([^}]*)\}\{([^}]*)\}\{([^}]*)\}\{([^}]*)\}', line)
                if m:
                    nums[(m.group(1), m.group(2))] = (m.group(3), m.group(4))
                m = re.match(r'\\proveannot\{([^}]*)\}\{([^}]*)\}\{([^}]*)\}', line)
                if m:
                    nums[(m.group(1), 'acsl')] = (m.group(2), m.group(2))
                    nums[(m.group(1), 'c')] = (m.group(3), m.group(3))
                m = re.match(r'\\def\\(prove[a-z]+)\{(.*)\}\s*$', line)
                if m:
                    defs[m.group(1)] = m.group(2)
    except OSError:
        pass
    s = re.sub(r'\\prove(goals|seconds)\{([^}]*)\}\{([^}]*)\}',
               lambda m: nums.get((m.group(2), m.group(3)), ('?', '?'))[m.group(1) == 'seconds'], s)
    s = re.sub(r'\\prove(acsl|c)\{([^}]*)\}',
               lambda m: nums.get((m.group(2), m.group(1)), ('?', '?'))[0], s)
    return re.sub(r'\\(provewhen|provetools|provetrusted|provebits|provebrokenproved'
                  r'|provebrokengoals|provebrokenfailed|provewall|provecpu|proveqed|proveprover)\b(\{\})?',
                  lambda m: defs[m.group(1)], s)


def bench_numbers(s):
    """the benchmark's numbers (\\benchns{ROW} and kin, book/preamble.tex),
    from build/book/gen/bench-numbers.tex; "?" where a run did not give them."""
    if '\\bench' not in s:
        return s
    rows, defs = {}, {}
    try:
        with open(os.path.join(TOP, 'build/book/gen/bench-numbers.tex'), encoding='utf-8') as f:
            for line in f:
                m = re.match(r'\\benchrow\{([^}]*)\}\{([^}]*)\}\{([^}]*)\}\{([^}]*)\}', line)
                if m:
                    rows[m.group(1)] = {'ops': m.group(2), 'ns': m.group(3), 'ratio': m.group(4)}
                m = re.match(r'\\benchdef\{([^}]*)\}\{(.*)\}\s*$', line)
                if m:
                    defs[m.group(1)] = m.group(2)
    except OSError:
        pass
    s = re.sub(r'\\bench(ops|ns|ratio)\{([^}]*)\}',
               lambda m: rows.get(m.group(2), {}).get(m.group(1), '?'), s)
    return re.sub(r'\\bench\{([^}]*)\}', lambda m: defs.get(m.group(1), '?'), s)


def notation_macros(preamble):
    keep = []
    skip = ('chunkref', 'terminalinput', 'exstars', 'exkind', 'builds',
            'scaffoldappendix', 'scaffoldchapter', 'scaffoldblock',
            'scaffoldmoved')   # the PDF's alone: the HTML keeps chunks in place
    for line in preamble.split('\n'):
        m = re.match(r'\\newcommand\{\\([A-Za-z]+)\}', line)
        if m and m.group(1) not in skip:
            keep.append(re.sub(r'(?<!\\)%.*$', '', line))
    return '\n'.join(keep) + '\n'


def local_macros(tex):
    """A chapter's own \\providecommand lines (for its figures)."""
    return '\n'.join(re.sub(r'(?<!\\)%.*$', '', l) for l in tex.split('\n')
                     if re.match(r'\s*\\(provide|new)command', l)) + '\n'


# ---------------------------------------------------------------------------
# Figures: one pdflatex run, one page per figure, then SVG.

def make_figures(w, out):
    figdir = os.path.join(out, 'fig')
    work = os.path.join(TOP, 'build/html-work')
    os.makedirs(figdir, exist_ok=True)
    os.makedirs(work, exist_ok=True)
    doc = ['\\documentclass[11pt]{book}', '\\input{preamble}',
           '\\usepackage[active,tightpage]{preview}', '\\setlength\\PreviewBorder{4pt}',
           '\\pagestyle{empty}', '\\begin{document}']
    for stem, body, macros in w.figures:
        doc.append('\\begin{preview}\\begingroup %s\n%s\n\\endgroup\\end{preview}\n' % (macros, body))
    doc.append('\\end{document}\n')
    text = '\n'.join(doc)
    src = os.path.join(work, 'figures.tex')
    stems = [f[0] for f in w.figures]
    old = open(src, encoding='utf-8').read() if os.path.exists(src) else None
    have = all(os.path.exists(os.path.join(figdir, s + '.svg')) for s in stems)
    if old == text and have:
        return
    with open(src, 'w', encoding='utf-8') as f:
        f.write(text)
    r = subprocess.run(['pdflatex', '-interaction=nonstopmode', '-halt-on-error',
                        '-output-directory', work, src], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, cwd=TOP)
    if r.returncode != 0:
        sys.stderr.write(r.stdout.decode('utf-8', 'replace')[-3000:])
        die('pdflatex failed on the figures (build/html-work/figures.log)')
    pdf = os.path.join(work, 'figures.pdf')
    for k, stem in enumerate(stems, 1):
        subprocess.run(['pdftocairo', '-svg', '-f', str(k), '-l', str(k), pdf,
                        os.path.join(figdir, stem + '.svg')], check=True)


# ---------------------------------------------------------------------------
# Pages.

def pandoc(latex, bib):
    cmd = ['pandoc', '-f', 'latex', '-t', 'html5', '--mathml', '--wrap=none',
           '--top-level-division=chapter']
    if bib and '\\cite' in latex:
        cmd += ['--citeproc', '--bibliography', bib, '-M', 'link-citations=true']
    r = subprocess.run(cmd, input=latex.encode('utf-8'), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    err = r.stderr.decode('utf-8', 'replace')
    if r.returncode != 0:
        die('pandoc failed: ' + err)
    return r.stdout.decode('utf-8'), err


def fill_tokens(w, text):
    def val(n):
        p = w.tokens[int(n)]
        return p() if callable(p) else p
    text = re.sub(r'<p>\s*ZZT(\d+)ZZ\s*</p>', lambda m: val(m.group(1)), text)
    # A heading's token: pandoc may have made an id out of it; keep the number.
    text = re.sub(r'ZZT(\d+)ZZ', lambda m: val(m.group(1)), text)
    return text


def fence_spacing(text):
    """Parentheses and brackets in MathML are fences that take no space of
    their own, as in TeX, and (texmath makes every matched pair stretchy)
    they do not grow unless TeX said so; say both, for browsers that pad
    and stretch them."""
    def fix(m):
        attrs = m.group(1)
        if 'minsize' not in attrs:
            attrs = attrs.replace('stretchy="true"', 'stretchy="false"')
        if 'lspace' not in attrs:
            attrs = ' lspace="0em" rspace="0em"' + attrs
        return '<mo%s>%s</mo>' % (attrs, m.group(2))
    return re.sub(r'<mo((?: [a-z]+="[^"]*")*)>([()\[\]{}|\u27e8\u27e9])</mo>', fix, text)


def nav(pages, k):
    prev = pages[k - 1] if k > 0 else None
    nxt = pages[k + 1] if k + 1 < len(pages) else None
    items = []
    items.append('<a class="prev" rel="prev" href="%s">&#x2190; %s</a>' % (prev.name, esc(prev.title))
                 if prev else '<span class="prev"></span>')
    items.append('<a class="contents" href="index.html">Contents</a>')
    items.append('<a class="next" rel="next" href="%s">%s &#x2192;</a>' % (nxt.name, esc(nxt.title))
                 if nxt else '<span class="next"></span>')
    return '<nav class="pagenav">%s</nav>' % ''.join(items)


def write_page(out, pages, k, body):
    p = pages[k]
    doc = ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
           '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
           '<title>%s \u2014 BabyVMM</title>\n<link rel="stylesheet" href="style.css">\n'
           '</head>\n<body class="%s">\n%s\n<main>\n%s\n</main>\n%s\n</body>\n</html>\n'
           % (esc(p.title), p.kind, nav(pages, k), body, nav(pages, k)))
    with open(os.path.join(out, p.name), 'w', encoding='utf-8') as f:
        f.write(doc)


def main():
    if len(sys.argv) != 4:
        die('usage: weave.py MARKUP AUX OUTDIR')
    markup, aux, out = sys.argv[1:]
    os.makedirs(out, exist_ok=True)
    chunkno, auxlabels = read_aux(aux)
    chunks, chunk_index, ident_index = read_markup(markup)
    w = Weaver(out, chunkno, auxlabels)
    # Chunk numbers.  The PDF numbers its code chunks in its own order: the
    # main line of every chapter, then the blocks of scaffolding that
    # tests/nwscaffold.sh moved to the appendix, in the order of the
    # chapters.  A moved chunk's noweb label in the PDF is not its label
    # here: noweb's labels carry a digest of the file a chunk stands in,
    # and in the PDF the moved chunks stand after the last chapter.  So the
    # numbers are counted here, in the PDF's order, with the blocks told
    # apart as nwscaffold tells them (a documentation chunk whose first
    # line of text starts %scaffold{ opens one, %endscaffold closes it);
    # book.aux, where the PDF has been built, checks the count, and the
    # number of every chunk of the main line, whose labels the two streams
    # share.
    main_line, moved, inblock = [], [], False
    for ch in chunks:
        if ch.kind == 'docs':
            first = next((l[6:] for l in ch.lines
                          if l.startswith('@text ') and l[6:].strip()), '')
            if first.startswith('%scaffold{'):
                inblock = True
            elif first.startswith('%endscaffold'):
                inblock = False
            continue
        lab = next((l[12:] for l in ch.lines if l.startswith('@xref label ')), None)
        if lab is None:
            die('a code chunk without a label in ' + str(ch.file))
        (moved if inblock else main_line).append(lab)
    counted = {lab: str(n) for n, lab in enumerate(main_line + moved, 1)}
    if chunkno:
        if len(counted) != len(chunkno):
            die('%d chunks here but %d in the PDF (book.aux)' % (len(counted), len(chunkno)))
        for lab in main_line:
            if lab in chunkno and chunkno[lab] != counted[lab]:
                die('chunk %s: numbered %s here but %s in the PDF' % (lab, counted[lab], chunkno[lab]))
    chunkno.clear()
    chunkno.update(counted)

    preamble = open('book/preamble.tex', encoding='utf-8').read()
    macros = notation_macros(preamble)

    # Pages, in reading order.
    contents = Page('index.html', 'Contents', 'index')
    preface = Page('preface.html', 'Preface', 'preface')
    preface.fig_prefix = 'preface'
    pages = [contents, preface]
    bypage = {}
    order = []
    for ch in chunks:
        if ch.file not in bypage:
            m = re.match(r'.*/(\d+)-([^/]*)\.nw$', ch.file or '')
            if not m:
                die('unexpected file name ' + str(ch.file))
            p = Page(m.group(2) + '.html', m.group(2), 'chapter')
            p.number = int(m.group(1))
            p.fig_prefix = m.group(2)
            bypage[ch.file] = p
            order.append(p)
            pages.append(p)
        bypage[ch.file].latex.append(ch)
    glossary = Page('glossary.html', 'Glossary', 'preface')
    glossary.fig_prefix = 'glossary'
    pages.append(glossary)
    chunkpage = Page('chunks.html', 'Index of chunks', 'index')
    identpage = Page('identifiers.html', 'Index of identifiers', 'index')
    bibpage = Page('bib.html', 'Bibliography', 'index')
    pages += [chunkpage, identpage, bibpage]

    # The LaTeX of each page, with code chunks as tokens.  A chapter's
    # own macros (\\providecommand) are seen by every later chapter in the
    # PDF, so every page gets all of them, the first definition winning.
    page_docs = {}
    for p in order:
        parts = []
        for ch in p.latex:
            if ch.kind == 'docs':
                parts.append(w.docs_text(ch, p))
            else:
                parts.append(w.block(w.code_chunk(ch, p)))
        page_docs[p.name] = ''.join(parts)
    allmacros = ''.join(local_macros(t) for t in page_docs.values())
    macros += allmacros.replace('\\newcommand', '\\providecommand')
    page_tex = {}
    pre = open('book/preface.tex', encoding='utf-8').read()
    r = Rewriter(w, preface, macros, allmacros)
    page_tex[preface.name] = r.rewrite(pre)
    # The glossary (book/glossary.tex), without the PDF's page furniture.
    glo = open('book/glossary.tex', encoding='utf-8').read()
    glo = re.sub(r'\\(zlabel|addcontentsline|markboth)(\{[^}]*\})+%?[^\n]*', '', glo)
    r = Rewriter(w, glossary, macros, allmacros)
    page_tex[glossary.name] = r.rewrite(glo)
    for p in order:
        tex = page_docs[p.name]
        r = Rewriter(w, p, macros, allmacros)
        page_tex[p.name] = r.rewrite(tex)
        m = re.search(r'\\chapter\{([^}]*)\}', tex)
        p.title = '%d. %s' % (p.number, plain(m.group(1)) if m else p.name)

    # Numbers we counted must be the PDF's.
    for lb, num in w.label_num.items():
        if lb in auxlabels and num is not None and auxlabels[lb][0] != num:
            w.warnings.append('label %s: numbered %s here but %s in the PDF' % (lb, num, auxlabels[lb][0]))

    make_figures(w, out)
    w.prepare_names(list(w.chunk_name.values()) + [e['name'] for e in chunk_index], macros)

    # pandoc, page by page.
    bib = os.path.join(TOP, 'book/book.bib')
    problems = []
    for k, p in enumerate(pages):
        if p.name not in page_tex:
            continue
        with open(os.path.join(TOP, 'build/html-work', p.name[:-5] + '.tex'), 'w', encoding='utf-8') as f:
            f.write(macros + page_tex[p.name])
        body, err = pandoc(mathfix(macros + page_tex[p.name]), None)
        for line in err.splitlines():
            if 'Could not convert TeX math' in line or 'WARNING' in line.upper():
                problems.append('%s: %s' % (p.name, line))
        # Column widths given as fractions of \\linewidth make narrow tables on
        # a screen; let the browser lay tables out.
        body = re.sub(r'<colgroup>.*?</colgroup>\s*', '', body, flags=re.S)
        body = re.sub(r'<table style="width:[0-9.]+%;">', '<table>', body)
        body = fill_tokens(w, body)
        body = fence_spacing(body)
        if 'id="refs"' in body:
            body = body.replace('<div id="refs"', '<h2 class="refs">References</h2>\n<div id="refs"', 1)
        p.body = body

    # Contents.
    toc = ['<h1 class="booktitle">BabyVMM</h1>',
           '<p class="subtitle">A literate, layered, executable account of a verified virtual memory manager</p>',
           '<p class="after">After Alexander Vaynberg and Zhong Shao, <em>Compositional Verification of a Baby '
           'Virtual Memory Manager</em> (CPP 2012). Reader\u2019s edition, for the web.</p>',
           '<h2>Contents</h2>', '<ol class="toc">',
           '<li class="front"><a href="preface.html">Preface</a></li>']
    for p in order:
        toc.append('<li><a href="%s"><span class="secno">%d</span> %s</a>' % (p.name, p.number,
                                                                         esc(p.title.split('. ', 1)[1])))
        heads = re.findall(r'<h2([^>]*)>(.*?)</h2>', p.body, re.S)
        if heads:
            toc.append('<ol>')
            for attrs, title in heads:
                m = re.search(r'id="([^"]*)"', attrs)
                if 'class="refs"' in attrs or not m:
                    continue
                title = re.sub(r'</?a\b[^>]*>', '', title)
                toc.append('<li><a href="%s#%s">%s</a></li>' % (p.name, m.group(1), title))
            toc.append('</ol>')
        toc.append('</li>')
    toc.append('<li class="back"><a href="glossary.html">Glossary</a></li>')
    toc.append('<li class="back"><a href="chunks.html">Index of chunks</a></li>')
    toc.append('<li class="back"><a href="identifiers.html">Index of identifiers</a></li>')
    toc.append('<li class="back"><a href="bib.html">Bibliography</a></li>')
    toc.append('</ol>')
    toc.append('<p class="licence">Code under the MIT licence, prose and figures under CC BY-SA 4.0.</p>')
    contents.body = '\n'.join(toc)

    # The chunk index.
    ci = ['<h1>Index of chunks</h1>',
          '<p>Every chunk of code in the book, with the chunks where it is defined (the first link) '
          'and where it is used.</p>', '<ul class="index">']
    for e in chunk_index:
        lab = e['defs'][0] if e['defs'] else e['label']
        s = '<li>%s' % w.chunk_ref_html(lab, 'chunks.html', e['name'])
        s += ' <span class="idxdefs">defined in %s</span>' % w.num_links(e['defs'], 'chunks.html')
        if e['uses']:
            s += '; <span class="idxuses">used in %s</span>' % w.num_links(e['uses'], 'chunks.html')
        elif re.match(r'(src|tests)/', e['name']):
            s += '; root, written to <code>build/%s</code>' % esc(e['name'])
        ci.append(s + '</li>')
    ci.append('</ul>')
    chunkpage.body = '\n'.join(ci)

    ii = ['<h1>Index of identifiers</h1>',
          '<p>Every C identifier defined in a chunk, with the chunk that defines it '
          '(<span class="idxdefs">bold</span>) and the chunks that use it.</p>']
    letters = sorted({e['name'][0].upper() for e in ident_index if e['name']})
    ii.append('<p class="letters">%s</p>' % ' '.join('<a href="#idx-%s">%s</a>' % (esc(c), esc(c)) for c in letters))
    ii.append('<ul class="index">')
    seen = set()
    for e in ident_index:
        c = e['name'][0].upper()
        anchor = ''
        if c not in seen:
            seen.add(c)
            anchor = ' id="idx-%s"' % esc(c)
        s = '<li%s><code>%s</code>: <span class="idxdefs">%s</span>' % (
            anchor, esc(e['name']), w.num_links(e['defs'], 'identifiers.html'))
        if e['uses']:
            s += ', %s' % w.num_links(e['uses'], 'identifiers.html')
        ii.append(s + '</li>')
    ii.append('</ul>')
    identpage.body = '\n'.join(ii)
    bibpage.body = bibliography_html(os.path.join(TOP, 'build/book/book.bbl'), macros)

    for k, p in enumerate(pages):
        write_page(out, pages, k, p.body)
    shutil.copy(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'style.css'),
                os.path.join(out, 'style.css'))

    for m in w.warnings + problems:
        sys.stderr.write('html: warning: %s\n' % m)
    bad = [m for m in w.warnings + problems if 'undefined reference' in m or 'Could not convert' in m]
    if bad:
        die('%d problems (above)' % len(bad))
    print('html: wrote %s: %d pages, %d chunks, %d figures' % (
        out, len(pages), len(chunkno), len(w.figures)))


if __name__ == '__main__':
    main()
