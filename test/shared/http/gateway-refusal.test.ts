/**
 * The refusals made before any function runs are the same in AWS and locally: the local API's
 * body is what API Gateway renders from the stack's mapping template for the same refusal.
 */
import { describe, expect, it } from 'vitest';
import { gatewayRefusalBody, gatewayRefusalTemplate, type GatewayRefusal } from '#shared/http/gateway-refusal.ts';

/** API Gateway's substitution of the variables the template uses (`messageString` is the message quoted as JSON). */
const renderedByApiGateway = (refusal: GatewayRefusal): unknown =>
  JSON.parse(
    gatewayRefusalTemplate
      .replaceAll('$context.error.messageString', JSON.stringify(refusal.message))
      .replaceAll('$context.error.responseType', refusal.responseType)
      .replaceAll('$context.requestId', refusal.requestId),
  );

describe('a gateway refusal', () => {
  it.each<GatewayRefusal>([
    { message: 'Missing Authentication Token', responseType: 'MISSING_AUTHENTICATION_TOKEN', requestId: 'r-1' },
    { message: 'User is not authorized to access this resource with an explicit deny', responseType: 'ACCESS_DENIED', requestId: 'r-2' },
    { message: 'He said "no"', responseType: 'UNAUTHORIZED', requestId: 'r-3' },
    { message: null, responseType: 'AUTHORIZER_CONFIGURATION_ERROR', requestId: 'r-4' },
  ])('reads locally as API Gateway renders it ($responseType)', (refusal) => {
    expect(JSON.parse(gatewayRefusalBody(refusal))).toEqual(renderedByApiGateway(refusal));
  });

  it('is a problem body naming the request, with the documented type', () => {
    expect(JSON.parse(gatewayRefusalBody({ message: 'Too Many Requests', responseType: 'THROTTLED', requestId: 'r-9' }))).toEqual({
      type: expect.stringMatching(/problems\.md#gateway-refusal$/),
      title: 'Too Many Requests',
      code: 'THROTTLED',
      instance: 'r-9',
      requestId: 'r-9',
    });
  });
});
