import { useId } from 'react';

export interface TrendPoint {
  readonly at: string;
  readonly level: number;
}

const W = 640;
const H = 180;
const PAD = { l: 36, r: 12, t: 12, b: 28 };

/**
 * A value over time drawn in SVG without a chart library: by default the threat level (0–5) as a
 * step line; with `yTicks` any scale (the response times of communication checks), and with
 * `step={false}` a line through samples. The description states the range in words.
 */
export function TrendChart({
  points,
  title,
  description,
  formatTick,
  levelLabel,
  yTicks = [0, 1, 2, 3, 4, 5],
  formatY = String,
  step = true,
  name = 'threat-trend',
  padLeft = PAD.l,
}: {
  points: readonly TrendPoint[];
  title: string;
  description: string;
  formatTick: (iso: string) => string;
  levelLabel: (level: number) => string;
  /** Gridlines, ascending; the last is the top of the scale. */
  yTicks?: readonly number[];
  formatY?: (v: number) => string;
  step?: boolean;
  /** data-chart, for tests. */
  name?: string;
  /** Room for the y labels. */
  padLeft?: number;
}) {
  const titleId = useId();
  const descId = useId();
  if (points.length === 0) return null;
  const times = points.map((p) => Date.parse(p.at));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times, t0 + 1);
  const x = (t: number): number => padLeft + ((t - t0) / (t1 - t0)) * (W - padLeft - PAD.r);
  const top = yTicks[yTicks.length - 1] || 1;
  const y = (lvl: number): number => PAD.t + (1 - Math.min(lvl, top) / top) * (H - PAD.t - PAD.b);
  let d = '';
  points.forEach((p, i) => {
    const px = x(times[i]!);
    const py = y(p.level);
    d += i === 0 ? `M${px},${py}` : step ? `H${px}V${py}` : `L${px},${py}`;
  });
  if (step) d += `H${x(t1)}`;
  return (
    <svg
      className="trend"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      data-chart={name}
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{description}</desc>
      {yTicks.map((l) => (
        <g key={l}>
          <line x1={padLeft} x2={W - PAD.r} y1={y(l)} y2={y(l)} className="grid" />
          <text x={padLeft - 6} y={y(l) + 4} textAnchor="end" className="tick">
            {formatY(l)}
            <title>{levelLabel(l)}</title>
          </text>
        </g>
      ))}
      <text x={padLeft} y={H - 8} className="tick">
        {formatTick(new Date(t0).toISOString())}
      </text>
      <text x={W - PAD.r} y={H - 8} textAnchor="end" className="tick">
        {formatTick(new Date(t1).toISOString())}
      </text>
      <path d={d} className="line" />
      {/* Samples get a dot each: a single check would otherwise draw nothing. */}
      {step
        ? null
        : points.map((p, i) => <circle key={i} cx={x(times[i]!)} cy={y(p.level)} r={3} className="dot" />)}
    </svg>
  );
}
