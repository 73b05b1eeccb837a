/**
 * The credential chain of the function bundles, put in the place of the SDK's default Node chain
 * (`@aws-sdk/credential-provider-node`) when a function is bundled (`functionBundling.alias`).
 * A function's credentials are always its role's, set by Lambda (and by the local runtime's
 * sandbox) in `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`: the first link
 * of the default chain, which is where it stops in Lambda. The rest of that chain (SSO, shared
 * config and credentials files, credential processes, web identity, container and instance
 * metadata) never answers there, yet it carries the STS, SSO and sign-in clients into every
 * bundle: about 130 KiB each. Code run outside a bundle (tests, operations commands) keeps the
 * SDK's whole chain.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * What the SDK clients import from `@aws-sdk/credential-provider-node`. The client memoizes the
 * identity it returns, as it does the default chain's.
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}): ReturnType<typeof fromEnv> => fromEnv(init);
