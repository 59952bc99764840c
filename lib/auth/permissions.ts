/**
 * Roles and what each may do, and the scope rules as functions of the user and facts about the unit
 * tree. Pure: the database side (db/queries/access.ts) gathers the facts, these functions decide.
 *
 * - admin: everything, everywhere; manages users, targets, units; reads the audit trail.
 * - analyst: reads and exports every commune below their unit, imports for them, approves and unlocks.
 * - reporter: a commune's officer: imports and reads their own commune only (and its counterpart in
 *   the other unit structure), plus the aggregate figures of the scope above it, without other rows.
 * - viewer: reads every commune below their unit; writes nothing.
 */

export const ROLES = ["admin", "analyst", "reporter", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export const CAPABILITIES = [
  "read",
  "export",
  "import",
  "revert",
  "submit",
  "approve",
  "unlock",
  "manageUsers",
  "manageTargets",
  "manageUnits",
  "viewAudit",
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const GRANTS: Record<Role, readonly Capability[]> = {
  admin: CAPABILITIES,
  analyst: ["read", "export", "import", "revert", "submit", "approve", "unlock"],
  reporter: ["read", "export", "import", "submit"],
  viewer: ["read", "export"],
};

/** Capabilities that change data: refused to a role without them, and CSRF-checked on the web. */
export const WRITE_CAPABILITIES: readonly Capability[] = [
  "import",
  "revert",
  "submit",
  "approve",
  "unlock",
  "manageUsers",
  "manageTargets",
  "manageUnits",
];

/** Whether the role may do this at all (the scope check comes on top). */
export function can(role: Role, capability: Capability): boolean {
  return GRANTS[role].includes(capability);
}

/** Whether the role writes anything (imports, approvals, administration). */
export function canWrite(role: Role): boolean {
  return GRANTS[role].some((c) => WRITE_CAPABILITIES.includes(c));
}

export type UnitLevel = "province" | "district" | "commune";

/** A reporter belongs to one commune; the others may sit at any level. */
export function unitLevelAllowed(role: Role, level: UnitLevel): boolean {
  return role === "reporter" ? level === "commune" : true;
}

/** Who the scope is computed for. */
export interface ScopeSubject {
  role: Role;
  unitId: number;
}

/** Facts about the user's unit, read from the unit tree (db/queries/access.ts). */
export interface UnitTreeFacts {
  /** The communes below the user's unit in its own structure (the unit itself when it is a commune). */
  communesBelow: readonly number[];
  /** Their counterparts in the other structure through the 1 July 2025 mapping (old → new and new → old). */
  counterparts: readonly number[];
  /** The parent of the user's unit (for a reporter: the scope whose totals they may see). */
  parentId: number | null;
}

/**
 * What a user may touch. `all`: every unit (the others are then empty). `readUnitIds`: communes whose
 * rows they may see; `writeUnitIds`: communes they may import for; `aggregateUnitId`: the unit whose
 * totals they may see without its communes' rows (a reporter's district), null when none beyond rows.
 */
export interface UserScope {
  all: boolean;
  rootUnitId: number;
  readUnitIds: number[];
  writeUnitIds: number[];
  aggregateUnitId: number | null;
}

function uniqueSorted(ids: Iterable<number>): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** Decide the scope from the role and the tree facts. */
export function buildUserScope(user: ScopeSubject, facts: UnitTreeFacts): UserScope {
  if (user.role === "admin")
    return { all: true, rootUnitId: user.unitId, readUnitIds: [], writeUnitIds: [], aggregateUnitId: null };
  const rows = uniqueSorted([...facts.communesBelow, ...facts.counterparts]);
  return {
    all: false,
    rootUnitId: user.unitId,
    readUnitIds: rows,
    writeUnitIds: can(user.role, "import") ? rows : [],
    aggregateUnitId: user.role === "reporter" ? facts.parentId : null,
  };
}

export function scopeAllowsRead(scope: UserScope, unitId: number): boolean {
  return scope.all || scope.readUnitIds.includes(unitId);
}

export function scopeAllowsWrite(scope: UserScope, unitId: number): boolean {
  return scope.all || scope.writeUnitIds.includes(unitId);
}

/** The units of `unitIds` the scope does not allow, for the error that names them. */
export function outsideScope(scope: UserScope, unitIds: readonly number[], mode: "read" | "write"): number[] {
  const ok = mode === "read" ? scopeAllowsRead : scopeAllowsWrite;
  return uniqueSorted(unitIds.filter((id) => !ok(scope, id)));
}

/**
 * Whether a user may see the totals of `unitId` (a district or province): anyone whose rows cover it,
 * and a reporter for the scope directly above their commune.
 */
export function scopeAllowsAggregate(scope: UserScope, unitId: number): boolean {
  return scope.all || scope.rootUnitId === unitId || scope.aggregateUnitId === unitId;
}

export const PERIOD_STATUSES = ["draft", "submitted", "approved"] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

/**
 * Approval transitions: a commune submits its quarter (draft → submitted); an analyst or administrator
 * approves it (from draft or submitted), sends it back (submitted → draft) or unlocks an approved one
 * (approved → draft). Only approved quarters are locked against imports.
 */
export function transitionCapability(from: PeriodStatus, to: PeriodStatus): Capability | null {
  if (from === to) return null;
  if (to === "submitted") return from === "draft" ? "submit" : null;
  if (to === "approved") return "approve";
  if (to === "draft") return from === "approved" ? "unlock" : "approve";
  return null;
}

export function canTransition(role: Role, from: PeriodStatus, to: PeriodStatus): boolean {
  const capability = transitionCapability(from, to);
  return capability !== null && can(role, capability);
}

/** A password the app accepts: the library hashes it; we only ask for enough length. */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

/** The signed-in person (or the owner of an API token) as every access check sees them. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  unitId: number;
  /** A documented demo account (demo database only): flagged on screen. */
  isDemo: boolean;
  /** How the request proved who it is: the session cookie, or an API token (Bearer). */
  via: "session" | "token";
  /** The API token used, when `via` is "token". */
  tokenId?: number;
}
