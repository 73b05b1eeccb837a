/**
 * `npx tsx scripts/subset-notice-font.ts`: re-creates `assets/fonts/NotoSansSC-Notice.otf`, the
 * font the written notices (Art. 19) are set in, from Debian's `fonts-noto-cjk` package.
 *
 * The source is a collection (`NotoSansCJK-Regular.ttc`); the face is picked by its PostScript
 * name, not by position: face 0 is the Japanese one, whose glyphs differ from the mainland forms.
 * harfbuzzjs's subsetter is driven directly (as `subset-font` does, which cannot pick a face of a
 * collection). The subset keeps the characters a notice can contain (see {@link noticeRanges})
 * and only the layout features fontkit applies to horizontal text (see {@link keptLayoutFeatures}).
 * Above {@link sizeBudgetBytes} the script drops CJK Extension A and says so. Runs offline with
 * what `npm ci` installs; the output is byte-for-byte reproducible.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Blob as HbBlob, Face as HbFace } from 'harfbuzzjs';

const sourceFile = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const sourcePostScriptName = 'NotoSansCJKsc-Regular';
const outputFile = new URL('../assets/fonts/NotoSansSC-Notice.otf', import.meta.url);
const sizeBudgetBytes = 12 * 1024 * 1024;

/** A block of Unicode kept in the subset (whatever of it the face has). */
interface CodeRange {
  readonly name: string;
  readonly first: number;
  readonly last: number;
}

const extensionA: CodeRange = { name: 'CJK Unified Ideographs Extension A', first: 0x3400, last: 0x4dbf };

/** What a notice can contain: Chinese text, Latin letters and digits, and their punctuation. */
const noticeRanges: readonly CodeRange[] = [
  { name: 'Basic Latin (printable ASCII)', first: 0x0020, last: 0x007e },
  { name: 'Latin-1 Supplement (punctuation, ·, ×, ÷, accented letters)', first: 0x00a0, last: 0x00ff },
  { name: 'General Punctuation (— ‘’ “” … ‰ ※)', first: 0x2000, last: 0x206f },
  { name: 'Letterlike Symbols (℃ №)', first: 0x2100, last: 0x214f },
  { name: 'Number Forms (Ⅰ Ⅱ Ⅲ)', first: 0x2150, last: 0x218f },
  { name: 'Enclosed Alphanumerics (① ⑴ ⒈)', first: 0x2460, last: 0x24ff },
  { name: 'CJK Symbols and Punctuation (、。《》「」【】〔〕〓)', first: 0x3000, last: 0x303f },
  { name: 'Katakana middle dot ・ (used in transliterated names)', first: 0x30fb, last: 0x30fb },
  extensionA,
  { name: 'CJK Unified Ideographs', first: 0x4e00, last: 0x9fff },
  { name: 'Halfwidth and Fullwidth Forms (，：；（）！？)', first: 0xff00, last: 0xffef },
];

/**
 * The features fontkit (under pdfkit) applies to horizontal text. Every other feature only adds
 * glyphs reachable through GSUB: vertical forms, alternates, and `locl`, whose lookups switch to
 * the Japanese, Korean and traditional forms (fontkit applies none of them to untagged text, and
 * keeping them would make the file 13 MB instead of 8).
 */
