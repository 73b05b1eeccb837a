/**
 * The local identity provider's pages: the sign-in page listing the demo staff, and a page for a
 * request it cannot serve. Plain HTML without scripts, under a Content-Security-Policy that
 * allows only its own style sheet (by hash) and posting its form.
 */
import { createHash } from 'node:crypto';
import type { DemoStaffIdentity } from './demo-staff.ts';
import type { IdentityProviderAnswer } from './authorization-code-flow.ts';

const roleNames: Record<DemoStaffIdentity['role'], string> = {
  citySupervisor: '市级监察员',
  districtSupervisor: '区（县、市）监察员',
  departmentLiaison: '部门联络员',
  auditor: '审计员',
  securityAdministrator: '安全管理员',
  systemAdministrator: '系统管理员',
};

const style = `
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; background: #f5f5f5; color: #1f1f1f; }
main { max-width: 560px; margin: 48px auto; background: #fff; padding: 32px 40px; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.08); }
h1 { font-size: 22px; margin: 0 0 8px; }
.notice { background: #fffbe6; border: 1px solid #ffe58f; padding: 8px 12px; border-radius: 4px; font-size: 14px; }
.en { color: #8c8c8c; font-size: 13px; }
button { display: block; width: 100%; text-align: left; margin: 12px 0; padding: 12px 16px; font: inherit; background: #fff; border: 1px solid #d9d9d9; border-radius: 6px; cursor: pointer; }
button:hover, button:focus { border-color: #1677ff; outline: none; }
.name { font-weight: 600; }
.detail { color: #595959; font-size: 14px; }
`;

const styleHash = `'sha256-${createHash('sha256').update(style).digest('base64')}'`;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!);

function page(statusCode: number, title: string, content: string, formAction: string): IdentityProviderAnswer {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // form-action covers the redirect that follows the post, to the application's origin.
      'content-security-policy': `default-src 'none'; style-src ${styleHash}; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
    body: `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${style}</style></head>
<body><main>
${content}
</main></body>
</html>
`,
  };
}

/** The sign-in page: one button per demo staff member, posting the authorization request back. */
export function signInPage(input: {
  readonly action: string;
  readonly fields: readonly (readonly [string, string])[];
  readonly staff: readonly DemoStaffIdentity[];
  readonly redirectOrigin: string;
}): IdentityProviderAnswer {
  const hidden = input.fields.map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`).join('\n');
  const buttons = input.staff
    .map(
      (person) =>
        `<button type="submit" name="staff" value="${escapeHtml(person.id)}"><span class="name">${escapeHtml(person.name)}</span> · ${escapeHtml(roleNames[person.role])}<br><span class="detail">${escapeHtml(person.title)}</span></button>`,
    )
    .join('\n');
  return page(
    200,
    '登录 · 本地身份提供者',
    `<h1>登录行政电子监察系统</h1>
<p class="notice">这是本机运行环境自带的身份提供者，代替市统一身份认证平台，仅供开发和演示使用：无需密码，选择一位演示工作人员即可登录。</p>
<p class="en">Local stand-in for the city's identity provider, for development only: pick a demo staff member to sign in as.</p>
<form method="post" action="${escapeHtml(input.action)}">
${hidden}
${buttons}
</form>`,
    `'self' ${input.redirectOrigin}`,
  );
}

/** A page for what the provider will not do (an unknown application, an unregistered address) or has done (signed out). */
export function signInProblemPage(statusCode: number, title: string, english: string): IdentityProviderAnswer {
  return page(statusCode, title, `<h1>${escapeHtml(title)}</h1>\n<p class="en">${escapeHtml(english)}</p>`, "'none'");
}
