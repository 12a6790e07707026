import {
  createDisplayToolkit,
  createG1LegacyToolkit,
  createG1Toolkit,
  DEFAULT_WRAP_OPTIONS,
  G1_HYPHEN_WIDTH_PX,
  G1_PROFILE,
  G1_PROFILE_LEGACY,
  G1_SPACE_WIDTH_PX,
  TextMeasurer,
  TextWrapper,
  type BreakMode,
} from '../../src/display-utils';

const PROSE =
  'The quick brown fox jumps over the lazy dog while the MentraOS glasses show captions of everything that is said, ' +
  'including extraordinarily long words like pneumonoultramicroscopicsilicovolcanoconiosis and antidisestablishmentarianism.';
const LONG_WORD = 'supercalifragilisticexpialidocious'.repeat(3);
const { measurer } = createG1Toolkit();
const wrapperFor = (breakMode: BreakMode, maxWidthPx?: number) => new TextWrapper(measurer, { breakMode, maxWidthPx, maxLines: Infinity, maxBytes: Infinity });

describe('G1 profile and measuring', () => {
  test('the documented G1 geometry and constants', () => {
    expect(G1_PROFILE).toMatchObject({ displayWidthPx: 576, maxLines: 5, maxPayloadBytes: 390 });
    expect(G1_PROFILE_LEGACY.displayWidthPx).toBeLessThan(G1_PROFILE.displayWidthPx);
    expect(G1_SPACE_WIDTH_PX).toBe(measurer.measureChar(' '));
    expect(G1_HYPHEN_WIDTH_PX).toBe(measurer.measureChar('-'));
    expect(DEFAULT_WRAP_OPTIONS.breakMode).toBe('character');
  });

  test('every printable ASCII character has its own width; narrow and wide letters differ', () => {
    for (let c = 0x20; c <= 0x7e; c++) expect(measurer.measureChar(String.fromCharCode(c))).toBeGreaterThan(0);
    expect(measurer.measureChar('i')).toBeLessThan(measurer.measureChar('m'));
    expect(measurer.measureText('Hello')).toBe([...'Hello'].reduce((w, c) => w + measurer.measureChar(c), 0));
  });

  test('CJK and Korean are uniform (18 and 24 px on the G1); unknown characters count as the widest Latin glyph', () => {
    expect(measurer.measureChar('漢')).toBe(measurer.measureChar('字'));
    expect([measurer.measureChar('漢'), measurer.measureChar('ひ'), measurer.measureChar('한'), measurer.measureChar('Ж')]).toEqual([18, 18, 24, 18]);
    expect(measurer.measureChar('漢')).toBeGreaterThan(measurer.measureChar('M'));
    expect(measurer.measureChar('Ω')).toBe(Math.max(...[...'MWmw@&'].map((c) => measurer.measureChar(c))));
  });

  test('charsThatFit counts the characters that fit, from a start character', () => {
    const n = measurer.charsThatFit(PROSE, 200);
    expect(measurer.measureText(PROSE.slice(0, n))).toBeLessThanOrEqual(200);
    expect(measurer.measureText(PROSE.slice(0, n + 1))).toBeGreaterThan(200);
    const emoji = '😀😀😀';
    expect(measurer.charsThatFit(emoji, measurer.measureChar('😀') * 2)).toBe(2);
    expect(measurer.charsThatFit('abcdef', measurer.measureText('cd'), 2)).toBe(2);
    expect(measurer.fitsInWidth('hi')).toBe(true);
  });
});

