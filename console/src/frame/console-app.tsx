/**
 * The console's frame: Ant Design in Chinese, the sign-in gate, the header with who is signed in,
 * and the page of the current address. Pages are loaded when first shown (`routes.tsx`).
 */
import { App as AntApp, Button, ConfigProvider, Layout, Result, Spin, Typography } from 'antd';
// The ES modules: the CommonJS `antd/locale/*` reach an ES package as `{ default }`, and every built-in text fell back to English.
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import type { UserManager } from 'oidc-client-ts';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { createApiClient, type ApiClient } from '../api/client';
import { completeSignIn, createSignIn, currentUser, loadConsoleConfiguration, signInCallbackPath, type SignInState } from '../auth/sign-in';
import { staffMemberOf, type StaffMember } from '../auth/staff-member';
import { LanguageProvider, useLanguage } from '../language/language';
import { accessibleTheme } from './accessible-theme';
import { mayOpen, pageFor } from './routes';
import { SignedInHeader } from './signed-in-header';

// The menu is its own chunk: the first screen's JavaScript stays within its budget.
const ConsoleMenu = lazy(() => import('./console-menu'));

type Session =
  | { readonly state: 'starting' }
  | { readonly state: 'signedOut'; readonly signIn: UserManager; readonly expired: boolean }
  | { readonly state: 'signedIn'; readonly signIn: UserManager; readonly member: StaffMember; readonly accessToken: string; readonly apiOrigin?: string }
  | { readonly state: 'failed'; readonly reason: string };

/** Started once per page load: a callback's code may be exchanged only once. */
let starting: Promise<Session> | undefined;

async function startSession(): Promise<Session> {
  const configuration = await loadConsoleConfiguration();
  const signIn = createSignIn(configuration);
  const api = configuration.apiOrigin === undefined ? {} : { apiOrigin: configuration.apiOrigin };
  if (window.location.pathname === signInCallbackPath) {
    const returnTo = await completeSignIn(signIn);
    window.history.replaceState(null, '', returnTo);
  }
  const user = await currentUser(signIn);
  return user
    ? { state: 'signedIn', signIn, member: staffMemberOf(user), accessToken: user.access_token, ...api }
    : { state: 'signedOut', signIn, expired: false };
}

export function ConsoleApp() {
  return (
    <LanguageProvider>
      <LocalizedApp />
    </LanguageProvider>
  );
}

function LocalizedApp() {
  const { language } = useLanguage();
  return (
    // No space forced between two-character Chinese button labels (“登录”, “签收”): they read as words.
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={accessibleTheme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <SessionGate />
      </AntApp>
    </ConfigProvider>
  );
}

function SessionGate() {
  const { strings } = useLanguage();
  const [session, setSession] = useState<Session>({ state: 'starting' });

  useEffect(() => {
    starting ??= startSession().catch((error: unknown): Session => ({ state: 'failed', reason: error instanceof Error ? error.message : String(error) }));
    void starting.then(setSession);
  }, []);

  switch (session.state) {
    case 'starting':
      return <Spin fullscreen tip={strings.loading} />;
    case 'failed':
      return <Result status="error" title={strings.signInFailed} subTitle={session.reason} extra={<Button href="/">{strings.backHome}</Button>} />;
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
  const { strings } = useLanguage();
  const returnTo = `${window.location.pathname}${window.location.search}`;
  return (
    <main>
      <Result
        status={expired ? 'warning' : 'info'}
        title={<h1 style={{ font: 'inherit', margin: 0 }}>{strings.systemName}</h1>}
        subTitle={expired ? strings.signInExpired : strings.signInPrompt}
        extra={
          <Button type="primary" size="large" onClick={() => void signIn.signinRedirect({ state: { returnTo } satisfies SignInState })}>
            {strings.signIn}
          </Button>
        }
      />
    </main>
  );
}

function SignedInFrame({ session, onExpired }: { readonly session: Extract<Session, { state: 'signedIn' }>; readonly onExpired: () => void }) {
  const { language } = useLanguage();
  const api: ApiClient = useMemo(
    () => createApiClient({ accessToken: () => session.accessToken, onUnauthorized: onExpired, language, apiOrigin: session.apiOrigin }),
    [session, onExpired, language],
  );
  const route = pageFor(window.location.pathname, window.location.search);
  const Page = route.page;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <SignedInHeader api={api} member={session.member} onSignOut={() => void session.signIn.signoutRedirect()} />
      <Suspense fallback={null}>
        <ConsoleMenu member={session.member} />
      </Suspense>
      <Layout.Content style={{ padding: '24px 32px' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {language === 'en' ? (route.titleEn ?? route.title) : route.title}
        </Typography.Title>
        <Suspense fallback={<Spin />}>
          {mayOpen(route, session.member) ? (
            <Page api={api} member={session.member} params={route.params} />
          ) : (
            <Result
              status="403"
              title={language === 'en' ? 'Not available' : '无权查看'}
              subTitle={language === 'en' ? 'Your role cannot use this page.' : '您的角色不能使用该页面。'}
            />
          )}
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
