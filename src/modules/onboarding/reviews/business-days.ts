import type Holidays from 'date-holidays';

/**
 * Brazilian business days for the manual review's deadline ("up to seven
 * business days", FACTS.md). A business day is a Monday to Friday on which
 * the country's banks open: not a national holiday, as the maintained
 * `date-holidays` calendar of country BR lists them — type `public` (the
 * national holidays by law) and `bank` (closed nationwide for banks:
 * Carnival Monday and Tuesday, Corpus Christi); `optional` days (Ash
 * Wednesday, Christmas and New Year's eves) count as business days, and no
 * state or city holiday applies (the deadline is the provider's, not a
 * branch's). Days are local days of America/Sao_Paulo.
 *
 * The rule: due = the same local time of day as the request, on the N-th
 * business day after the request's local day (the request day itself never
 * counts, even when it is a business day). A request on Friday 10:00 with N = 7
 * is due on the Tuesday of the week after next at 10:00 (without holidays).
 */
export const MANUAL_REVIEW_BUSINESS_DAYS = 7;
export const BUSINESS_TIME_ZONE = 'America/Sao_Paulo';

/** Brazil's calendar, built on first use: loading date-holidays costs every process that starts, even those that never count business days. */
let calendar: Holidays | undefined;
function brazilianCalendar(): Holidays {
  if (!calendar) {
    // Loaded lazily on purpose (see above); the type comes from the type import.
    const loaded = require('date-holidays') as typeof Holidays | { default: typeof Holidays };
    const HolidayCalendar = 'default' in loaded ? loaded.default : loaded;
    calendar = new HolidayCalendar('BR');
  }
  return calendar;
}
const holidaysByYear = new Map<number, ReadonlySet<string>>();

/** Types of `date-holidays` entries that are not business days: national holidays and nationwide bank holidays. */
const CLOSED = new Set(['public', 'bank']);

/** The national (public and bank) holidays of `year`, as local dates `YYYY-MM-DD`. */
export function nationalHolidays(year: number): ReadonlySet<string> {
  let days = holidaysByYear.get(year);
  if (!days) {
    days = new Set((brazilianCalendar().getHolidays(year) || []).filter((holiday) => CLOSED.has(holiday.type)).map((holiday) => holiday.date.slice(0, 10)));
    holidaysByYear.set(year, days);
  }
  return days;
}

const localParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The wall-clock reading of `instant` in São Paulo, as if it were UTC (milliseconds kept). */
function localAsUtc(instant: Date): number {
  const parts = Object.fromEntries(localParts.formatToParts(instant).map((part) => [part.type, part.value]));
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
    instant.getUTCMilliseconds(),
  );
}

const DAY_MS = 86_400_000;

/** Whether a local calendar day (a UTC-midnight date standing for it) is a business day. */
function isBusinessDay(day: Date): boolean {
  const weekday = day.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !nationalHolidays(day.getUTCFullYear()).has(day.toISOString().slice(0, 10));
}

/** `instant` plus `days` business days, by the rule above. */
export function addBusinessDays(instant: Date, days: number): Date {
  const local = localAsUtc(instant);
  const timeOfDay = ((local % DAY_MS) + DAY_MS) % DAY_MS;
  let day = new Date(local - timeOfDay);
  for (let counted = 0; counted < days;) {
    day = new Date(day.getTime() + DAY_MS);
    if (isBusinessDay(day)) counted += 1;
  }
  const dueLocal = day.getTime() + timeOfDay;
  // Local wall clock back to an instant: the zone's offset on that day (São Paulo has had no DST since 2019).
  const guess = new Date(dueLocal);
  return new Date(dueLocal - (localAsUtc(guess) - guess.getTime()));
}

/** When a manual review asked for at `requestedAt` is due. */
export function manualReviewDueAt(requestedAt: Date): Date {
  return addBusinessDays(requestedAt, MANUAL_REVIEW_BUSINESS_DAYS);
}
