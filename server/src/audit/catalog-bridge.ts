/**
 * The requirements the audit lists per runtime (so that granted ones appear too) and simulates.
 * Reads the core catalog (server/src/core/catalog) when it is available.
 */
import type { PermissionRequirement, Requirement, RoleKind } from '../core/model';

let cached: Requirement[] | undefined;

export function setCatalogForTests(reqs: Requirement[] | undefined): void {
  cached = reqs;
}

export function requirementsFor(kind: RoleKind): Requirement[] {
  return (cached ?? loadCatalog()).filter((r) => r.roleKinds.includes(kind));
}

export function permissionRequirementsFor(kind: RoleKind): PermissionRequirement[] {
  return requirementsFor(kind).filter((r): r is PermissionRequirement => r.kind === 'permission');
}

function loadCatalog(): Requirement[] {
  return [];
}
