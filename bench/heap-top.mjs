/**
 * `node bench/heap-top.mjs <a.heapsnapshot> [b.heapsnapshot] [count]`: live objects by constructor (count and
 * self size) in a V8 heap snapshot; with two, the difference a − b, to see what one app keeps per session
 * that another does not.
 */
import { readFileSync } from 'node:fs';

function summary(file) {
  const snap = JSON.parse(readFileSync(file, 'utf8'));
  const f = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [iType, iName, iSize] = ['type', 'name', 'self_size'].map((k) => f.indexOf(k));
  const out = new Map();
  const n = snap.nodes;
  for (let i = 0; i < n.length; i += f.length) {
    const type = types[n[i + iType]];
    const key = type === 'object' || type === 'closure' ? `${type} ${snap.strings[n[i + iName]]}` : type;
    const e = out.get(key) ?? { count: 0, size: 0 };
    e.count++;
    e.size += n[i + iSize];
    out.set(key, e);
  }
  return out;
}

const args = process.argv.slice(2);
const count = /^\d+$/.test(args[args.length - 1] ?? '') ? Number(args.pop()) : 30;
const a = summary(args[0]);
const b = args[1] ? summary(args[1]) : new Map();
const keys = new Set([...a.keys(), ...b.keys()]);
const rows = [...keys]
  .map((k) => {
    const x = a.get(k) ?? { count: 0, size: 0 };
    const y = b.get(k) ?? { count: 0, size: 0 };
    return { k, count: x.count - y.count, size: x.size - y.size };
  })
  .sort((p, q) => Math.abs(q.size) - Math.abs(p.size));
console.log(`${args[0]}${args[1] ? ` minus ${args[1]}` : ''}: total ${(rows.reduce((s, r) => s + r.size, 0) / 1024).toFixed(0)} KiB`);
for (const r of rows.slice(0, count)) console.log(`${(r.size / 1024).toFixed(1).padStart(10)} KiB ${String(r.count).padStart(8)}  ${r.k}`);
