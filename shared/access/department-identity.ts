/**
 * The department behind a SigV4-signed request. API Gateway (IAM auth) puts the caller's
 * assumed-role ARN in `requestContext.identity.userArn`; each department has its own role named
 * `<prefix><department>`. The department is taken from there and nowhere else.
 */
import { DepartmentId } from '../domain/records/identifiers.ts';
import { IdentityNotRecognised } from '../domain/access-refusals.ts';
import type { DepartmentPrincipal } from './principal.ts';

const assumedRole = /^arn:[a-z-]+:sts::\d{12}:assumed-role\/([^/]+)\/[^/]+$/;

export function departmentFromCallerArn(userArn: string | null | undefined, rolePrefix: string): DepartmentPrincipal {
  const roleName = userArn ? assumedRole.exec(userArn)?.[1] : undefined;
  const department = roleName?.startsWith(rolePrefix) ? roleName.slice(rolePrefix.length) : undefined;
  if (department === undefined || !DepartmentId.safeParse(department).success) {
    throw new IdentityNotRecognised(
      { zh: '不是部门身份', en: 'Not a department identity' },
      { zh: '只接收以部门角色提交的记录。', en: 'Records are accepted only from a department role.' },
    );
  }
  return { kind: 'department', department };
}
