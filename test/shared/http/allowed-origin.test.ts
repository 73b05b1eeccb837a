import { describe, expect, it } from 'vitest';
import { allowedOrigin, InvalidOriginError, normalizeOrigin, parseAllowedOrigins } from '#shared/http/allowed-origin.ts';

const portal = 'https://ts.ningbo.gov.cn';

describe('the CORS origin check', () => {
  it('answers a listed origin with that origin', () => {
    // Prepare
    const allowed = parseAllowedOrigins([portal, 'https://www.ningbo.gov.cn']);

    // Act
    const answer = allowedOrigin('https://www.ningbo.gov.cn', allowed);

    // Assess
    expect(answer).toBe('https://www.ningbo.gov.cn');
  });

  it('answers nothing to an origin that is not listed, a look-alike included', () => {
    // Prepare
    const allowed = parseAllowedOrigins([portal]);

    // Act
    const answers = ['https://evil.example', 'https://ts.ningbo.gov.cn.evil.example', 'https://xts.ningbo.gov.cn', 'http://ts.ningbo.gov.cn'].map((origin) =>
      allowedOrigin(origin, allowed),
    );

    // Assess
    expect(answers).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('never allows the opaque origin null, nor a request without Origin', () => {
    // Prepare
    const allowed = parseAllowedOrigins([portal]);

    // Act / Assess
    expect(allowedOrigin('null', allowed)).toBeUndefined();
    expect(allowedOrigin(undefined, allowed)).toBeUndefined();
  });

  it('allows nothing while no origin is configured', () => {
    // Act / Assess
    expect(allowedOrigin(portal, parseAllowedOrigins(undefined))).toBeUndefined();
    expect(allowedOrigin(portal, parseAllowedOrigins(''))).toBeUndefined();
  });

  it('matches a listed origin written in capitals with the lower-case origin browsers send', () => {
    // Prepare
    const allowed = parseAllowedOrigins(['HTTPS://TS.Ningbo.GOV.cn']);

    // Act / Assess
    expect(allowed).toEqual([portal]);
    expect(allowedOrigin(portal, allowed)).toBe(portal);
  });

  it('does not match a request origin in capitals, which no browser sends (the gateway compares exactly too)', () => {
    // Act / Assess
    expect(allowedOrigin('HTTPS://TS.NINGBO.GOV.CN', parseAllowedOrigins([portal]))).toBeUndefined();
  });

  it('drops a trailing slash from a listed origin, and does not match a request origin that has one', () => {
    // Prepare
    const allowed = parseAllowedOrigins([`${portal}/`]);

    // Act / Assess
    expect(allowed).toEqual([portal]);
    expect(allowedOrigin(portal, allowed)).toBe(portal);
    expect(allowedOrigin(`${portal}/`, allowed)).toBeUndefined();
  });

  it('drops the default port of the scheme and keeps any other port distinct', () => {
    // Prepare
    const allowed = parseAllowedOrigins(['https://ts.ningbo.gov.cn:443', 'http://localhost:8080']);

    // Act / Assess
    expect(allowed).toEqual([portal, 'http://localhost:8080']);
    expect(allowedOrigin(portal, allowed)).toBe(portal);
    expect(allowedOrigin('https://ts.ningbo.gov.cn:8443', allowed)).toBeUndefined();
    expect(allowedOrigin('http://localhost:8080', allowed)).toBe('http://localhost:8080');
    expect(allowedOrigin('http://localhost:3000', allowed)).toBeUndefined();
    expect(allowedOrigin('http://localhost', allowed)).toBeUndefined();
  });

  it('reads a comma- or space-separated list from an environment variable, without duplicates', () => {
    // Act
    const allowed = parseAllowedOrigins(` ${portal}, https://www.ningbo.gov.cn  ${portal}/ ,`);

    // Assess
    expect(allowed).toEqual([portal, 'https://www.ningbo.gov.cn']);
  });

  it('writes an internationalised host as the punycode browsers send', () => {
    // Act / Assess
    expect(normalizeOrigin('https://宁波.中国')).toBe('https://xn--w9s671b.xn--fiqs8s');
  });

  it.each([
    ['*', /wildcard/],
    ['null', /opaque/],
    ['ts.ningbo.gov.cn', /not a URL/],
    ['ftp://ts.ningbo.gov.cn', /scheme/],
    ['https://user:secret@ts.ningbo.gov.cn', /credentials/],
    ['https://ts.ningbo.gov.cn/complaints', /no path/],
    ['https://ts.ningbo.gov.cn/?a=1', /no path, query/],
    ['https://ts.ningbo.gov.cn#form', /fragment/],
  ])('refuses to list %s', (listed, reason) => {
    // Act
    const listing = () => parseAllowedOrigins([portal, listed]);

    // Assess
    expect(listing).toThrow(InvalidOriginError);
    expect(listing).toThrow(reason);
  });
});
