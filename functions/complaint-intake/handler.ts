/** Placeholder until the handler lands: answers 501 so the route exists in both runtimes. */
import type { APIGatewayProxyResult } from 'aws-lambda';

export async function handler(): Promise<APIGatewayProxyResult> {
  return { statusCode: 501, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify({ type: 'about:blank', title: 'Not implemented yet', status: 501 }) };
}
