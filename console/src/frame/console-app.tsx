/**
 * The console's frame: Ant Design in Chinese, the sign-in gate, the header with who is signed in,
 * and the page of the current address. Pages are loaded when first shown (`routes.tsx`).
 */
import { App as AntApp, Button, ConfigProvider, Layout, Result, Spin, Typography } from 'antd';
// The ES module: the CommonJS `antd/locale/zh_CN` reaches an ES package as `{ default }`, and every text fell back to English.
import zhCN from 'antd/es/locale/zh_CN';
import type { UserManager } from 'oidc-client-ts';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { createApiClient, type ApiClient } from '../api/client';
import { completeSignIn, createSignIn, currentUser, loadConsoleConfiguration, signInCallbackPath, type SignInState } from '../auth/sign-in';
import { staffMemberOf, type StaffMember } from '../auth/staff-member';
import { mayOpen, pageFor } from './routes';
import { SignedInHeader } from './signed-in-header';

// The menu is its own chunk: the first screen's JavaScript stays within its budget.
const ConsoleMenu = lazy(() => import('./console-menu'));

type Session =
  | { readonly state: 'starting' }
  | { readonly state: 'signedOut'; readonly signIn: UserManager; readonly expired: boolean }
  | { readonly state: 'signedIn'; readonly signIn: UserManager; readonly member: StaffMember; readonly accessToken: string }
  | { readonly state: 'failed'; readonly reason: string };

/** Started once per page load: a callback's code may be exchanged only once. */
let starting: Promise<Session> | undefined;

async function startSession(): Promise<Session> {
  const signIn = createSignIn(await loadConsoleConfiguration());
  if (window.location.pathname === signInCallbackPath) {
    const returnTo = await completeSignIn(signIn);
    window.history.replaceState(null, '', returnTo);
  }
  const user = await currentUser(signIn);
  return user ? { state: 'signedIn', signIn, member: staffMemberOf(user), accessToken: user.access_token } : { state: 'signedOut', signIn, expired: false };
}

export function ConsoleApp() {
  return (
    // No space forced between two-character Chinese button labels (“登录”, “签收”): they read as words.
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <AntApp>
        <SessionGate />
      </AntApp>
    </ConfigProvider>
  );
}

function SessionGate() {
  const [session, setSession] = useState<Session>({ state: 'starting' });

  useEffect(() => {
    starting ??= startSession().catch((error: unknown): Session => ({ state: 'failed', reason: error instanceof Error ? error.message : String(error) }));
    void starting.then(setSession);
  }, []);

  switch (session.state) {
    case 'starting':
      return <Spin fullscreen tip="正在载入…" />;
    case 'failed':
      return <Result status="error" title="登录未完成" subTitle={session.reason} extra={<Button href="/">返回首页</Button>} />;
    case 'signedOut':
      return <SignInScreen signIn={session.signIn} expired={session.expired} />;
    case 'signedIn':
      return (
        <SignedInFrame
          session={session}
          onExpired={() => {
            void session.signIn.removeUser();
            setSession({ state: 'signedOut', signIn: session.signIn, expired: true });
          }}
        />
      );
  }
}

function SignInScreen({ signIn, expired }: { readonly signIn: UserManager; readonly expired: boolean }) {
  const returnTo = `${window.location.pathname}${window.location.search}`;
  return (
    <Result
      status={expired ? 'warning' : 'info'}
      title="行政电子监察 · 监察工作台"
      subTitle={expired ? '登录已过期，请重新登录。' : '请使用市统一身份认证平台的工作账号登录。'}
      extra={
        <Button type="primary" size="large" onClick={() => void signIn.signinRedirect({ state: { returnTo } satisfies SignInState })}>
          登录
        </Button>
      }
    />
  );
}

function SignedInFrame({ session, onExpired }: { readonly session: Extract<Session, { state: 'signedIn' }>; readonly onExpired: () => void }) {
  const api: ApiClient = useMemo(() => createApiClient({ accessToken: () => session.accessToken, onUnauthorized: onExpired }), [session, onExpired]);
  const route = pageFor(window.location.pathname);
  const Page = route.page;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <SignedInHeader api={api} member={session.member} onSignOut={() => void session.signIn.signoutRedirect()} />
      <Suspense fallback={null}>
        <ConsoleMenu member={session.member} />
      </Suspense>
      <Layout.Content style={{ padding: '24px 32px' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {route.title}
        </Typography.Title>
        <Suspense fallback={<Spin />}>
          {mayOpen(route, session.member) ? (
            <Page api={api} member={session.member} />
          ) : (
            <Result status="403" title="无权查看" subTitle="您的角色不能使用该页面。" />
          )}
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
