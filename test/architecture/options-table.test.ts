/**
 * The README's configuration table matches the one options object: the same option names, and for every
 * option with a default, the default the README shows is the one the code applies.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { APP_SERVER_OPTIONS } from '../../src/app/server';
import { ROOT } from './import-graph';

function readmeTable(): Map<string, string> {
  const text = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const start = text.indexOf('| option | default | meaning |');
  expect(start).toBeGreaterThan(0);
  const rows = new Map<string, string>();
  for (const line of text.slice(start).split('\n').slice(2)) {
    if (!line.startsWith('|')) break;
    const [names, dflt] = line
      .split('|')
      .slice(1, 3)
      .map((c) => c.trim());
    for (const m of names.matchAll(/`([A-Za-z]+)`/g)) rows.set(m[1], dflt);
  }
  return rows;
}

/** The ways the README may write a default value. */
function renderings(value: unknown): string[] {
  if (typeof value === 'string') return [`\`${value}\``, `\`'${value}'\``];
  if (typeof value === 'number' || typeof value === 'boolean') return [`\`${value}\``];
  const fields = Object.entries(value as object).map(([k, v]) => `${k}: ${v}`);
  return [`\`{${fields.join(', ')}}\``];
}

describe("the README's option table", () => {
  const table = readmeTable();

  it('lists exactly the options of AppServerConfig', () => {
    expect([...table.keys()].sort()).toEqual(Object.keys(APP_SERVER_OPTIONS).sort());
  });

  it.each(Object.entries(APP_SERVER_OPTIONS).filter(([, v]) => v !== undefined))('shows the default of %s', (name, value) => {
    const cell = table.get(name) ?? '';
    const shown = renderings(value).some((r) => cell.includes(r));
    expect({ name, cell, shown }).toEqual({ name, cell, shown: true });
  });
});
