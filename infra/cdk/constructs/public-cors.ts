/**
 * CORS for the public complaint routes on the REST API: an `OPTIONS` method (API Gateway mock
 * integration, no Lambda) on each resource of `corsResources`, and the allowed origins handed to
 * the functions serving those routes, which add `Access-Control-Allow-Origin` to their answers.
 * Staff and department resources get nothing.
 *
 * Not `addCorsPreflight`: with several origins it always sends the first one in
 * `Access-Control-Allow-Origin` and the allowed methods to any origin. Here an unlisted origin gets
 * a 403 without any `Access-Control-Allow-*` header, as in the local runtime (`corsPreflight`).
 */
import { MockIntegration, PassthroughBehavior, type IResource, type Method, type RestApi } from 'aws-cdk-lib/aws-apigateway';
import { corsFunctionNames, corsResources, refusedPreflightBody, type CorsResource } from '#shared/http/public-cors.ts';
import { publicCors, routes as topologyRoutes, type RouteSpec } from '#shared/topology.ts';
import { acknowledge, securityAcknowledgments } from '../security-acknowledgments.ts';
import type { AppFunction } from './app-function.ts';

/** What {@link enablePublicCors} needs. */
export interface PublicCorsProps {
  readonly api: RestApi;
  /** Normalised origins (deployment configuration `api.publicCorsOrigins`); empty: CORS off. */
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
export function addPublicCorsPreflight(resource: IResource, cors: CorsResource, allowedOrigins: readonly string[]): Method {
  const [firstOrigin] = allowedOrigins;
  if (firstOrigin === undefined) throw new Error(`no allowed origin for the preflight of ${cors.path}`);
  const allowedHeaders: Record<string, string> = {
    // Overwritten by the response template with the request's origin, which is listed.
    'Access-Control-Allow-Origin': quoted(firstOrigin),
    'Access-Control-Allow-Methods': quoted(cors.methods.join(',')),
    'Access-Control-Allow-Headers': quoted(publicCors.allowedHeaders.join(',')),
    'Access-Control-Max-Age': quoted(String(publicCors.maxAgeSeconds)),
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
          responseTemplates: { 'application/json': refusedPreflightBody },
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
  acknowledge(method, securityAcknowledgments.corsPreflight);
  return method;
}

/**
 * Enables CORS on the public complaint routes for the listed origins: a preflight method on each
 * of their resources, and `PUBLIC_CORS_ORIGINS` on the functions serving them. Does nothing
 * without origins.
 * @returns the preflight methods created
 */
export function enablePublicCors(props: PublicCorsProps): Method[] {
  const { api, allowedOrigins, functions } = props;
  const routes = props.routes ?? topologyRoutes;
  if (allowedOrigins.length === 0) return [];
  for (const name of corsFunctionNames(routes)) {
    const appFunction = functions[name];
    if (appFunction === undefined) throw new Error(`CORS route served by ${name}, which is not a function of the stack`);
    appFunction.function.addEnvironment(publicCors.environmentName, allowedOrigins.join(','));
  }
  return corsResources(routes).map((cors) => addPublicCorsPreflight(api.root.resourceForPath(cors.path), cors, allowedOrigins));
}
