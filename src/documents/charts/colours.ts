// Colours of the charts: every mark must stand out from the white background by at least 3:1
// (WCAG 2.1, 1.4.11), so a space's own colour is used only when it does.

export const TEXT_COLOUR = '#1f2937';
export const AXIS_COLOUR = '#4b5563';
export const GRID_COLOUR = '#d1d5db';
/** Outline of the empty cells of a heat map (4.5:1 on white). */
export const EMPTY_CELL_OUTLINE = '#767676';

/** Fixed palette, each at least 4.5:1 on white, told apart by hue and lightness. */
export const PALETTE = ['#1d4e89', '#b45309', '#047857', '#7e22ce'] as const;

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex([r, g, b]: [number, number, number]): string {
  return '#' + [r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
}

export function isHexColour(s: string | undefined): s is string {
  return s !== undefined && /^#[0-9a-fA-F]{6}$/.test(s);
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `hex` lightened towards white: 0 gives white, 1 the colour itself. */
export function tint(hex: string, amount: number): string {
  return toHex(channels(hex).map((c) => 255 - (255 - c) * amount) as [number, number, number]);
}

/** The colours of `count` series, starting with the space's colour when it contrasts enough. */
export function seriesColours(count: number, primary?: string): string[] {
  const first = isHexColour(primary) && contrastRatio(primary, '#ffffff') >= 3 ? primary.toLowerCase() : null;
  const rest = PALETTE.filter((c) => c !== first);
  const all = first ? [first, ...rest] : [...PALETTE];
  return Array.from({ length: count }, (_, i) => all[i % all.length]!);
}

/**
 * `steps` shades of the base colour from light to dark, the lightest still 3:1 on white, so
 * that every non-empty cell of a heat map can be seen.
 */
export function sequentialScale(steps: number, primary?: string): string[] {
  const base = seriesColours(1, primary)[0]!;
  let lightest = 1;
  for (let t = 0.2; t <= 1; t += 0.01) {
    if (contrastRatio(tint(base, t), '#ffffff') >= 3) {
      lightest = t;
      break;
    }
  }
  if (steps === 1) return [base];
  return Array.from({ length: steps }, (_, i) => tint(base, lightest + ((1 - lightest) * i) / (steps - 1)));
}
