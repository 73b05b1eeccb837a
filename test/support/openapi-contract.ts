/**
 * Checks a function's answer against the OpenAPI document the API serves: the status must be one
 * the operation documents, and a JSON body must validate against the schema documented for that
 * status and content type — so a field the document does not declare, or a status it does not
 * list, fails the run as it would fail a client generated from the document.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FunctionAnswer } from '#infra/local/api-server.ts';
import { buildOpenApiDocument } from '#shared/api/openapi-document.ts';

/** An answer the document does not describe. */
export interface ContractViolation {
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly reason: string;
}

interface ResponseObject {
  readonly content?: Record<string, { readonly schema?: unknown }>;
  /** A response described once in `components.responses` (API Gateway's own refusals). */
  readonly $ref?: string;
}

type Operations = Record<string, Record<string, { readonly responses?: Record<string, ResponseObject> }>>;

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => void;

const documentId = 'https://e-supervision.example/openapi.json';

export interface ContractCheck {
  /** The answer's violation of the document, or undefined when the document describes it. */
  check(answer: FunctionAnswer): ContractViolation | undefined;
}

export function createContractCheck(document: Record<string, unknown> = buildOpenApiDocument()): ContractCheck {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: documentId });
  const paths = document['paths'] as Operations;
  const sharedResponses = ((document['components'] as { responses?: Record<string, ResponseObject> } | undefined)?.responses ?? {}) as Record<
    string,
    ResponseObject
  >;
  const validators = new Map<string, ValidateFunction>();

  // JSON pointer into the document: `/` in a segment is `~1`.
  const pointerOf = (segments: readonly string[]): string => segments.map((segment) => segment.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

  /** The response a status names, followed through `$ref` as a client does, with its pointer. */
  const resolve = (response: ResponseObject, pointer: string): { readonly response: ResponseObject; readonly pointer: string } => {
    if (response.$ref === undefined) return { response, pointer };
    const name = response.$ref.replace('#/components/responses/', '');
    return { response: sharedResponses[name] ?? {}, pointer: pointerOf(['components', 'responses', name]) };
  };

  const validatorFor = (responsePointer: string, mediaType: string): ValidateFunction => {
    const key = `${responsePointer} ${mediaType}`;
    let validate = validators.get(key);
    if (validate === undefined) {
      const pointer = `${responsePointer}/${pointerOf(['content', mediaType, 'schema'])}`;
      validate = ajv.compile({ $ref: `${documentId}#/${pointer}` });
      validators.set(key, validate);
    }
    return validate;
  };

  return {
    check(answer) {
      const method = answer.method.toLowerCase();
      const violation = (reason: string): ContractViolation => ({ method: answer.method, route: answer.route, status: answer.status, reason });
      const operation = paths[answer.route]?.[method];
      if (!operation) return violation('the operation is not in the document');
      const responses = operation.responses ?? {};
      const status = [String(answer.status), `${String(answer.status).charAt(0)}XX`, 'default'].find((candidate) => responses[candidate] !== undefined);
      if (status === undefined) return violation(`status ${answer.status} is not documented (documented: ${Object.keys(responses).join(', ')})`);
      const { response, pointer } = resolve(responses[status] ?? {}, pointerOf(['paths', answer.route, method, 'responses', status]));
      const content = response.content;
      const mediaType = (answer.contentType ?? '').split(';')[0]!.trim().toLowerCase();
      if (answer.body.length === 0) return undefined;
      if (!content) return violation(`a ${mediaType || 'body'} body where the document declares none`);
      if (content[mediaType] === undefined)
        return violation(`content type ${mediaType || '(none)'} is not documented (documented: ${Object.keys(content).join(', ')})`);
      if (!mediaType.endsWith('json') || content[mediaType]?.schema === undefined) return undefined;
      let body: unknown;
      try {
        body = JSON.parse(answer.body.toString('utf8'));
      } catch {
        return violation('the body is not JSON');
      }
      const validate = validatorFor(pointer, mediaType);
      if (validate(body)) return undefined;
      const errors = (validate.errors ?? [])
        .slice(0, 5)
        .map(
          (error) =>
            `${error.instancePath || '/'} ${error.message}${error.keyword === 'additionalProperties' ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})` : ''}`,
        );
      return violation(`the body does not match the documented schema: ${errors.join('; ')}`);
    },
  };
}
