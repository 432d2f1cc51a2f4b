import { usageError } from './exitCodes';

const unitSeconds: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90`, `90s`, `15m`, `24h` or `7d` → seconds; a usage error naming the option otherwise. Pure. */
export function parseDurationOption(raw: string, option: string): number {
  const match = /^(\d{1,9})([smhd]?)$/.exec(raw.trim());
  if (!match) {
    throw usageError(
      `${option} ${raw} is not a duration: give seconds (3600) or a number with s, m, h or d (24h).`,
    );
  }
  return Number(match[1]) * (unitSeconds[match[2] || 's'] ?? 1);
}
