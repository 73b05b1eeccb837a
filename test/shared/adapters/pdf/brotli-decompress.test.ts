/**
 * The Brotli decompression the function bundles carry in place of the `brotli` package's (for
 * fontkit's WOFF2 fonts): Node's own, giving the same bytes as the package for the same input.
 */
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import decompress from '#shared/adapters/pdf/brotli-decompress.ts';

/** The package's own decompression, as fontkit imports it outside a bundle. */
const packageDecompress = createRequire(import.meta.url)('brotli/decompress.js') as (buffer: Uint8Array, outSize?: number) => Uint8Array;

describe('Brotli decompression for fontkit', () => {
  it.each([
    ['text', Buffer.from('宁波市监察委员会 written notice '.repeat(200))],
    ['random bytes', randomBytes(5000)],
    ['nothing', Buffer.alloc(0)],
  ])('gives the bytes the brotli package gives (%s), with and without the expected size', (_, original) => {
    // Prepare
    const compressed = new Uint8Array(brotliCompressSync(original));

    // Act
    const ours = decompress(compressed, original.byteLength);
    const oursUnsized = decompress(compressed);

    // Assess
    expect(Buffer.from(ours).equals(original)).toBe(true);
    expect(Buffer.from(oursUnsized).equals(original)).toBe(true);
    expect(Buffer.from(packageDecompress(compressed, original.byteLength)).equals(Buffer.from(ours))).toBe(true);
  });
});