const keptLayoutFeatures = ['ccmp', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern'];

/**
 * Charstrings are stored without subroutines. fontkit, which embeds the glyphs a PDF uses, keeps
 * every subroutine slot of the font in each PDF (unused ones as stubs): with subroutines a notice
 * is about 66 KB and takes 40 ms to set, without them about 20 KB and 7 ms, for 0.4 MB more font.
 */
const HB_SUBSET_FLAGS_DESUBROUTINIZE = 0x4;

/** Name records kept: the defaults (0–6: copyright, names, version) plus the licence (13, 14), as the OFL asks. */
const keptNameIds = [0, 1, 2, 3, 4, 5, 6, 13, 14];

/**
 * harfbuzz-subset.wasm is built with a fixed 65 MiB memory, too small for a 19 MB source and a
 * subset of 30,000 glyphs (`hb_subset_or_fail` returns 0 from about 10,000 ideographs on). Its
 * allocator takes what the memory holds, so the module is instantiated with a larger memory:
 * the memory section's limits are rewritten before compiling.
 */
const subsetterMemoryPages = 4096; // 256 MiB

// Constants of hb-subset.h.
const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_SETS_NAME_ID = 4;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;

/** The WebAssembly global, which the project's type libraries (ES2023 + node) leave undeclared. */
const { WebAssembly: wasm } = globalThis as unknown as {
  WebAssembly: { instantiate(module: Uint8Array): Promise<{ instance: { exports: unknown } }> };
};

interface HarfBuzzSubsetExports {
  readonly memory: { readonly buffer: ArrayBuffer };
  _initialize(): void;
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_input_set(input: number, setType: number): number;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const tag = (text: string): number => [...text].reduce((value, ch) => (value << 8) + ch.charCodeAt(0), 0) >>> 0;

/** The index in a collection of the face named `postScriptName` (name ID 6). */
function faceIndexOf(collection: Uint8Array, postScriptName: string): number {
  const view = new DataView(collection.buffer, collection.byteOffset, collection.byteLength);
  const isCollection = view.getUint32(0) === tag('ttcf');
  const faces = isCollection ? view.getUint32(8) : 1;
  const blob = new HbBlob(collection);
  for (let index = 0; index < faces; index++) {
    if (new HbFace(blob, index).getName(6, 'en') === postScriptName) return index;
  }
  throw new Error(`${sourceFile} has no face named ${postScriptName}`);
}

function unsignedLeb128(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  do {
    const low = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return bytes;
}

/** `module` with its (single, defined) memory set to `pages` 64 KiB pages, minimum and maximum. */
function withMemoryPages(module: Uint8Array, pages: number): Uint8Array {
  let position = 8; // after the magic number and the version
  const readLeb128 = (): number => {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = module[position++] as number;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  while (position < module.length) {
    const sectionStart = position;
    const sectionId = module[position++];
    const size = readLeb128();
    const bodyStart = position;
    if (sectionId === 5 /* memory */) {
      const body = [1 /* one memory */, 1 /* with a maximum */, ...unsignedLeb128(pages), ...unsignedLeb128(pages)];
      const section = Uint8Array.from([5, ...unsignedLeb128(body.length), ...body]);
      return Buffer.concat([module.subarray(0, sectionStart), section, module.subarray(bodyStart + size)]);
    }
    position = bodyStart + size;
  }
  throw new Error('harfbuzz-subset.wasm defines no memory: has its build changed?');
}

async function loadSubsetter(): Promise<HarfBuzzSubsetExports> {
  const wasmFile = createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
  const { instance } = await wasm.instantiate(withMemoryPages(readFileSync(wasmFile), subsetterMemoryPages));
  const hb = instance.exports as unknown as HarfBuzzSubsetExports;
  hb._initialize();
  return hb;
}

/** The face `faceIndex` of `font`, reduced to the code points of `ranges` and the kept features. */
function subsetFace(hb: HarfBuzzSubsetExports, font: Uint8Array, faceIndex: number, ranges: readonly CodeRange[]): Uint8Array {
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error('hb_subset_input_create_or_fail failed');
  const fontBuffer = hb.malloc(font.byteLength);
  // A view of the wasm memory is taken at each use, as subset-font does (a grown memory detaches old views).
  new Uint8Array(hb.memory.buffer).set(font, fontBuffer);
  const blob = hb.hb_blob_create(fontBuffer, font.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
  const face = hb.hb_face_create(blob, faceIndex);
  hb.hb_blob_destroy(blob);
  try {
    hb.hb_subset_input_set_flags(input, hb.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_DESUBROUTINIZE);
    const features = hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    hb.hb_set_clear(features);
    for (const feature of keptLayoutFeatures) hb.hb_set_add(features, tag(feature));
    const nameIds = hb.hb_subset_input_set(input, HB_SUBSET_SETS_NAME_ID);
    hb.hb_set_clear(nameIds);
    for (const nameId of keptNameIds) hb.hb_set_add(nameIds, nameId);
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const range of ranges) for (let codePoint = range.first; codePoint <= range.last; codePoint++) hb.hb_set_add(unicodes, codePoint);
    const subset = hb.hb_subset_or_fail(face, input);
    if (subset === 0) throw new Error('hb_subset_or_fail failed: is the source font damaged?');
    const result = hb.hb_face_reference_blob(subset);
    const offset = hb.hb_blob_get_data(result, 0);
    const length = hb.hb_blob_get_length(result);
    const bytes = new Uint8Array(hb.memory.buffer).slice(offset, offset + length);
    hb.hb_blob_destroy(result);
    hb.hb_face_destroy(subset);
    if (length === 0) throw new Error('the subset is empty');
    return bytes;
  } finally {
    hb.hb_subset_input_destroy(input);
    hb.hb_face_destroy(face);
    hb.free(fontBuffer);
  }
}

/** How many code points of `range` the font maps to a glyph. */
function coveredIn(font: Uint8Array, range: CodeRange): number {
  const unicodes = new HbFace(new HbBlob(font)).collectUnicodes();
  return unicodes.filter((codePoint) => codePoint >= range.first && codePoint <= range.last).length;
}

const megabytes = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(2)} MiB (${bytes} bytes)`;

async function main(): Promise<void> {
  const collection = readFileSync(sourceFile);
  const faceIndex = faceIndexOf(collection, sourcePostScriptName);
  const hb = await loadSubsetter();
  let ranges = noticeRanges;
  let font = subsetFace(hb, collection, faceIndex, ranges);
  console.log(`face ${faceIndex} (${sourcePostScriptName}) of ${sourceFile}`);
  console.log(`with Extension A: ${megabytes(font.byteLength)}`);
  if (font.byteLength > sizeBudgetBytes) {
    ranges = noticeRanges.filter((range) => range !== extensionA);
    font = subsetFace(hb, collection, faceIndex, ranges);
    console.log(`over ${megabytes(sizeBudgetBytes)}: Extension A dropped, ${megabytes(font.byteLength)}`);
  }
  writeFileSync(outputFile, font);
  for (const range of ranges) console.log(`  ${range.name}: ${coveredIn(font, range)} characters`);
  console.log(`wrote ${outputFile.pathname}: ${megabytes(font.byteLength)}`);
}

await main();
