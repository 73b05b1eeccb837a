/**
 * fontkit's Brotli decompression (for WOFF2 fonts) on Node's own Brotli, put in the place of the
 * `brotli` package's `decompress.js` when a function is bundled (`functionBundling.alias`): that
 * JavaScript port carries Brotli's dictionary as text, about 470 KiB of a notice-rendering
 * bundle. Same contract: compressed bytes in, decompressed bytes out. (The notice font is an
 * OpenType file, so notices never need it; a WOFF2 font would still load.)
 */
import { brotliDecompressSync } from 'node:zlib';

export default function decompress(buffer: Uint8Array, outSize?: number): Uint8Array {
  const output = brotliDecompressSync(buffer, outSize === undefined ? {} : { maxOutputLength: Math.max(outSize, 1) });
  return new Uint8Array(output.buffer, output.byteOffset, output.byteLength);
}
