/**
 * CORS of one {@link CorsPolicy} (the public complaint routes, the staff routes) on the REST API:
 * an `OPTIONS` method (API Gateway mock integration, no Lambda) on each resource of
 * `corsResources`, and the allowed origins handed to the functions serving those routes, which add
 * `Access-Control-Allow-Origin` to their answers. Department resources never get any.
 *
 * Not `addCorsPreflight`: with several origins it always sends the first one in
 * `Access-Control-Allow-Origin` and the allowed methods to any origin. Here an unlisted origin gets
 * a 403 without any `Access-Control-Allow-*` header, as in the local runtime (`corsPreflight`).
 */
import { MockIntegration, PassthroughBehavior, type IResource, type Method, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { corsFunctionNames, corsResources, refusedPreflightBody, type CorsResource } from '#shared/http/cors.ts';
import { routes as topologyRoutes, type CorsPolicy, type RouteSpec } from '#shared/topology.ts';
import { acknowledge, securityAcknowledgments } from '../security-acknowledgments.ts';
import type { AppFunction } from './app-function.ts';

/** What {@link enableCors} needs. */
export interface CorsProps {
  readonly api: RestApi;
  /** Which routes, and what their pages send and read. */
  readonly policy: CorsPolicy;
  /** Normalised origins (e.g. `api.publicCorsOrigins`, the site's origin); empty: CORS off. */
  readonly allowedOrigins: readonly string[];
  /** The stack's functions by topology name. */
  readonly functions: Readonly<Record<string, AppFunction>>;
  /** Defaults to the topology's routes. */
  readonly routes?: readonly RouteSpec[];
}

/** The request's `Origin` header into `$origin` (`""` when absent); HTTP/2 clients send the name in lower case. */
const readOrigin = [
  `#set($origin = "$!input.params().header.get('Origin')")`,
  '#if($origin == "")',
  `#set($origin = "$!input.params().header.get('origin')")`,
  '#end',
];

/** VTL condition: `$origin` is one of the listed origins (exact comparison, as `allowedOrigin`). */
const isListed = (origins: readonly string[]): string => origins.map((origin) => `$origin == "${origin}"`).join(' || ');

/**
 * The mock integration's request template decides: 204 for a listed origin, 403 otherwise; the
 * integration response is selected by that status code.
 */
export const preflightRequestTemplate = (origins: readonly string[]): string =>
  [...readOrigin, `#if(${isListed(origins)})`, '{"statusCode": 204}', '#else', '{"statusCode": 403}', '#end'].join('\n');

/** The 204 answer echoes the request's (listed) origin over the static placeholder. */
export const preflightAllowedResponseTemplate = (origins: readonly string[]): string =>
  [...readOrigin, `#if(${isListed(origins)})`, '#set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)', '#end'].join('\n');

const quoted = (value: string): string => `'${value}'`;

/** Adds the preflight `OPTIONS` method of one CORS resource. */
export function addCorsPreflight(resource: IResource, policy: CorsPolicy, cors: CorsResource, allowedOrigins: readonly string[]): Method {
  const [firstOrigin] = allowedOrigins;
  if (firstOrigin === undefined) throw new Error(`no allowed origin for the preflight of ${cors.path}`);
  const allowedHeaders: Record<string, string> = {
    // Overwritten by the response template with the request's origin, which is listed.
    'Access-Control-Allow-Origin': quoted(firstOrigin),
    'Access-Control-Allow-Methods': quoted(cors.methods.join(',')),
    'Access-Control-Allow-Headers': quoted(policy.allowedHeaders.join(',')),
    'Access-Control-Max-Age': quoted(String(policy.maxAgeSeconds)),
    Vary: quoted('Origin'),
  };
  const refusedHeaders: Record<string, string> = { 'Content-Type': quoted('application/problem+json'), Vary: quoted('Origin') };
  const mapped = (headers: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(headers).map(([name, value]) => [`method.response.header.${name}`, value]));
  const declared = (headers: Record<string, string>): Record<string, boolean> =>
    Object.fromEntries(Object.keys(headers).map((name) => [`method.response.header.${name}`, true]));

  const method = resource.addMethod(
    'OPTIONS',
    new MockIntegration({
      // A preflight has no body; anything with a content type the template does not know is refused (415).
      passthroughBehavior: PassthroughBehavior.NEVER,
      requestTemplates: { 'application/json': preflightRequestTemplate(allowedOrigins) },
      integrationResponses: [
        {
          statusCode: '204',
          responseParameters: mapped(allowedHeaders),
          responseTemplates: { 'application/json': preflightAllowedResponseTemplate(allowedOrigins) },
        },
        {
          statusCode: '403',
          selectionPattern: '403',
          responseParameters: mapped(refusedHeaders),
          responseTemplates: { 'application/json': refusedPreflightBody(policy) },
        },
      ],
    }),
    {
      methodResponses: [
        { statusCode: '204', responseParameters: declared(allowedHeaders) },
        { statusCode: '403', responseParameters: declared(refusedHeaders) },
      ],
    },
  );
  acknowledge(method, policy.auth === 'staff' ? securityAcknowledgments.staffCorsPreflight : securityAcknowledgments.corsPreflight);
  return method;
}

/**
 * Enables CORS on the policy's routes for the listed origins: the origins in the policy's variable
 * on the functions serving them (empty: CORS off, which they read at cold start all the same), and
 * a preflight method on each of their resources while there are origins.
 * @returns the preflight methods created
 */
export function enableCors(props: CorsProps): Method[] {
  const { api, policy, allowedOrigins, functions } = props;
  const routes = props.routes ?? topologyRoutes;
  for (const name of corsFunctionNames(policy, routes)) {
    const appFunction = functions[name];
    if (appFunction === undefined) throw new Error(`CORS route served by ${name}, which is not a function of the stack`);
    appFunction.function.addEnvironment(policy.environmentName, allowedOrigins.join(','));
  }
  if (allowedOrigins.length === 0) return [];
  return corsResources(policy, routes).map((cors) => addCorsPreflight(api.root.resourceForPath(cors.path), policy, cors, allowedOrigins));
}
