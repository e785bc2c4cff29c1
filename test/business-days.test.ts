import { addBusinessDays, manualReviewDueAt, nationalHolidays } from '../src/modules/onboarding/reviews/business-days';

/**
 * The manual review's deadline: 7 Brazilian business days (weekends and
 * national public holidays skipped, from date-holidays), counted from the day
 * after the request's local day in America/Sao_Paulo (UTC-3), due at the same
 * local time of day.
 */
describe('Brazilian business days', () => {
  const due = (requestedAt: string) => manualReviewDueAt(new Date(requestedAt)).toISOString();

  it('lists the national holidays the deadline skips (public and bank holidays), not the optional days', () => {
    const holidays = nationalHolidays(2026);
    for (const day of [
      '2026-01-01',
      '2026-02-16',
      '2026-02-17',
      '2026-04-03',
      '2026-04-21',
      '2026-05-01',
      '2026-06-04',
      '2026-09-07',
      '2026-10-12',
      '2026-11-02',
      '2026-11-15',
      '2026-11-20',
      '2026-12-25',
    ]) {
      expect(holidays).toContain(day);
    }
    // Ash Wednesday, Christmas and New Year's eves are optional (ponto facultativo): business days.
    for (const day of ['2026-02-18', '2026-12-24', '2026-12-31']) expect(holidays).not.toContain(day);
  });

  it('skips Carnival Monday and Tuesday (banks closed nationwide), not Ash Wednesday', () => {
    // Friday 2026-02-13: Wed 18, Thu 19, Fri 20, Mon 23, Tue 24, Wed 25, Thu 26.
    expect(due('2026-02-13T13:00:00.000Z')).toBe('2026-02-26T13:00:00.000Z');
  });

  it('skips a weekend: Monday 10:00 is due the Wednesday of the next week at 10:00', () => {
    expect(due('2026-03-02T13:00:00.000Z')).toBe('2026-03-11T13:00:00.000Z');
  });

  it('does not count the request day: Friday and Saturday requests are both due the Tuesday of the week after next', () => {
    expect(due('2026-03-06T13:00:00.000Z')).toBe('2026-03-17T13:00:00.000Z');
    expect(due('2026-03-07T13:00:00.000Z')).toBe('2026-03-17T13:00:00.000Z');
  });

  it('skips Consciência Negra (Friday 2026-11-20): one day later than without it', () => {
    expect(due('2026-11-12T13:00:00.000Z')).toBe('2026-11-24T13:00:00.000Z');
  });

  it('skips Christmas (Friday 2026-12-25) and keeps the local time of day', () => {
    expect(due('2026-12-18T18:30:00.000Z')).toBe('2026-12-30T18:30:00.000Z');
  });

  it('counts in São Paulo local days: 23:30 on Thursday there is already Friday in UTC', () => {
    // 2026-11-12 23:30 in São Paulo: its local day is Thursday, so it is due like a Thursday request.
    expect(due('2026-11-13T02:30:00.000Z')).toBe('2026-11-25T02:30:00.000Z');
  });

  it('skips Tiradentes (Tuesday 2026-04-21) and Good Friday (2026-04-03)', () => {
    // Thursday 2026-04-02: Mon 6, Tue 7, Wed 8, Thu 9, Fri 10, Mon 13, Tue 14 (Good Friday skipped).
    expect(due('2026-04-02T12:00:00.000Z')).toBe('2026-04-14T12:00:00.000Z');
    // Friday 2026-04-17: Mon 20, Wed 22, Thu 23, Fri 24, Mon 27, Tue 28, Wed 29 (Tiradentes skipped).
    expect(due('2026-04-17T12:00:00.000Z')).toBe('2026-04-29T12:00:00.000Z');
  });

  it('adds any number of business days; zero keeps the instant', () => {
    expect(addBusinessDays(new Date('2026-03-02T13:00:00.000Z'), 1).toISOString()).toBe('2026-03-03T13:00:00.000Z');
    expect(addBusinessDays(new Date('2026-03-02T13:00:00.000Z'), 0).toISOString()).toBe('2026-03-02T13:00:00.000Z');
  });
});
