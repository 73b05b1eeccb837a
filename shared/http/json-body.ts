import type { APIGatewayProxyEvent } from 'aws-lambda';
import { InvalidRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors.ts';
import { headerValue } from './header-value.ts';

/** Reads a JSON request body within a byte limit: 415 for another media type, 413 when too large, 400 when not JSON. */
export function parseJsonBody(event: Pick<APIGatewayProxyEvent, 'body' | 'headers' | 'isBase64Encoded'>, maxBytes: number): unknown {
  const contentType = headerValue(event.headers, 'content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType.trim())) {
    throw new UnsupportedMediaTypeError('Send application/json', undefined, [{ pointer: '/headers/content-type', detail: 'must be application/json' }]);
  }
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > maxBytes) {
    throw new PayloadTooLargeError('Request body too large', `At most ${maxBytes} bytes a request.`);
  }
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new InvalidRequestError('Request body is not JSON', undefined, [{ pointer: '/', detail: 'malformed JSON' }]);
  }
}
