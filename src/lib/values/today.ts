/**
 * The default "today": JALONS_AUJOURDHUI when set (reproducible builds and tests),
 * else the actual date. Pure functions never call this: they get today passed in.
 */
export function defaultToday(): string {
  const fixed = process.env.JALONS_AUJOURDHUI;
  return fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed) ? fixed : new Date().toISOString().slice(0, 10);
}
