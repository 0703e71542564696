#!/usr/bin/python3
"""tests/html/browser_test.py -- the HTML edition, tested in a real browser.

usage: browser_test.py HTMLDIR WORKDIR

Starts Debian's chromedriver (which drives Debian's chromium, headless) and
talks plain WebDriver to it over HTTP, with nothing but Python's standard
library.  For every page of HTMLDIR it
  - loads the page from file:// and waits until it is complete;
  - collects every link, and every id in the page's DOM;
  - checks that every resource the page loaded is a local file (nothing
    from the network), and that every image (the figures) decoded;
  - checks the math: no TeX that pandoc could not convert (its fallback,
    span.math), no TeX source left in the text, no leftover placeholder of
    the build, and every MathML <math> element laid out with a non-zero size.
Then it checks every link to a local page: the page exists, and its
#fragment is an id in that page's DOM.  Finally it takes a screenshot of
one chapter page, writes it to WORKDIR/screenshot.png, decodes the PNG and
fails if the page is (nearly) blank.
Exit status 0 if all is well, 1 with a list of the problems otherwise.
"""
import base64
import glob
import json
import os
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib

CHROMIUM = '/usr/bin/chromium'
CHROMEDRIVER = '/usr/bin/chromedriver'
SCREENSHOT_PAGE = 'pt.html'   # a chapter with code, math and figures


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Driver:
    def __init__(self):
        self.port = free_port()
        self.proc = subprocess.Popen([CHROMEDRIVER, '--port=%d' % self.port],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = 'http://127.0.0.1:%d' % self.port
        for _ in range(300):
            try:
                self.call('GET', '/status')
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.1)
        else:
            self.proc.kill()
            sys.exit('test-html: chromedriver did not start')
        caps = {'capabilities': {'alwaysMatch': {
            'browserName': 'chrome',
            'goog:chromeOptions': {
                'binary': CHROMIUM,
                'args': ['--headless=new', '--no-sandbox', '--disable-gpu',
                         '--disable-dev-shm-usage', '--window-size=1100,1400',
                         '--hide-scrollbars', '--allow-file-access-from-files',
                         # talk to chromedriver over a pipe, not a local
                         # port: no dependence on how localhost resolves
                         '--remote-debugging-pipe'],
            }}}}
        r = self.call('POST', '/session', caps)
        self.sid = r['value']['sessionId']

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={'Content-Type': 'application/json'})
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                return json.loads(resp.read().decode())
        except urllib.error.HTTPError as e:
            msg = e.read().decode(errors='replace')
            raise RuntimeError('WebDriver %s %s: %s' % (method, path, msg[:500]))

    def s(self, method, path, body=None):
        return self.call(method, '/session/%s%s' % (self.sid, path), body)['value']

    def get(self, url):
        self.s('POST', '/url', {'url': url})
        for _ in range(200):
            if self.js('return document.readyState') == 'complete':
                return
            time.sleep(0.05)
        raise RuntimeError('page did not finish loading: ' + url)

    def js(self, script, *args):
        return self.s('POST', '/execute/sync', {'script': script, 'args': list(args)})

    def quit(self):
        try:
            self.call('DELETE', '/session/%s' % self.sid)
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


