/**
 * The `exclude` setting's globs, matched against a path relative to the workspace root without
 * backtracking. `**` followed by `/` is any number of folders (none too), another `**` any text,
 * `*` any text within one folder name, `?` one character but `/`; every other character itself.
 *
 * These were regular expressions (`**` `/` -> `(?:.*\/)?`): a chain of twenty `**` `/` took V8's
 * backtracking matcher exponential time on a path that does not match, and a workspace's settings
 * can set `exclude`. Here a glob is a small automaton run over the path once, with the set of the
 * glob's positions the path so far may have reached: time path length x glob length, whatever the
 * glob, and the same answers as the expressions (test/unit/hostile/settings.test.ts holds them to
 * it on random globs and paths).
 */

/** One position of a compiled glob. */
type Node =
  | { k: 'ch'; ch: string } // this character, then the next position
  | { k: 'one' } // one character but `/`
  | { k: 'star' } // any characters but `/` (stays), or nothing (the next position)
  | { k: 'any' } // any characters (stays), or nothing
  | { k: 'skip'; to: number }; // `**` `/`: either skip to `to` (no folders), or go on into `any` `/`

/** Globs longer than this exclude nothing (as an invalid one): a setting, not a program. */
export const MAX_GLOB_LENGTH = 4096;

/**
 * The literal pieces of a glob: its text between wildcards, each of which any path it matches
 * contains (a `/` right after `**` may be matched by no folder at all, so it is left off).
 */
function literalPieces(glob: string): string[] {
  const out: string[] = [];
  const re = /[*?]+/g;
  let from = 0;
  let afterDoubleStar = false;
  for (let m = re.exec(glob); ; m = re.exec(glob)) {
    let piece = glob.slice(from, m ? m.index : glob.length);
    if (afterDoubleStar && piece.startsWith('/')) piece = piece.slice(1);
    if (piece) out.push(piece);
    if (!m) break;
    afterDoubleStar = m[0].includes('**');
    from = m.index + m[0].length;
  }
  return out;
}

export function compilePathGlob(glob: string): ((path: string) => boolean) | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return undefined;
  const nodes: Node[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') {
        i++;
        const at = nodes.length;
        nodes.push({ k: 'skip', to: at + 3 }, { k: 'any' }, { k: 'ch', ch: '/' });
      } else nodes.push({ k: 'any' });
    } else if (c === '*') nodes.push({ k: 'star' });
    else if (c === '?') nodes.push({ k: 'one' });
    else nodes.push({ k: 'ch', ch: c });
  }
  const n = nodes.length;
  const needed = literalPieces(glob);
  return (path: string) => {
    // Every literal piece of the glob must occur in a path it matches: most paths are turned away
    // here, without the automaton (the default globs against every file of the workspace).
    for (const piece of needed) if (!path.includes(piece)) return false;
    let cur = new Uint8Array(n + 1);
    let next = new Uint8Array(n + 1);
    cur[0] = 1;
    close(nodes, cur);
    for (let j = 0; j < path.length; j++) {
      const c = path[j];
      next.fill(0);
      let alive = false;
      for (let i = 0; i < n; i++) {
        if (!cur[i]) continue;
        const node = nodes[i];
        switch (node.k) {
          case 'ch':
            if (node.ch === c) { next[i + 1] = 1; alive = true; }
            break;
          case 'one':
            if (c !== '/') { next[i + 1] = 1; alive = true; }
            break;
          case 'star':
            if (c !== '/') { next[i] = 1; alive = true; }
            break;
          case 'any':
            next[i] = 1;
            alive = true;
            break;
          case 'skip':
            break;
        }
      }
      if (!alive) return false;
      close(nodes, next);
      const t = cur;
      cur = next;
      next = t;
    }
    return cur[n] === 1;
  };
}

/** Adds the positions reachable without a character (every such step goes forward: one pass). */
function close(nodes: Node[], set: Uint8Array): void {
  for (let i = 0; i < nodes.length; i++) {
    if (!set[i]) continue;
    const node = nodes[i];
    if (node.k === 'star' || node.k === 'any') set[i + 1] = 1;
    else if (node.k === 'skip') {
      set[i + 1] = 1;
      set[node.to] = 1;
    }
  }
}
