// The one number format of the editor, the CLI and the webviews (protocol/numberText.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  countOrNumberText,
  MINUS,
  numberText,
  percentText,
  pointsText,
  signedNumberText,
} from '../../protocol/numberText';

describe('numbers as people read them', () => {
  it('rounds percents to whole ones, never to a certain 0% or 100% it is not', () => {
    assert.deepEqual([0, 0.004, 0.165, 0.27, 0.995, 1].map(percentText), ['0%', '<1%', '17%', '27%', '>99%', '100%']);
  });

  it('signs points with one decimal and the minus sign', () => {
    assert.deepEqual([9.5, 4.25, -1.5, -0.04, 0].map(pointsText), [
      '+9.5 pts',
      '+4.3 pts',
      `${MINUS}1.5 pts`,
      `${MINUS}0.0 pts`,
      '+0.0 pts',
    ]);
  });

  it("gives measurements three significant figures and one minus sign, the exponent's included", () => {
    assert.deepEqual([-1.39, 0.226, 2, -0.5, 1234, 0.0000123, 0].map(numberText), [
      `${MINUS}1.39`,
      '0.226',
      '2.00',
      `${MINUS}0.500`,
      '1.23e+3',
      `1.23e${MINUS}5`,
      '0',
    ]);
    assert.deepEqual([0.226, -1.39, 0].map(signedNumberText), ['+0.226', `${MINUS}1.39`, '±0']);
    assert.ok(![-1.39, -1234, -0.0000123].map(numberText).join(' ').includes('-'), 'no hyphen-minus');
  });

  it('writes whole-number data as it is', () => {
    assert.deepEqual([3, -2, 0.5].map(countOrNumberText), ['3', `${MINUS}2`, '0.500']);
  });
});
