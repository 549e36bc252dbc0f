// The baseline's input and hosting: a built gongkai site's items as plain HTML pages for Pagefind.
//
//   node tests/bench/pagefind-site.mjs html SITE OUT   one page per items/<id>/index.html, plus the harness
//   node tests/bench/pagefind-site.mjs twins OUT       .gz/.br twins of Pagefind's text files
//
// Each page has the title and the item's body HTML (the <h1> and the `doc-body` of our
// pre-rendered page, without our header, navigation and footer) inside `data-pagefind-body` and
// `lang="zh-CN"` (Pagefind picks its segmenter by it). OUT/index.html is the harness the browser
// bench drives: it loads /pagefind/pagefind.js on first use, searches, and loads the data
// (fragment) of the first 10 results, as Pagefind's UI does before it shows them. `twins`
// compresses what a host would compress (Pagefind's JS, CSS and JSON; its index files are
// gzipped by Pagefind itself), as `gongkai build` does for our site.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const HARNESS = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Pagefind bench</title></head>
<body><script type="module">
let pagefind;
async function benchSearch(q) {
  const start = performance.now();
  pagefind ??= await import('/pagefind/pagefind.js');
  const search = await pagefind.search(q);
  const shown = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  return { start, end: performance.now(), total: search.results.length, shown: shown.length };
}
window.benchSearch = benchSearch;
const q = new URLSearchParams(location.search).get('q');
if (q !== null) {
  benchSearch(q).then((r) => { window.benchResult = r; }, (e) => { window.benchResult = { error: String(e) }; });
}
</script></body></html>
`;

function page(title, html) {
  return `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}</title></head>\n`
    + `<body><main data-pagefind-body><h1>${title}</h1>\n${html}</main></body></html>\n`;
}

/** The title (as HTML text) and the body HTML of one of our item pages. */
function parts(html) {
  const title = html.match(/<h1[^>]*>([^<]*)<\/h1>/)?.[1] ?? '';
  const start = html.indexOf('<div class="doc-body">');
  const end = html.indexOf('</div><leptos-island', start);
  return { title, body: start < 0 || end < 0 ? '' : html.slice(start + '<div class="doc-body">'.length, end) };
}

function renderHtml(site, out) {
  const dir = path.join(site, 'items');
  fs.rmSync(out, { recursive: true, force: true });
  let n = 0;
  for (const id of fs.readdirSync(dir).sort()) {
    const { title, body } = parts(fs.readFileSync(path.join(dir, id, 'index.html'), 'utf8'));
    const target = path.join(out, 'items', id);
    fs.mkdirSync(target, { recursive: true });
    fs.writeFileSync(path.join(target, 'index.html'), page(title, body));
    n += 1;
  }
  fs.writeFileSync(path.join(out, 'index.html'), HARNESS);
  console.log(`${n} pages written to ${out}`);
}

function twins(out) {
  const dir = path.join(out, 'pagefind');
  for (const name of fs.readdirSync(dir).filter((f) => /\.(js|css|json)$/.test(f))) {
    const file = path.join(dir, name);
    const raw = fs.readFileSync(file);
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(raw, { level: 9 }));
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
}

const [command, ...args] = process.argv.slice(2);
if (command === 'html' && args.length === 2) renderHtml(path.resolve(args[0]), path.resolve(args[1]));
else if (command === 'twins' && args.length === 1) twins(path.resolve(args[0]));
else throw new Error('usage: pagefind-site.mjs html SITE OUT | twins OUT');