# What each page reports about itself, computed in the browser.
PAGE_SCRIPT = r'''
const res = {};
res.links = Array.from(document.querySelectorAll('a[href]')).map(a => a.href);
res.ids = Array.from(document.querySelectorAll('[id]')).map(e => e.id)
  .concat(Array.from(document.querySelectorAll('a[name]')).map(e => e.name));
res.resources = performance.getEntriesByType('resource').map(e => e.name);
res.stylesheets = Array.from(document.styleSheets).map(s => s.href);
res.images = Array.from(document.images).map(i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0]);
const maths = Array.from(document.querySelectorAll('math'));
res.nmath = maths.length;
res.zeromath = maths.filter(m => { const r = m.getBoundingClientRect(); return !(r.width > 0 && r.height > 0); })
  .map(m => m.textContent.slice(0, 60));
/* MathML that the browser does not know is laid out as inline text of the
   annotation too: then the TeX source shows.  A rendered <math> is a
   MathMLElement. */
res.notmathml = maths.filter(m => !(window.MathMLElement && m instanceof MathMLElement)).length;
res.fallback = Array.from(document.querySelectorAll('span.math')).map(e => e.textContent.slice(0, 60));
/* TeX left in the prose: text outside code, math and pre. */
const bad = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const texre = /\\[A-Za-z]{2,}|\$[^$\s][^$]*\$|ZZT\d+ZZ|\?\?/;
while (walker.nextNode()) {
  const n = walker.currentNode;
  if (n.parentElement.closest('pre, code, math, script, style')) continue;
  const m = n.textContent.match(texre);
  if (m) bad.push(m[0] + ' in "' + n.textContent.trim().slice(0, 80) + '"');
}
/* Chunk names are shown in code too: check their text, less their code. */
for (const e of document.querySelectorAll('.chunkref, .chunkdef')) {
  const c = e.cloneNode(true);
  c.querySelectorAll('code, math').forEach(x => x.remove());
  const m = c.textContent.match(texre);
  if (m) bad.push(m[0] + ' in the chunk name "' + c.textContent.trim().slice(0, 80) + '"');
}
res.rawtex = bad;
res.badrefs = document.querySelectorAll('.badref').length;
/* Every chunk number shown, in a heading or a cross-reference, is the
   PDF's, a number: a chunk weave.py could not number shows "?". */
res.badchunknos = Array.from(document.querySelectorAll('.chunkno'))
  .map(e => e.textContent.trim()).filter(t => !/^[0-9]+$/.test(t));
res.nchunknos = document.querySelectorAll('.chunkno').length;
res.title = document.title;
res.navs = document.querySelectorAll('nav.pagenav a[href="index.html"]').length;
return res;
'''


