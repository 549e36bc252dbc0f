// Plain-text tables for the benchmark report, aligned for terminals that show CJK double width.

/** Display width: CJK and full-width characters take two columns. */
function width(s) {
  let w = 0;
  for (const ch of String(s)) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

/** `s` padded with spaces to `n` display columns (on the left when `right`). */
export const pad = (s, n, right) => {
  const fill = ' '.repeat(Math.max(0, n - width(s)));
  return right ? fill + s : s + fill;
};

/** Prints a titled table; the first `left` columns are left-aligned, the others right-aligned. */
export function printTable(title, header, rows, left = 1) {
  const all = [header, ...rows].map((r) => r.map((c) => (c == null ? '-' : String(c))));
  const widths = header.map((_, i) => Math.max(...all.map((r) => width(r[i]))));
  const line = (r) => r.map((c, i) => pad(c, widths[i], i >= left)).join('  ');
  console.log(`\n${title}`);
  console.log(line(all[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of all.slice(1)) console.log(line(r));
}
