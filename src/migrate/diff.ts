/** A unified diff of two texts (line based, 3 lines of context), for `--dry-run`. */

type Op = { kind: ' ' | '-' | '+'; line: string };

/** Line operations turning `a` into `b`: common prefix and suffix, and an LCS over the middle. */
function diffLines(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const ops: Op[] = a.slice(0, pre).map((line) => ({ kind: ' ', line }));
  if (am.length * bm.length > 4_000_000) {
    // Too large for the table: replace the middle wholesale.
    ops.push(...am.map((line) => ({ kind: '-' as const, line })), ...bm.map((line) => ({ kind: '+' as const, line })));
  } else {
    const w = bm.length + 1;
    const lcs = new Uint32Array((am.length + 1) * w);
    for (let i = am.length - 1; i >= 0; i--) {
      for (let j = bm.length - 1; j >= 0; j--) {
        lcs[i * w + j] = am[i] === bm[j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < am.length || j < bm.length) {
      if (i < am.length && j < bm.length && am[i] === bm[j]) {
        ops.push({ kind: ' ', line: am[i++] });
        j++;
      } else if (i < am.length && (j === bm.length || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1])) ops.push({ kind: '-', line: am[i++] });
      else ops.push({ kind: '+', line: bm[j++] });
    }
  }
  ops.push(...a.slice(a.length - suf).map((line) => ({ kind: ' ' as const, line })));
  return ops;
}

export function unifiedDiff(oldName: string, newName: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const split = (t: string) => (t === '' ? [] : t.replace(/\n$/, '').split('\n'));
  const ops = diffLines(split(before), split(after));
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  const changed = ops.flatMap((o, idx) => (o.kind === ' ' ? [] : [idx]));
  let c = 0;
  while (c < changed.length) {
    let last = c;
    while (last + 1 < changed.length && changed[last + 1] - changed[last] <= 2 * context) last++;
    const start = Math.max(0, changed[c] - context);
    const end = Math.min(ops.length, changed[last] + 1 + context);
    const before = ops.slice(0, start);
    const hunk = ops.slice(start, end);
    const oldLen = hunk.filter((o) => o.kind !== '+').length;
    const newLen = hunk.filter((o) => o.kind !== '-').length;
    const oldStart = before.filter((o) => o.kind !== '+').length + (oldLen ? 1 : 0);
    const newStart = before.filter((o) => o.kind !== '-').length + (newLen ? 1 : 0);
    out.push(`@@ -${oldStart},${oldLen} +${newStart},${newLen} @@`, ...hunk.map((o) => `${o.kind}${o.line}`));
    c = last + 1;
  }
  return `${out.join('\n')}\n`;
}
