/**
 * The requirements the audit lists per runtime (so that granted ones appear too) and simulates:
 * the core catalog (server/src/core/catalog). Tests may substitute a catalog.
 */
import { requirementsFor as catalogRequirementsFor } from '../core/catalog';
import type { PermissionRequirement, Requirement, RoleKind } from '../core/model';

let substitute: Requirement[] | undefined;

export function setCatalogForTests(reqs: Requirement[] | undefined): void {
  substitute = reqs;
}

export function requirementsFor(kind: RoleKind): Requirement[] {
  return substitute ? substitute.filter((r) => r.roleKinds.includes(kind)) : catalogRequirementsFor(kind);
}

export function permissionRequirementsFor(kind: RoleKind): PermissionRequirement[] {
  return requirementsFor(kind).filter((r): r is PermissionRequirement => r.kind === 'permission');
}
