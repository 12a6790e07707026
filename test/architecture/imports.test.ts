/**
 * The layering rule of the package (ARCHITECTURE.md, "Layers"): protocol <- core <- app <- compat, app <- hono, with
 * testing, dev and migrate above them and the root index above all. No file imports a file of a higher
 * layer, and no files import each other in a loop, type-only imports included.
 */
import { importGraph, importLoops, sourceFiles } from './import-graph';

const RANK: Record<string, number> = {
  protocol: 0,
  'display-utils': 0,
  core: 1,
  app: 2,
  compat: 3,
  hono: 3,
  testing: 4,
  dev: 4,
  migrate: 4,
  'index.ts': 5,
};

function layerOf(file: string): string {
  return file.startsWith('compat/') ? 'compat' : file.split('/')[1];
}

const graph = importGraph(sourceFiles(['src', 'compat']));

describe('the import graph of src/ and compat/', () => {
  it('reads a real graph (the check is not vacuous)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('src/core/session/session.ts')).toEqual(expect.arrayContaining(['src/core/errors.ts']));
    expect(graph.get('src/app/surface.ts')!.length).toBeGreaterThan(5);
    expect(graph.get('src/hono/server.ts')).toEqual(expect.arrayContaining(['src/core/engine.ts']));
  });

  it('finds a loop when there is one', () => {
    const fake = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(importLoops(fake)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(importLoops(new Map([['self.ts', ['self.ts']]]))).toEqual([['self.ts']]);
  });

  it('has no import loop between files', () => {
    expect(importLoops(graph)).toEqual([]);
  });

  it('only points down: no layer imports a higher one', () => {
    const upward: string[] = [];
    for (const [file, deps] of graph) {
      const from = layerOf(file);
      for (const dep of deps) {
        const to = layerOf(dep);
        if (RANK[from] === undefined || RANK[to] === undefined) upward.push(`${file} -> ${dep} (unknown layer)`);
        else if (RANK[to] > RANK[from]) upward.push(`${file} -> ${dep}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('keeps the two facades above app apart: compat and hono never import each other', () => {
    const crossing = [...graph].flatMap(([file, deps]) =>
      deps.filter((dep) => layerOf(file) !== layerOf(dep) && [layerOf(file), layerOf(dep)].sort().join() === 'compat,hono').map((dep) => `${file} -> ${dep}`),
    );
    expect(crossing).toEqual([]);
  });

  it('keeps the session side of the core free of the HTTP side (routes may settle session requests, not the reverse)', () => {
    const crossing: string[] = [];
    for (const [file, deps] of graph) {
      if (!file.startsWith('src/core/session/')) continue;
      for (const dep of deps) if (dep.startsWith('src/core/http/')) crossing.push(`${file} -> ${dep}`);
    }
    expect(graph.has('src/core/session/session.ts') && graph.has('src/core/http/host.ts')).toBe(true);
    expect(crossing).toEqual([]);
  });
});
