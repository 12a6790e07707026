/**
 * The display-utils additions of the 3.0.0-hono release: the G2, Nex and Z100 profiles and toolkits, the
 * `character-no-hyphen` break mode and `ColumnComposer`. The expected values were produced by the published
 * `@mentra/sdk@3.0.0-hono.8` display-utils bundle (plain JavaScript, run on Node) on the same inputs; the
 * published G1 toolkits there switched to `character-no-hyphen`, ours keep the 2.x break mode.
 */
import {
  ColumnComposer,
  createColumnComposer,
  createDisplayToolkit,
  createG1Toolkit,
  createG2Toolkit,
  createNexToolkit,
  createZ100Toolkit,
  DisplayHelpers,
  G1_PROFILE,
  G2_PROFILE,
  NEX_PROFILE,
  ScrollView,
  TextMeasurer,
  TextWrapper,
  Z100_HYPHEN_WIDTH_PX,
  Z100_PROFILE,
  Z100_SPACE_WIDTH_PX,
} from '../../src/display-utils';

const FOX = 'The quick brown fox jumps over the lazy dog while the glasses show captions in real time.';
const LONG = 'Supercalifragilisticexpialidocious words need breaking somewhere, even on tiny displays!';

describe('profiles', () => {
  test('Z100: 390 px, 7 lines, Noto Sans widths at 21 px', () => {
    expect(Z100_PROFILE).toMatchObject({ id: 'vuzix-z100', displayWidthPx: 390, maxLines: 7, maxPayloadBytes: 512, bleChunkSize: 180 });
    const m = new TextMeasurer(Z100_PROFILE);
    expect(m.measureText('-')).toBe(Z100_HYPHEN_WIDTH_PX);
    expect(m.measureText(' ')).toBe(Z100_SPACE_WIDTH_PX);
    expect(m.measureText('Hello, World!')).toBe(128);
    expect(m.measureText('漢字')).toBe(42);
  });

  test('G2 is the G1 display under its own id; Nex carries the G1 values as published placeholders', () => {
    expect(G2_PROFILE).toMatchObject({ id: 'even-realities-g2', name: 'Even Realities G2', displayWidthPx: 576, maxLines: 5 });
    expect(new TextMeasurer(G2_PROFILE).measureText('Hello, World!')).toBe(102);
    expect(new TextMeasurer(G2_PROFILE).measureText('Hello, World!')).toBe(new TextMeasurer(G1_PROFILE).measureText('Hello, World!'));
    expect(NEX_PROFILE).toMatchObject({ id: 'mentra-nex', displayWidthPx: 576, maxLines: 5, maxPayloadBytes: 390, bleChunkSize: 176 });
    expect([...NEX_PROFILE.fontMetrics.glyphWidths].sort()).toEqual([...G1_PROFILE.fontMetrics.glyphWidths].sort());
    expect(NEX_PROFILE.fontMetrics.glyphWidths).not.toBe(G1_PROFILE.fontMetrics.glyphWidths);
  });
});

describe('toolkits (wrap results as the published package gives them)', () => {
  test('Z100', () => {
    const { wrapper, composer, profile } = createZ100Toolkit();
    expect(profile).toBe(Z100_PROFILE);
    expect(wrapper.wrap(FOX).lines).toEqual(['The quick brown fox jumps over the laz', 'y dog while the glasses show captions i', 'n real time.']);
    expect(wrapper.wrap(LONG).lines).toEqual(['Supercalifragilisticexpialidocious words', 'need breaking somewhere, even on tin', 'y displays!']);
    expect(composer).toBeInstanceOf(ColumnComposer);
    expect(composer.composeDoubleTextWall('Left column text here', 'Right side').composedText).toBe(
      `Left column text he     Right side\nre${' '.repeat(39)}\n${`${' '.repeat(43)}\n`.repeat(4)}${' '.repeat(43)}`,
    );
  });

  test('G2 and Nex', () => {
    expect(createG2Toolkit().wrapper.wrap(FOX).lines).toEqual([
      'The quick brown fox jumps over the lazy dog while the glasses s',
      'how captions in real time.',
    ]);
    expect(createNexToolkit().wrapper.wrap(LONG).lines).toEqual([
      'Supercalifragilisticexpialidocious words need breaking somewher',
      'e, even on tiny displays!',
    ]);
  });

  test('the G1 toolkit keeps its 2.x break mode (hyphens), and every toolkit has a composer', () => {
    expect(
      createG1Toolkit()
        .wrapper.wrap(LONG, { maxWidthPx: 150 })
        .lines.some((l) => l.endsWith('-')),
    ).toBe(true);
    expect(createDisplayToolkit().composer).toBeInstanceOf(ColumnComposer);
  });
});

describe('ColumnComposer', () => {
  test('merges two columns at the right column offset, as published', () => {
    const result = createColumnComposer(G2_PROFILE).composeDoubleTextWall('Weather: sunny and warm today', 'Next: standup at 10:30');
    expect(result.composedText).toBe(
      `Weather: sunny and warm              Next: standup at 10:30\ntoday${' '.repeat(44)}\n${`${' '.repeat(53)}\n`.repeat(2)}${' '.repeat(53)}`,
    );
    expect(result.leftLines).toEqual(['Weather: sunny and warm', 'today', '', '', '']);
    expect(result.config).toEqual({ leftColumnWidthPx: 288, rightColumnStartPx: 316, rightColumnWidthPx: 260, maxLines: 5, leftMarginSpaces: 0 });
  });

  test('default layout, overrides, margin and break mode changes', () => {
    const composer = new ColumnComposer(Z100_PROFILE);
    expect(composer.getDefaultColumnConfig()).toEqual({
      leftColumnWidthPx: 195,
      rightColumnStartPx: 214,
      rightColumnWidthPx: 176,
      maxLines: 7,
      leftMarginSpaces: 0,
    });
    const two = composer.composeDoubleTextWall('a', 'b', { columnConfig: { maxLines: 2, leftMarginSpaces: 2 } });
    expect(two.composedText.split('\n')).toHaveLength(2);
    expect(two.composedText.startsWith('  a ')).toBe(true);
    composer.setBreakMode('character');
    expect(composer.composeDoubleTextWall(LONG, '').leftLines[0]).toMatch(/-$/);
  });
});

test('character-no-hyphen fills lines and never adds a hyphen', () => {
  const wrapper = new TextWrapper(new TextMeasurer(G1_PROFILE), { breakMode: 'character-no-hyphen', maxWidthPx: 200 });
  const { lines } = wrapper.wrap(LONG);
  expect(lines.length).toBeGreaterThan(3);
  expect(lines.join('').replace(/ /g, '')).toBe(LONG.replace(/ /g, ''));
  expect(lines.some((l) => l.endsWith('-'))).toBe(false);
});

test('DisplayHelpers and ScrollView share one set of accessors', () => {
  const { measurer, wrapper } = createZ100Toolkit();
  const helpers = new DisplayHelpers(measurer, wrapper);
  const view = new ScrollView(measurer, wrapper);
  expect(Object.getPrototypeOf(DisplayHelpers.prototype)).toBe(Object.getPrototypeOf(ScrollView.prototype));
  for (const tool of [helpers, view]) expect([tool.getMeasurer(), tool.getWrapper(), tool.getProfile()]).toEqual([measurer, wrapper, Z100_PROFILE]);
  expect(view.getViewportSize()).toBe(7);
});