def png_nonwhite(data):
    """Decode a PNG (8-bit RGB or RGBA, not interlaced, as Chromium writes
    them) and return (width, height, non-white pixels, rows with ink)."""
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError('not a PNG')
    pos, idat = 8, []
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', chunk)
        elif kind == b'IDAT':
            idat.append(chunk)
        pos += 12 + n
    if depth != 8 or ctype not in (2, 6) or interlace:
        raise ValueError('unexpected PNG format (depth %d, colour type %d)' % (depth, ctype))
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(b''.join(idat))
    stride = w * bpp
    prev = bytearray(stride)
    nonwhite = inkrows = 0
    pos = 0
    for _ in range(h):
        f = raw[pos]
        line = bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 255
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pr) & 255
        elif f != 0:
            raise ValueError('bad PNG filter %d' % f)
        row = 0
        for x in range(0, stride, bpp):
            if line[x] < 200 or line[x + 1] < 200 or line[x + 2] < 200:
                row += 1
        nonwhite += row
        if row:
            inkrows += 1
        prev = line
    return w, h, nonwhite, inkrows


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: browser_test.py HTMLDIR WORKDIR')
    root = os.path.abspath(sys.argv[1])
    work = os.path.abspath(sys.argv[2])
    os.makedirs(work, exist_ok=True)
    pages = sorted(os.path.basename(p) for p in glob.glob(os.path.join(root, '*.html')))
    if len(pages) < 3:
        sys.exit('test-html: no pages in %s (run make html)' % root)
    problems = []
    ids = {}
    links = {}
    nmath = 0
    nchunknos = 0
    d = Driver()
    try:
        for name in pages:
            url = 'file://' + urllib.parse.quote(os.path.join(root, name))
            d.get(url)
            r = d.js(PAGE_SCRIPT)
            ids[name] = set(r['ids'])
            if len(ids[name]) != len(r['ids']):
                seen, dup = set(), set()
                for i in r['ids']:
                    (dup if i in seen else seen).add(i)
                problems.append('%s: ids used twice: %s' % (name, ', '.join(sorted(dup)[:5])))
            links[name] = r['links']
            nmath += r['nmath']
            for res in r['resources'] + [s for s in r['stylesheets'] if s]:
                if not res.startswith('file://'):
                    problems.append('%s: loads %s from outside the edition' % (name, res))
            if not any(s and s.endswith('/style.css') for s in r['stylesheets']):
                problems.append('%s: the stylesheet did not load' % name)
            for src, ok in r['images']:
                if not ok:
                    problems.append('%s: image %s did not load' % (name, src))
            if r['zeromath']:
                problems.append('%s: %d math elements have no size, e.g. %r' % (name, len(r['zeromath']), r['zeromath'][0]))
            if r['notmathml']:
                problems.append('%s: %d math elements are not rendered as MathML' % (name, r['notmathml']))
            for t in r['fallback']:
                problems.append('%s: math pandoc could not convert: %r' % (name, t))
            for t in r['rawtex']:
                problems.append('%s: TeX or a placeholder left in the text: %s' % (name, t))
            if r['badrefs']:
                problems.append('%s: %d undefined references' % (name, r['badrefs']))
            if r['badchunknos']:
                problems.append('%s: %d chunk numbers are not numbers, e.g. %r'
                                % (name, len(r['badchunknos']), r['badchunknos'][0]))
            nchunknos += r['nchunknos']
            if r['navs'] < 2:
                problems.append('%s: no contents link in the navigation bars' % name)
        # Every local link: the page exists and has the fragment's id.
        nlinks = 0
        for name, hrefs in links.items():
            for h in hrefs:
                u = urllib.parse.urlsplit(h)
                if u.scheme in ('http', 'https', 'mailto'):
                    continue
                if u.scheme != 'file':
                    problems.append('%s: link of an unexpected kind: %s' % (name, h))
                    continue
                path = urllib.parse.unquote(u.path)
                if os.path.dirname(path) != root:
                    problems.append('%s: link outside the edition: %s' % (name, h))
                    continue
                target = os.path.basename(path)
                nlinks += 1
                if target not in ids:
                    problems.append('%s: broken link to %s' % (name, target))
                    continue
                frag = urllib.parse.unquote(u.fragment)
                if frag and frag not in ids[target]:
                    problems.append('%s: broken anchor %s#%s' % (name, target, frag))
        # One chapter page, seen: it must not be blank.
        if SCREENSHOT_PAGE not in pages:
            raise SystemExit('test-html: no page %s to take a screenshot of' % SCREENSHOT_PAGE)
        d.get('file://' + os.path.join(root, SCREENSHOT_PAGE))
        png = base64.b64decode(d.s('GET', '/screenshot'))
        shot = os.path.join(work, 'screenshot.png')
        with open(shot, 'wb') as f:
            f.write(png)
        w, h, ink, rows = png_nonwhite(png)
        frac = ink / float(w * h)
        print('test-html: screenshot of %s: %dx%d, %.1f%% of the pixels inked, %d of %d rows (%s)'
              % (SCREENSHOT_PAGE, w, h, 100 * frac, rows, h, shot))
        if frac < 0.02 or rows < h // 4:
            problems.append('the screenshot of %s looks blank (%.2f%% inked, %d rows)' % (SCREENSHOT_PAGE, 100 * frac, rows))
    finally:
        d.quit()
    print('test-html: %d pages loaded, %d local links and anchors checked, %d math elements, %d chunk numbers'
          % (len(pages), nlinks, nmath, nchunknos))
    if problems:
        for p in problems[:200]:
            print('test-html: FAIL: ' + p, file=sys.stderr)
        if len(problems) > 200:
            print('test-html: ... and %d more' % (len(problems) - 200), file=sys.stderr)
        sys.exit(1)
    print('test-html: passed')


if __name__ == '__main__':
    main()
