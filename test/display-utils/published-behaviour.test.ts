/**
 * Differential test: the published `@mentra/sdk` 2.1.29 display-utils (installed as `mentra-sdk-ref`) run in
 * a child Node process on a corpus, and ours here on the same corpus, must give the same results, except
 * for the documented fixes (word mode keeps CJK characters unspaced; strict-word mode splits a word longer
 * than the line instead of letting it overflow; line breaks measure 0 px; `totalBytes` counts the lines
 * joined with `\n`).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as ours from '../../src/display-utils';

const CORPUS = [
  '',
  'Hello',
  'The quick brown fox jumps over the lazy dog. '.repeat(12),
  'supercalifragilisticexpialidocious '.repeat(5),
  'pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(3),
  'Hyphen-ated and slash/separated words - with dashes — everywhere. '.repeat(6),
  '漢字かなカナ 한글 Жзы '.repeat(12),
  'Numbers 0123456789 and punctuation !?.,;:()[]{} '.repeat(8),
];
const WIDTHS = [576, 420, 200, 90];

/** What both implementations compute, as plain JSON. */
const PROGRAM = (du: any, corpus: string[], widths: number[]) => {
  const out: Record<string, unknown> = {};
  for (const [name, profile] of [
    ['g1', du.G1_PROFILE],
    ['legacy', du.G1_PROFILE_LEGACY],
  ] as const) {
    const measurer = new du.TextMeasurer(profile);
    const wrapper = new du.TextWrapper(measurer, { breakMode: 'character' });
    const helpers = new du.DisplayHelpers(measurer, wrapper);
    corpus.forEach((text, i) => {
      const k = `${name}/${i}`;
      out[`${k}/measure`] = [measurer.measureText(text), measurer.charsThatFit(text, 100, 2), measurer.getPixelOffset(text, 5), measurer.getByteSize(text)];
      out[`${k}/detailed`] = measurer.measureTextDetailed(text);
      out[`${k}/scripts`] = Array.from(text)
        .slice(0, 40)
        .map((c: string) => [du.detectScript(c), du.isCJKCharacter(c), du.isKoreanCharacter(c), du.isUniformWidthScript(c), du.isUnsupportedScript(c)]);
      out[`${k}/helpers`] = [
        helpers.truncateWithEllipsis(text, 200),
        helpers.estimateLineCount(text),
        helpers.splitIntoChunks(text),
        helpers.splitIntoChunks(text, 40),
        helpers.exceedsByteLimit(text),
        helpers.calculateByteSize(text),
        helpers.fitToScreen(text),
        helpers.paginate(text, { maxLines: 3 }).map((p: any) => [p.lines, p.pageNumber, p.totalPages, p.isFirst, p.isLast]),
      ];
      for (const w of widths) {
        const r = new du.TextWrapper(measurer, { breakMode: 'character', maxWidthPx: w }).wrap(text);
        out[`${k}/char/${w}`] = [
          r.lines,
          r.truncated,
          r.maxLineWidthPx,
          r.breakMode,
          r.lineMetrics.map((l: any) => [l.widthPx, l.bytes, l.utilizationPercent, l.endsWithHyphen, l.fromExplicitNewline]),
        ];
        if (!/[\u3040-\u30ff\u4e00-\u9fff]/.test(text)) {
          const unlimited = { maxWidthPx: w, maxLines: Infinity, maxBytes: Infinity };
          out[`${k}/word/${w}`] = new du.TextWrapper(measurer, { ...unlimited, breakMode: 'word' }).wrapToLines(text);
          const everyWordFits = text.split(/\s+/).every((word: string) => measurer.measureText(word) <= w);
          if (everyWordFits) out[`${k}/strict/${w}`] = new du.TextWrapper(measurer, { ...unlimited, breakMode: 'strict-word' }).wrapToLines(text);
        }
      }
      const view = new du.ScrollView(measurer, wrapper, 3);
      view.setContent(text);
      view.scrollDown(2);
      view.appendContent('and some more text for the end', undefined, true);
      view.scrollToLine(4, 'center');
      const a = view.getViewport();
      view.scrollToPercent(50);
      out[`${k}/scroll`] = [
        { lines: a.lines, position: a.position, contentTruncated: a.contentTruncated },
        view.getPosition(),
        view.isScrollable(),
        view.getTotalLines(),
        view.isAtTop(),
        view.isAtBottom(),
      ];
    });
    out[`${name}/options`] = wrapper.getOptions();
    out[`${name}/utilization`] = helpers.calculateUtilization(wrapper.wrap(corpus[2]));
    out[`${name}/pad`] = [helpers.padToLineCount(['a'], 3, false), helpers.truncateToLines(['a', 'b', 'c'], 2, true), helpers.joinLines(['a', 'b'])];
  }
  out.hyphen = [
    ['a', 'b'],
    ['-', 'b'],
    ['a', ' '],
    ['漢', 'a'],
    ['/', 'x'],
    ['a', '漢'],
  ].map(([x, y]) => du.needsHyphenForBreak(x, y));
  out.constants = [du.G1_HYPHEN_WIDTH_PX, du.G1_SPACE_WIDTH_PX, du.DEFAULT_WRAP_OPTIONS, du.SCRIPT_RANGES];
  return out;
};

function published(): Record<string, unknown> {
  const entry = path.resolve(__dirname, '../../node_modules/mentra-sdk-ref/dist/display-utils.js');
  const script =
    `import * as du from ${JSON.stringify(entry)};\nconst PROGRAM = ${PROGRAM.toString()};\n` +
    `process.stdout.write(JSON.stringify(PROGRAM(du, ${JSON.stringify(CORPUS)}, ${JSON.stringify(WIDTHS)})));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
}

test('ours gives the published results on the corpus', () => {
  const expected = published();
  const actual = JSON.parse(JSON.stringify(PROGRAM(ours, CORPUS, WIDTHS)));
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  const canonical = (v: unknown) =>
    JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x));
  const differing = Object.keys(expected).filter((k) => canonical(actual[k]) !== canonical(expected[k]));
  for (const k of differing) expect({ [k]: actual[k] }).toEqual({ [k]: expected[k] });
  expect(differing).toEqual([]);
}, 60_000);
