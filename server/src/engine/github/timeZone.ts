// Whether a schedule's `timezone` names a zone of the IANA time zone database, as GitHub's docs require. The database is
// the one in Node's ICU (`process.versions.tz`, e.g. 2025b): a zone added after it would be unknown here, which is why the
// rule's docs name it. Links (`US/Eastern`, `Asia/Calcutta`) are IANA names too; `Intl.DateTimeFormat` accepts them,
// unlike the canonical list.

export function isIanaTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    // ICU also takes offsets such as '+05:30', which are not zone names.
    return /^[A-Za-z]/.test(name);
  } catch {
    return false;
  }
}
