/**
 * @module Role-based access control: roles, permissions and the authorisation decision.
 */
export {
  ROLE_NAMES,
  ROLE_PERMISSIONS,
  ROLE_DESCRIPTIONS,
  isRoleName,
  parseRole,
  type RoleName,
} from './roles.js';
export {
  MAX_PERMISSION_LENGTH,
  isWildcard,
  parsePermission,
  permissionMatches,
} from './permission.js';
export { KNOWN_PERMISSIONS, PERMISSION_CATALOG } from './catalog.js';
export {
  checkPermission,
  effectivePermissions,
  rolesTable,
  type Decision,
  type EffectivePermission,
  type Principal,
  type Resource,
  type RoleRow,
} from './authorizer.js';
