/** ARN parsing for the audit. */
export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(arn: string): ParsedArn | undefined {
  const m = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/.exec(arn.trim());
  if (!m) return undefined;
  return { partition: m[1], service: m[2], region: m[3], account: m[4], resource: m[5] };
}

/** `arn:aws:bedrock-agentcore:us-east-1:123:runtime/ID` -> its parts; undefined if not a runtime ARN. */
export function parseRuntimeArn(arn: string): (ParsedArn & { runtimeId: string }) | undefined {
  const p = parseArn(arn);
  if (!p || p.service !== 'bedrock-agentcore') return undefined;
  const m = /^runtime\/([^/]+)$/.exec(p.resource);
  if (!m) return undefined;
  return { ...p, runtimeId: m[1] };
}

/** Role name from a role ARN (the last path segment). */
export function roleNameFromArn(arn: string): string | undefined {
  const p = parseArn(arn);
  if (!p || p.service !== 'iam' || !p.resource.startsWith('role/')) return undefined;
  const parts = p.resource.split('/');
  return parts[parts.length - 1];
}

export function partitionForRegion(region: string | undefined): string {
  if (!region) return 'aws';
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}
