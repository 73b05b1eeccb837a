/**
 * Signing in with the city's identity provider: the OIDC authorization code flow with PKCE
 * (oidc-client-ts), the console being a public client. Which provider and client id come from the
 * deployment's `/console-config.json`, so one build serves every deployment. Tokens live in the
 * tab's session storage: closing the tab ends the session.
 */
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';

/** The deployment's settings for the console. */
export interface ConsoleConfiguration {
  readonly oidc: { readonly authority: string; readonly clientId: string; readonly scope: string };
  /** The API's own origin where the console calls it there (AWS China); absent: the console's own origin. */
  readonly apiOrigin?: string;
}

/** Where the provider sends the browser back with the code. */
export const signInCallbackPath = '/auth/callback';

export async function loadConsoleConfiguration(): Promise<ConsoleConfiguration> {
  const response = await fetch('/console-config.json', { cache: 'no-cache' });
  if (!response.ok) throw new Error(`控制台配置读取失败（HTTP ${response.status}）`);
  return (await response.json()) as ConsoleConfiguration;
}

export function createSignIn(configuration: ConsoleConfiguration): UserManager {
  const origin = window.location.origin;
  return new UserManager({
    authority: configuration.oidc.authority,
    client_id: configuration.oidc.clientId,
    scope: configuration.oidc.scope,
    response_type: 'code',
    redirect_uri: `${origin}${signInCallbackPath}`,
    post_logout_redirect_uri: `${origin}/`,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // No refresh tokens or hidden frames: when the token expires, the person signs in again.
    automaticSilentRenew: false,
    monitorSession: false,
    loadUserInfo: false,
  });
}

/** Where to return after signing in (kept in the request's state). */
export interface SignInState {
  readonly returnTo: string;
}

/** Completes a sign-in on the callback address; resolves with the address to go back to. */
export async function completeSignIn(signIn: UserManager): Promise<string> {
  const user: User = await signIn.signinRedirectCallback();
  const returnTo = (user.state as SignInState | undefined)?.returnTo;
  // Only a path of this site: the state came back through the browser.
  return typeof returnTo === 'string' && returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/';
}

/** The signed-in person, or null when nobody is or the token has expired. */
export async function currentUser(signIn: UserManager): Promise<User | null> {
  const user = await signIn.getUser();
  if (user && !user.expired) return user;
  if (user) await signIn.removeUser();
  return null;
}
