/**
 * The local Lambda endpoint answers the real `@aws-sdk/client-lambda` as Lambda does: the
 * function's result as the payload, an error the function threw as a function error, an unknown
 * function or an asynchronous invocation with Lambda's error codes.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLambdaEndpoint, type LambdaEndpoint } from '#infra/local/lambda-endpoint.ts';

let endpoint: LambdaEndpoint;
let client: LambdaClient;
const invoked: { name: string; event: unknown }[] = [];

beforeAll(async () => {
  endpoint = await startLambdaEndpoint({
    functions: [
      {
        name: 'verify-records',
        functionName: 'esup-x-verify-records',
        functionArn: 'arn:aws-cn:lambda:cn-north-1:000000000000:function:esup-x-verify-records',
      },
    ],
    invoke: async (name, event) => {
      invoked.push({ name, event });
      if ((event as { fail?: boolean }).fail) throw Object.assign(new Error('hours are written YYYY-MM-DDTHH'), { name: 'ZodError' });
      return { records: 3 };
    },
  });
  client = new LambdaClient({
    endpoint: endpoint.endpoint,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client?.destroy();
  await endpoint?.stop();
});

const payload = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const text = (bytes: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(bytes));

describe('the local Lambda endpoint', () => {
  it('invokes the function named by its name or ARN with the event, and answers its result', async () => {
    // Act
    const byName = await client.send(new InvokeCommand({ FunctionName: 'esup-x-verify-records', Payload: payload({ verify: { from: 'a', to: 'b' } }) }));
    const byArn = await client.send(
      new InvokeCommand({ FunctionName: 'arn:aws-cn:lambda:cn-north-1:000000000000:function:esup-x-verify-records', Payload: payload({}) }),
    );

    // Assess
    expect(byName.StatusCode).toBe(200);
    expect(byName.FunctionError).toBeUndefined();
    expect(text(byName.Payload)).toEqual({ records: 3 });
    expect(text(byArn.Payload)).toEqual({ records: 3 });
    expect(invoked[0]).toEqual({ name: 'verify-records', event: { verify: { from: 'a', to: 'b' } } });
  });

  it('answers an error the function threw as an unhandled function error, with its type and message', async () => {
    // Act
    const reply = await client.send(new InvokeCommand({ FunctionName: 'esup-x-verify-records', Payload: payload({ fail: true }) }));

    // Assess
    expect(reply.FunctionError).toBe('Unhandled');
    expect(text(reply.Payload)).toMatchObject({ errorType: 'ZodError', errorMessage: 'hours are written YYYY-MM-DDTHH' });
  });

  it("refuses an unknown function and an asynchronous invocation with Lambda's codes", async () => {
    // Act
    const unknown = await client.send(new InvokeCommand({ FunctionName: 'esup-x-nothing', Payload: payload({}) })).catch((error: Error) => error);
    const asynchronous = await client
      .send(new InvokeCommand({ FunctionName: 'esup-x-verify-records', InvocationType: 'Event', Payload: payload({}) }))
      .catch((error: Error) => error);

    // Assess
    expect(unknown).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(asynchronous).toMatchObject({ name: 'InvalidParameterValueException' });
  });
});
