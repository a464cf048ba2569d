// The listing's exclude test (core/disk.ts excludeMatcher) takes the relative path by cutting the
// root off a path joined under it; any other path goes through path.relative. Both give the same
// answer as path.relative for every path, joined or odd (`.`, `..`, empty segments, outside the root).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import fc from 'fast-check';
import { excludeMatcher } from '../../../server/src/core/disk';
import { compilePathGlob } from '../../../server/src/core/path-glob';
import { withDefaults } from '../../../server/src/core/settings';

/** The test as written before: path.relative for every path. */
function reference(root: string, exclude: string[]): (file: string) => boolean {
  const globs = exclude.map((g) => compilePathGlob(g)).filter((m): m is (p: string) => boolean => !!m);
  return (file) => {
    const rel = path.relative(root, file).split(path.sep).join('/');
    return globs.some((m) => m(rel) || m(rel + '/'));
  };
}

const segment = fc.constantFrom('a', 'b', '.', '..', '', '.terraform', 'node_modules', '.git', 'x.tf', 'modules', 'env');
const pathOf = (segs: string[]) => '/' + segs.join('/');

test('exclude: the same answer as path.relative for joined and odd paths, under the root or not', () => {
  const excludes = [withDefaults({}).exclude, ['**/.terraform/**', 'env/**', 'a/*.tf', 'modules'], ['**']];
  fc.assert(fc.property(fc.array(segment, { maxLength: 4 }), fc.array(segment, { maxLength: 5 }), fc.boolean(), fc.nat(excludes.length - 1), (r, f, inside, k) => {
    const root = pathOf(r);
    const file = inside ? root + (root.endsWith('/') ? '' : '/') + f.join('/') : pathOf(f);
    assert.equal(excludeMatcher(root, excludes[k])(file), reference(root, excludes[k])(file), `${root} ${file} ${excludes[k].join(',')}`);
  }), { numRuns: 3000 });
});

test('exclude: the defaults leave out .terraform, node_modules and .git anywhere under the root', () => {
  const ex = excludeMatcher('/w', withDefaults({}).exclude);
  assert.equal(ex('/w/env/.terraform/modules/m/main.tf'), true);
  assert.equal(ex('/w/.git'), true);
  assert.equal(ex('/w/node_modules'), true);
  assert.equal(ex('/w/env/main.tf'), false);
  assert.equal(excludeMatcher('/w', [])('/w/.terraform'), false);
});
