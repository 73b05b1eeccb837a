/**
 * The staff member behind a console request, from the context the staff authorizer attached
 * (`requestContext.authorizer`). Checked again here, so a handler never acts on a malformed
 * context, and the route's roles are enforced a second time (defence in depth).
 */
import * as z from 'zod';
import { IdentityNotRecognised, RoleNotPermitted } from '../domain/access-refusals.ts';
import { staffRoles, type StaffRole } from '../topology.ts';
import type { StaffPrincipal } from './principal.ts';

const AuthorizerContext = z.object({
  subject: z.string().min(1),
  role: z.enum(staffRoles),
  jurisdiction: z.string().min(1),
  department: z.string().optional(),
  // REST APIs pass the authorizer's context values to the integration as strings.
  secondFactor: z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]).optional(),
});

export function staffPrincipalFrom(authorizer: unknown, allowedRoles: readonly StaffRole[] | undefined): StaffPrincipal {
  const parsed = AuthorizerContext.safeParse(authorizer);
  if (!parsed.success) throw new IdentityNotRecognised({ zh: '缺少工作人员身份', en: 'No staff identity' });
  const { subject, role, jurisdiction, department, secondFactor = false } = parsed.data;
  if (allowedRoles && !allowedRoles.includes(role))
    throw new RoleNotPermitted(
      { zh: '该角色无权访问此接口', en: 'Role not allowed here' },
      { zh: `角色 ${role} 无权使用此接口。`, en: `The role ${role} may not use this endpoint.` },
    );
  return department ? { kind: 'staff', subject, role, jurisdiction, department, secondFactor } : { kind: 'staff', subject, role, jurisdiction, secondFactor };
}
