/**
 * The words of the findings about a component's own requests (core/analysis/own-requests.ts,
 * core/analysis/placement.ts), one template per language as types.ts has for the other findings:
 * actions, ARNs, addresses and Sids come in as they are.
 */
import type { Locale } from './types';
import { inLocale } from './locale';

export interface OwnRequestMessages {
  readonly locale: Locale;
  /** A grant that covers the component's own resources only (rule narrow-grant). */
  narrowGrant(a: { actions: string[]; own: string; documented: string; statement: string; who: string }): string;
  /** The role hover's note on such a grant. */
  narrowNote(own: string): string;
  /** The image's repository is in another account: its repository policy must allow the role too. */
  otherAccountRepository(account: string): string;
  /** Own resources in another account than the role's: their resource-based policy must allow the role too. */
  otherAccountResource(a: { resources: string[]; account: string; actions: string[] }): string;
  /** A resource and what requests it: `ARN (target X)`. */
  requestedBy(resource: string, from: string): string;
  /** The statement with the right actions whose resource or condition leaves the request out. */
  almostGrants(sid: string | undefined): string;
  /** The permissions boundary is what blocks: the identity policies grant it. */
  boundaryBlocks(a: { actions: string[]; on: string; boundary: string; who: string }): string;
  /** Titles of the fixes that correct a statement. */
  fixScope(sid: string | undefined): string;
  fixAddResource(sid: string | undefined): string;
  fixBoundary(actions: string[]): string;
}

const sidText = (sid: string | undefined) => (sid ? `"${sid}"` : '');

export const ownRequestsEn: OwnRequestMessages = {
  locale: 'en',
  narrowGrant: ({ actions, own, documented, statement, who }) =>
    `Granted for this component's own resources only: ${actions.join(', ')} on ${own}, narrower than the documented statement${statement ? ` ${statement}` : ''} on ${documented}. A rename of the resource or a new one (a repository, a target, a runtime name, a model, a bucket) needs the policy changed too. ${who}.`,
  narrowNote: (own) => `for this component's own ${own} only, narrower than documented`,
  otherAccountRepository: (account) =>
    `The image's repository is in account ${account}: its repository policy must also allow this role ecr:BatchGetImage and ecr:GetDownloadUrlForLayer (not checked here).`,
  otherAccountResource: ({ resources, account, actions }) =>
    `${resources.join(', ')} ${resources.length > 1 ? 'are' : 'is'} in account ${account}, not the role's: ${resources.length > 1 ? 'their' : 'its'} resource-based policy must also allow this role ${actions.join(', ')} (not checked here).`,
  requestedBy: (resource, from) => `${resource} (${from})`,
  almostGrants: (sid) => `The statement ${sidText(sid)} has these actions, but its resource or condition leaves out what the component requests.`.replace('  ', ' '),
  boundaryBlocks: ({ actions, on, boundary, who }) =>
    `The permissions boundary ${boundary} does not allow ${actions.join(', ')} on ${on}: the identity policies grant it, the boundary blocks it. ${who}.`,
  fixScope: (sid) => (sid ? `Correct the resource of statement ${sidText(sid)}` : "Correct the statement's resource"),
  fixAddResource: (sid) => `Add the component's resource to ${sid ? `statement ${sidText(sid)}` : 'the statement'}`,
  fixBoundary: (actions) => `Allow ${actions.join(', ')} in the permissions boundary`,
};

export const ownRequestsJa: OwnRequestMessages = {
  locale: 'ja',
  narrowGrant: ({ actions, own, documented, statement, who }) =>
    `このコンポーネント自身のリソースに限って許可されています: ${own} に対する ${actions.join(', ')}。ドキュメントのステートメント${statement ? ` ${statement}` : ''}（${documented}）より狭いため、リソースの名前変更や追加（リポジトリ、ターゲット、ランタイム名、モデル、バケット）の際はポリシーも変更が必要です。${who}。`,
  narrowNote: (own) => `このコンポーネント自身の ${own} のみ。ドキュメントより狭い`,
  otherAccountRepository: (account) =>
    `イメージのリポジトリはアカウント ${account} にあります: そのリポジトリポリシーでもこのロールに ecr:BatchGetImage と ecr:GetDownloadUrlForLayer を許可する必要があります（ここでは確認していません）。`,
  otherAccountResource: ({ resources, account, actions }) =>
    `${resources.join(', ')} はロールのアカウントではなくアカウント ${account} にあります: そのリソースベースポリシーでもこのロールに ${actions.join(', ')} を許可する必要があります（ここでは確認していません）。`,
  requestedBy: (resource, from) => `${resource}（${from}）`,
  almostGrants: (sid) => `ステートメント ${sidText(sid)} はこのアクションを持っていますが、リソースまたは条件がコンポーネントの要求を含んでいません。`,
  boundaryBlocks: ({ actions, on, boundary, who }) =>
    `アクセス許可の境界 ${boundary} が ${on} に対する ${actions.join(', ')} を許可していません: アイデンティティポリシーは許可していますが、境界が拒否しています。${who}。`,
  fixScope: (sid) => (sid ? `ステートメント ${sidText(sid)} のリソースを修正` : 'ステートメントのリソースを修正'),
  fixAddResource: (sid) => (sid ? `ステートメント ${sidText(sid)} にコンポーネントのリソースを追加` : 'ステートメントにコンポーネントのリソースを追加'),
  fixBoundary: (actions) => `アクセス許可の境界で ${actions.join(', ')} を許可`,
};

export function ownRequestMessagesFor(locale: string | undefined): OwnRequestMessages {
  return inLocale(locale, ownRequestsEn, ownRequestsJa);
}