describe('TextWrapper', () => {
  test.each(['character', 'word', 'strict-word'] as const)('%s mode: no line is wider than the display, nothing is lost', (mode) => {
    for (const width of [576, 420, 200, 60]) {
      const lines = wrapperFor(mode, width).wrapToLines(`${PROSE} ${LONG_WORD}`);
      for (const line of lines) expect(measurer.measureText(line)).toBeLessThanOrEqual(width);
      const letters = (s: string) => s.replace(/[\s-]/g, '');
      expect(letters(lines.join(''))).toBe(letters(`${PROSE} ${LONG_WORD}`));
    }
  });

  test('word mode breaks at spaces: every line ends at the end of a word', () => {
    const lines = wrapperFor('word').wrapToLines(PROSE.split(' including')[0]);
    expect(lines.length).toBeGreaterThan(1);
    const words = new Set(PROSE.split(' '));
    for (const line of lines) for (const w of line.split(' ')) expect(words.has(w)).toBe(true);
  });

  test('word mode hyphenates only a word longer than a line', () => {
    const lines = wrapperFor('word', 300).wrapToLines(`short ${LONG_WORD} end`);
    expect(lines[0]).toBe('short');
    const middle = lines.slice(1, -1);
    expect(middle.filter((l) => l.endsWith('-')).length).toBeGreaterThanOrEqual(2);
    expect(middle.filter((l) => !l.endsWith('-')).length).toBeLessThanOrEqual(1); // the word's last piece
    expect(lines[lines.length - 1]).toMatch(/(^| )end$/);
  });

  test('character mode fills the line and splits a word with a hyphen once the line holds 3 characters', () => {
    const lines = wrapperFor('character').wrapToLines(PROSE);
    const split = lines.filter((l) => l.endsWith('-'));
    expect(split.length).toBeGreaterThan(0);
    for (const l of split) expect(l.length).toBeGreaterThanOrEqual(4);
    // the published rule: a break right after a space or a dash takes no hyphen
    expect(lines.some((l) => l.endsWith(' -') || l.endsWith('--'))).toBe(false);
    const wordMode = wrapperFor('word').wrapToLines(PROSE);
    expect(lines.length).toBeLessThanOrEqual(wordMode.length);
  });

  test('strict-word mode never inserts a hyphen', () => {
    const lines = wrapperFor('strict-word', 300).wrapToLines(`a ${LONG_WORD}`);
    expect(lines.join('')).not.toContain('-');
  });

  test('CJK breaks between any two characters and never takes a hyphen', () => {
    const text = '今日は良い天気ですね。明日も晴れるでしょう。'.repeat(3);
    const lines = wrapperFor('character').wrapToLines(text);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(text);
    for (const line of lines) expect(measurer.measureText(line)).toBeLessThanOrEqual(576);
    expect(measurer.measureText(lines[0]) + measurer.measureChar(lines[1][0])).toBeGreaterThan(576);
    const korean = wrapperFor('word').wrapToLines('안녕하세요 '.repeat(20));
    expect(korean.join('')).not.toContain('-');
  });

  test("keeps the text's own line breaks and trims spaces at line ends", () => {
    expect(wrapperFor('word').wrapToLines('one\n\n  two  ')).toEqual(['one', '', 'two']);
    expect(wrapperFor('word').wrapToLines('')).toEqual(['']);
  });

  test('maxLines and maxBytes truncate and say so', () => {
    const wrapper = new TextWrapper(measurer);
    const r = wrapper.wrap(PROSE.repeat(4));
    expect(r.lines).toHaveLength(5);
    expect(r.truncated).toBe(true);
    expect(r.totalLinesBeforeTruncation).toBeGreaterThan(5);
    const bytes = wrapper.wrap('漢'.repeat(500), { maxLines: Infinity, maxBytes: 100 });
    expect(bytes.truncated).toBe(true);
    expect(bytes.totalBytes).toBeLessThanOrEqual(100);
    expect(bytes.lineMetrics[0]).toMatchObject({ text: bytes.lines[0], widthPx: measurer.measureText(bytes.lines[0]) });
    expect(wrapper.wrap('short').truncated).toBe(false);
  });
});

describe('toolkits, helpers and ScrollView', () => {
  test('the legacy toolkit wraps narrower than the G1 toolkit', () => {
    expect(createG1LegacyToolkit().wrapper.wrap(PROSE, { maxLines: Infinity }).lines.length).toBeGreaterThan(
      createG1Toolkit().wrapper.wrap(PROSE, { maxLines: Infinity }).lines.length,
    );
    const custom = createDisplayToolkit({ ...G1_PROFILE, displayWidthPx: 100 }, { breakMode: 'word' });
    expect(custom.wrapper.wrapToLines('alpha beta gamma', { maxLines: Infinity }).every((l) => custom.measurer.measureText(l) <= 100)).toBe(true);
    expect(new TextMeasurer(G1_PROFILE).getProfile()).toBe(G1_PROFILE);
  });

  test('truncate, paginate and chunk', () => {
    const { helpers } = createG1Toolkit();
    const cut = helpers.truncate(PROSE, 200);
    expect(cut.endsWith('...')).toBe(true);
    expect(measurer.measureText(cut)).toBeLessThanOrEqual(200);
    expect(helpers.truncate('short', 200)).toBe('short');
    const pages = helpers.paginate(PROSE.repeat(3), { linesPerPage: 2 });
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) {
      expect(page.lines.length).toBeLessThanOrEqual(2);
      expect(page.text).toBe(page.lines.join('\n'));
    }
    expect(pages.map((p) => p.pageNumber)).toEqual(pages.map((_, i) => i + 1));
    const chunks = helpers.chunk('é漢 '.repeat(100), { maxBytes: 50 });
    for (const c of chunks) expect(Buffer.byteLength(c)).toBeLessThanOrEqual(50);
    expect(chunks.join('')).toBe('é漢 '.repeat(100));
    expect(helpers.fitsOnDisplay('hi')).toBe(true);
  });

  test('ScrollView scrolls a viewport over long content', async () => {
    const { ScrollView } = await import('../../src/display-utils');
    const { measurer: m, wrapper } = createG1Toolkit();
    const view = new ScrollView(m, wrapper, 3);
    view.setContent(PROSE.repeat(3));
    const top = view.getViewport();
    expect(top.lines).toHaveLength(3);
    expect(top).toMatchObject({ canScrollUp: false, canScrollDown: true, position: { offset: 0, atTop: true } });
    view.scrollDown();
    expect(view.getViewport().lines[0]).toBe(top.lines[1]);
    view.scrollToBottom();
    expect(view.getViewport()).toMatchObject({ canScrollDown: false, position: { atBottom: true, scrollPercent: 100 } });
    view.scrollUp(1000);
    expect(view.getPosition().offset).toBe(0);
    view.scrollToBottom();
    const before = view.getPosition().totalLines;
    view.appendContent('one more line');
    expect(view.getPosition()).toMatchObject({ totalLines: before + 1, atBottom: true });
  });
});
