import { describe, expect, it } from 'vitest';
import { RETURN_STATES, returnStateTag, returnTags } from './return-states.js';

describe('the words for a return’s state', () => {
  it('are one word each', () => {
    expect(returnStateTag('submitted')).toEqual({ text: 'Waiting for review', colour: 'blue' });
    expect(returnStateTag('draft').text).toBe('In progress');
    expect(returnStateTag(undefined).text).toBe('Not started');
    expect(returnTags('draft', true)).toEqual([RETURN_STATES.draft, RETURN_STATES.overdue]);
    expect(returnTags(undefined, true)).toEqual([
      RETURN_STATES['not-started'],
      RETURN_STATES.overdue,
    ]);
    expect(returnTags('returned', true)).toEqual([RETURN_STATES.returned, RETURN_STATES.overdue]);
    expect(returnTags('approved', false)).toEqual([RETURN_STATES.approved]);
  });
});
