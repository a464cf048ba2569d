/** AWS profiles from ~/.aws/config and ~/.aws/credentials (SSO profiles included). No vscode import. */
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';

export interface ProfileInfo {
  name: string;
  region?: string;
  kind: 'sso' | 'keys' | 'role' | 'process' | 'other';
}

export async function listProfiles(): Promise<ProfileInfo[]> {
  let files: { configFile: Record<string, Record<string, string | undefined>>; credentialsFile: Record<string, Record<string, string | undefined>> };
  try {
    files = await loadSharedConfigFiles({ ignoreCache: true }) as typeof files;
  } catch {
    return [];
  }
  const out = new Map<string, ProfileInfo>();
  const add = (name: string, p: Record<string, string | undefined>) => {
    if (name.includes('.')) return; // sso-session.x, services.x sections
    const prev = out.get(name);
    const kind: ProfileInfo['kind'] = p.sso_session || p.sso_start_url ? 'sso'
      : p.role_arn ? 'role' : p.credential_process ? 'process' : p.aws_access_key_id ? 'keys' : prev?.kind ?? 'other';
    out.set(name, { name, region: p.region ?? prev?.region, kind: prev && prev.kind !== 'other' && kind === 'other' ? prev.kind : kind });
  };
  for (const [n, p] of Object.entries(files.configFile ?? {})) add(n, p);
  for (const [n, p] of Object.entries(files.credentialsFile ?? {})) add(n, p);
  return [...out.values()].sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

/** Regions where AgentCore Runtime is offered (the picker also accepts any other). */
export const AGENTCORE_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-2', 'ca-central-1', 'eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1',
  'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'ap-northeast-2', 'sa-east-1',
];
