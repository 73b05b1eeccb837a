import { describe, expect, it } from 'vitest';
import { generatedIdentityNumber } from '../shared/domain/complaints/complaint-mother.ts';
import { personalDataIn } from './personal-data-scan.ts';

const logLine = (fields: Record<string, unknown>): string =>
  JSON.stringify({
    level: 'INFO',
    message: 'complaint filed',
    timestamp: '2026-12-04T23:30:47.443Z',
    function_request_id: 'b46f0647-919c-4b26-b2a2-9ced34ece08a',
    ...fields,
  });

describe('the scan of log lines for personal data', () => {
  it.each([
    ['identity number', { idNumber: generatedIdentityNumber('330203', '19920317', '046') }],
    ['phone number', { phone: '13655557777' }],
    ['JWT', { authorization: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' }],
    ['secret token', { queryToken: 'Xq3_vB9kLmN2pQr7sT0uVwYz-AbCdEf1' }],
    ['secret token', { apiKey: 'k7Qm2Zp9Lx4Rt8Vw1Ny6Bc3Hd5Fg0Js2Ka7Ue9Wo' }],
    ['complainant', { error: '姓名端到端测试人不一致' }],
  ])('finds a %s in a line', (kind, fields) => {
    // Act
    const findings = personalDataIn(logLine(fields), ['端到端测试人']);

    // Assess
    expect(findings.map((finding) => finding.kind)).toContain(kind);
  });

  it('passes what a log line is made of: request ids, hashes, receipt numbers, timestamps, masked values', () => {
    // Prepare
    const line = logLine({
      receiptNumber: 'TS20261009K7M2Q9XA',
      digest: 'a'.repeat(24) + '0123456789abcdef0123456789abcdef0123456789ab',
      sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
      epochMillis: 1733356247443,
      masked: { name: '端*****', phone: '136****7777' },
      function_name: 'complaintsmx9ma437-apply-city-structure',
      // A request id whose last group ends in eleven digits starting 15.
      function_request_id: '1d234e6c-799a-4458-8c62-b15691063407',
      idNumberWithWrongCheckCharacter: '330203199203170461',
    });

    // Act
    const findings = personalDataIn(line, ['端到端测试人']);

    // Assess
    expect(findings).toEqual([]);
  });
});
