import { describe, expect, it } from 'vitest';
import { daysText, intervalText, percent, scalePosition, signedPoints } from './format';

describe('calibration figures in words', () => {
  it('signs offsets with a true minus and no sign on zero', () => {
    expect(signedPoints(0.4249)).toBe('+0.42');
    expect(signedPoints(-0.31)).toBe('−0.31');
    expect(signedPoints(-0.001)).toBe('0.00');
    expect(signedPoints(null)).toBe('—');
  });
  it('writes intervals, shares and times to submit', () => {
    expect(intervalText([-0.12, 0.3])).toBe('−0.12 to +0.30');
    expect(intervalText(null)).toBe('');
    expect(percent(0.125)).toBe('13 %');
    expect(daysText(0.25)).toBe('6 h');
    expect(daysText(1.54)).toBe('1.5 d');
    expect(daysText(null)).toBe('—');
  });
  it('places offsets on a scale from −1 to +1, clamped', () => {
    expect(scalePosition(0)).toBe(50);
    expect(scalePosition(0.5)).toBe(75);
    expect(scalePosition(-3)).toBe(0);
    expect(scalePosition(null)).toBe(50);
  });
});
