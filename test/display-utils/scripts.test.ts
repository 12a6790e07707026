import {
  SCRIPT_RANGES, detectScript, isCJKCharacter, isKoreanCharacter, isUniformWidthScript, isUnsupportedScript, needsHyphenForBreak,
} from '../../src/display-utils';

test.each([
  ['a', 'latin'], ['é', 'latin'], ['Ж', 'cyrillic'], ['漢', 'cjk'], ['。', 'cjk'], ['Ａ', 'cjk'], ['ひ', 'hiragana'],
  ['カ', 'katakana'], ['한', 'korean'], ['ש', 'unsupported'], ['ع', 'unsupported'], ['😀', 'unsupported'], ['Ω', 'other'], ['', 'other'],
])('detectScript(%j) is %s', (char, script) => {
  expect(detectScript(char)).toBe(script);
});

test('CJK, Korean, uniform width, unsupported, hyphen rules', () => {
  expect([isCJKCharacter('漢'), isCJKCharacter('ひ'), isCJKCharacter('한'), isCJKCharacter('a')]).toEqual([true, true, false, false]);
  expect([isKoreanCharacter('한'), isKoreanCharacter('漢')]).toEqual([true, false]);
  expect([isUniformWidthScript('cjk'), isUniformWidthScript('Ж'), isUniformWidthScript('latin'), isUniformWidthScript('a')]).toEqual([true, true, false, false]);
  expect([isUnsupportedScript('ع'), isUnsupportedScript('unsupported'), isUnsupportedScript('a')]).toEqual([true, true, false]);
  expect([needsHyphenForBreak('a'), needsHyphenForBreak('Ж'), needsHyphenForBreak('漢'), needsHyphenForBreak('korean')]).toEqual([true, true, false, false]);
  expect(SCRIPT_RANGES.cjk.some(([lo, hi]) => lo <= 0x4e00 && 0x4e00 <= hi)).toBe(true);
});
