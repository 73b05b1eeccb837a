import type { APIGatewayProxyResult } from 'aws-lambda';
import type { Problem } from './problem.ts';

const securityHeaders = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
};

export function jsonResponse(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...securityHeaders, ...headers },
    body: JSON.stringify(body),
  };
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...securityHeaders, ...headers },
    body: JSON.stringify(problem),
  };
}

/** A PDF as API Gateway returns binary: base64 with `isBase64Encoded` (the API lists application/pdf as binary). */
export function pdfResponse(pdf: Uint8Array, fileName: string): APIGatewayProxyResult {
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${fileName}"`, ...securityHeaders },
    body: Buffer.from(pdf).toString('base64'),
    isBase64Encoded: true,
  };
}

/** A CSV download (UTF-8; the body carries its byte-order mark). */
export function csvResponse(csv: string, fileName: string): APIGatewayProxyResult {
  return {
    statusCode: 200,
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName}"`, ...securityHeaders },
    body: csv,
  };
}

/** A file download: bytes as API Gateway returns binary (base64 with `isBase64Encoded`; the API lists the binary media types), text as it is. */
export function fileResponse(content: Uint8Array | string, contentType: string, fileName: string): APIGatewayProxyResult {
  const binary = typeof content !== 'string';
  return {
    statusCode: 200,
    headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${fileName}"`, ...securityHeaders },
    body: binary ? Buffer.from(content).toString('base64') : content,
    ...(binary ? { isBase64Encoded: true } : {}),
  };
}
