// Date-times as Apple writes them: Cupertino's offset, seconds precision (recorded/codemagic__mocks__build.json).
const offsetFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  timeZoneName: 'longOffset',
});

export function appleDate(ms: number): string {
  const zone =
    offsetFormat.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  // "GMT-08:00" → "-08:00"; plain "GMT" means a zero offset.
  const offset = zone === 'GMT' ? '+00:00' : zone.slice(3);
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(Math.floor(ms / 1000) * 1000 + minutes * 60_000);
  return local.toISOString().slice(0, 19) + offset;
}
