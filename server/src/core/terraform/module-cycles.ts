/**
 * Local module calls that form a cycle (a folder that calls itself, directly or through other
 * folders). Terraform refuses such a configuration; the analysis would either skip the folders (no
 * folder of the cycle is a root: planRoots) or follow the calls until its depth limit. Each call
 * inside a cycle is reported on its `module` block (core/incomplete.ts: the analysis did not finish).
 */
import * as path from 'node:path';
import { isLiteralString } from './ast';
import type { ParsedTfFile } from './model';
import { isLocalSource } from './modules';
import { locOf } from './values';
import type { FileProblem } from '../workspace-model';

interface Call {
  file: ParsedTfFile;
  block: ParsedTfFile['blocks'][number];
  from: string;
  to: string;
}

/** A local source's folder, without a trailing separator (`source = "./"` is the folder itself). */
function folderOf(dir: string, source: string): string {
  const p = path.normalize(path.join(dir, source));
  return p.length > 1 && p.endsWith(path.sep) ? p.slice(0, -1) : p;
}

/** The `module-cycle` problems of a configuration's folders (byDir: groupByDir of its parsed files). */
export function moduleCycleProblems(byDir: ReadonlyMap<string, ParsedTfFile[]>): FileProblem[] {
  const calls: Call[] = [];
  const edges = new Map<string, string[]>();
  for (const [dir, files] of byDir) {
    for (const file of files) {
      for (const block of file.blocks) {
        if (block.type !== 'module') continue;
        const s = block.body.attributes.get('source');
        const lit = s && isLiteralString(s.expr);
        if (!lit || !isLocalSource(lit)) continue;
        const to = folderOf(dir, lit);
        if (!byDir.has(to)) continue;
        calls.push({ file, block, from: dir, to });
        let out = edges.get(dir);
        if (!out) edges.set(dir, (out = []));
        out.push(to);
      }
    }
  }
  if (!calls.length) return [];
  const component = stronglyConnected(edges);
  const size = new Map<number, number>();
  for (const c of component.values()) size.set(c, (size.get(c) ?? 0) + 1);
  const problems: FileProblem[] = [];
  for (const c of calls) {
    const k = component.get(c.from);
    if (k === undefined || k !== component.get(c.to)) continue;
    if (c.from !== c.to && (size.get(k) ?? 0) < 2) continue;
    const others = [...component].filter(([, x]) => x === k).map(([d]) => d).sort();
    const rel = (d: string) => path.relative(c.from, d).split(path.sep).join('/') || '.';
    const loop = c.from === c.to ? 'calls its own folder' : `calls ${rel(c.to)}, which leads back to this folder through module calls (a cycle of ${others.length} folders)`;
    problems.push({
      rule: 'module-cycle',
      severity: 'error',
      file: c.file.src.file,
      range: locOf(c.file.src, c.block.headerSpan).range,
      message: `module.${c.block.labels[0] ?? '?'} ${loop}: Terraform refuses a module that calls itself, so the roles of these folders are not checked (or not all of them): this is not a clean result.`,
    });
  }
  return problems;
}

/** Tarjan's strongly connected components, iterative (no deep recursion on long chains): folder -> component number. */
function stronglyConnected(edges: ReadonlyMap<string, string[]>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let next = 0;
  let count = 0;
  for (const start of edges.keys()) {
    if (index.has(start)) continue;
    const work: [string, number][] = [[start, 0]];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1];
      const [v, i] = top;
      const out = edges.get(v) ?? [];
      if (i < out.length) {
        top[1]++;
        const w = out[i];
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const u = work[work.length - 1][0];
        low.set(u, Math.min(low.get(u)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        for (;;) {
          const w = stack.pop()!;
          onStack.delete(w);
          component.set(w, count);
          if (w === v) break;
        }
        count++;
      }
    }
  }
  return component;
}
