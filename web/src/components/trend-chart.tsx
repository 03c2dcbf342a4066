import { useId } from 'react';

export interface TrendPoint {
  readonly at: string;
  readonly level: number;
}

const W = 640;
const H = 180;
const PAD = { l: 36, r: 12, t: 12, b: 28 };

/**
 * The overall threat level over time as a step line (levels 0–5), drawn in SVG without a
 * chart library. The description states the range and the latest level in words.
 */
export function TrendChart({
  points,
  title,
  description,
  formatTick,
  levelLabel,
}: {
  points: readonly TrendPoint[];
  title: string;
  description: string;
  formatTick: (iso: string) => string;
  levelLabel: (level: number) => string;
}) {
  const titleId = useId();
  const descId = useId();
  if (points.length === 0) return null;
  const times = points.map((p) => Date.parse(p.at));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times, t0 + 1);
  const x = (t: number): number => PAD.l + ((t - t0) / (t1 - t0)) * (W - PAD.l - PAD.r);
  const y = (lvl: number): number => PAD.t + (1 - lvl / 5) * (H - PAD.t - PAD.b);
  let d = '';
  points.forEach((p, i) => {
    const px = x(times[i]!);
    const py = y(p.level);
    d += i === 0 ? `M${px},${py}` : `H${px}V${py}`;
  });
  d += `H${x(t1)}`;
  return (
    <svg
      className="trend"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      data-chart="threat-trend"
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      {[0, 1, 2, 3, 4, 5].map((l) => (
        <g key={l}>
          <line x1={PAD.l} x2={W - PAD.r} y1={y(l)} y2={y(l)} className="grid" />
          <text x={PAD.l - 6} y={y(l) + 4} textAnchor="end" className="tick">
            {l}
            <title>{levelLabel(l)}</title>
          </text>
        </g>
      ))}
      <text x={PAD.l} y={H - 8} className="tick">
        {formatTick(new Date(t0).toISOString())}
      </text>
      <text x={W - PAD.r} y={H - 8} textAnchor="end" className="tick">
        {formatTick(new Date(t1).toISOString())}
      </text>
      <path d={d} className="line" />
    </svg>
  );
}
