import {
  SCRIPT_RANGES,
  detectScript,
  isCJKCharacter,
  isKoreanCharacter,
  isUniformWidthScript,
  isUnsupportedScript,
  needsHyphenForBreak,
} from '../../src/display-utils';

test.each([
  ['a', 'latin'],
  ['é', 'latin'],
  ['Ж', 'cyrillic'],
  ['漢', 'cjk'],
  ['。', 'latin'],
  ['Ａ', 'latin'],
  ['7', 'numbers'],
  ['?', 'punctuation'],
  ['ひ', 'hiragana'],
  ['カ', 'katakana'],
  ['한', 'korean'],
  ['ש', 'unsupported'],
  ['ع', 'unsupported'],
  ['😀', 'unsupported'],
  ['ש', 'unsupported'],
  ['Ω', 'latin'],
  ['', 'latin'],
])('detectScript(%j) is %s', (char, script) => {
  expect(detectScript(char)).toBe(script);
});

test('CJK, Korean, uniform width, unsupported, hyphen rules', () => {
  expect([isCJKCharacter('漢'), isCJKCharacter('ひ'), isCJKCharacter('한'), isCJKCharacter('a')]).toEqual([true, true, false, false]);
  expect([isKoreanCharacter('한'), isKoreanCharacter('漢')]).toEqual([true, false]);
  expect([isUniformWidthScript('cjk'), isUniformWidthScript('Ж'), isUniformWidthScript('latin'), isUniformWidthScript('a')]).toEqual([
    true,
    true,
    false,
    false,
  ]);
  expect([isUnsupportedScript('ع'), isUnsupportedScript('unsupported'), isUnsupportedScript('a')]).toEqual([true, true, false]);
  expect([needsHyphenForBreak('a'), needsHyphenForBreak('Ж'), needsHyphenForBreak('漢'), needsHyphenForBreak('korean')]).toEqual([true, true, false, false]);
  // the published two-character form: no hyphen next to CJK or a space, nor after a dash or slash
  expect([
    needsHyphenForBreak('a', 'b'),
    needsHyphenForBreak('漢', 'a'),
    needsHyphenForBreak('a', ' '),
    needsHyphenForBreak('-', 'b'),
    needsHyphenForBreak('/', 'x'),
  ]).toEqual([true, false, false, false, false]);
  expect(SCRIPT_RANGES.cjk.some(([lo, hi]) => lo <= 0x4e00 && 0x4e00 <= hi)).toBe(true);
});
