import { Fragment, type ReactNode } from 'react';
import { useI18n } from '../../../lib/i18n/i18n';
import type { MessageKey } from '../../../lib/i18n/en';
import type { SectorNames } from '../../../lib/sector-names';
import type { CategoryScore } from '../api/types';

/** Fills `{name}` in a translated template with JSX (t() takes text only). */
function fill(template: string, parts: Record<string, ReactNode>): ReactNode {
  return template.split(/(\{[a-z]+\})/).map((piece, i) => {
    const key = /^\{([a-z]+)\}$/.exec(piece)?.[1];
    return <Fragment key={i}>{key !== undefined && key in parts ? parts[key] : piece}</Fragment>;
  });
}

/**
 * Why an answer is not the sender's, in the reader's language from the node's code and parameters
 * (`reasonCode`, `reasonParams`); a sector read from the victim is named as the taxonomy names it.
 * A reason without a code the catalogue knows (an older node, a party's own model) is shown as the
 * node wrote it, marked as English.
 */
export function DeriveReason({ c, sectors }: { c: CategoryScore; sectors: SectorNames }) {
  const { t } = useI18n();
  const known = (key: string): string | undefined => {
    const s = t(key as MessageKey);
    return s === key ? undefined : s;
  };
  const code = c.reasonCode;
  const p = c.reasonParams ?? {};
  if (code === 'derived-from-fact' && p.from !== undefined && p.fact !== undefined) {
    const template = known(`score.reason.from.${p.from}`);
    if (template !== undefined) {
      const fact =
        p.from === 'sectors' ? (
          <>
            {sectors.node(p.fact)}
            {sectors.get(p.fact).text !== p.fact ? (
              <>
                {' '}
                (<span className="mono">{p.fact}</span>)
              </>
            ) : null}
          </>
        ) : (
          <span className="mono" lang="en">
            {p.fact}
          </span>
        );
      return <span data-reason={code}>{fill(template, { fact })}</span>;
    }
  }
  const words = code === undefined ? undefined : known(`score.reason.${code}`);
  if (words !== undefined) return <span data-reason={code}>{words}</span>;
  return c.reason ? <span lang="en">{c.reason}</span> : null;
}
