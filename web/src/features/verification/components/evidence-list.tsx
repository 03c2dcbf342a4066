import { useServerWords } from '../../../components/server-word';
import { useI18n } from '../../../lib/i18n/i18n';
import type { EvidenceWithStatements } from '../api/proofs-api';

/** The exact bytes the node kept, as text (envelopes are JSON, checkpoints signed notes). */
function decode(b64: string): string {
  const bin = atob(b64);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

function download(name: string, b64: string): void {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // Revoked later: some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Statement({ e, which, b64 }: { e: EvidenceWithStatements; which: 'first' | 'second'; b64: string }) {
  const { t } = useI18n();
  const text = decode(b64);
  const label = t(which === 'first' ? 'evidence.first' : 'evidence.second');
  const file = `parley-evidence-${e.id}-${which}.${text.trimStart().startsWith('{') ? 'json' : 'txt'}`;
  return (
    <div className="statement" data-testid={`evidence-${which}`}>
      <details>
        <summary>{t('evidence.view', { which: label })}</summary>
        <pre className="note" lang="en">
          {text}
        </pre>
      </details>
      <button type="button" onClick={() => download(file, b64)}>
        {t('evidence.download', { which: label })}
      </button>
    </div>
  );
}

/** Evidence of equivocation, each with both conflicting statements to read or take away. */
export function EvidenceList({
  evidence,
  nameOf,
}: {
  evidence: EvidenceWithStatements[];
  nameOf: (id: string) => string;
}) {
  const { t, dateTime, number } = useI18n();
  const words = useServerWords();
  if (evidence.length === 0)
    return (
      <p className="vstate vstate-ok">
        <span aria-hidden="true">✓ </span>
        {t('evidence.none')}
      </p>
    );
  return (
    <ul className="items">
      {evidence.map((e) => (
        <li key={e.id} className="item item-overdue" data-testid="evidence" data-kind={e.kind}>
          <strong>
            {t('evidence.kind')}: {words.evidenceKind(e.kind)}
          </strong>
          <span className="small">
            {t('evidence.detected')}: {dateTime(e.detected_at)} · {nameOf(e.author)}
            {e.seq !== undefined ? ` · ${t('evidence.seq', { seq: number(e.seq) })}` : ''}
          </span>
          <span className="small" lang="en">
            {e.detail}
          </span>
          {e.first ? <Statement e={e} which="first" b64={e.first} /> : null}
          {e.second ? <Statement e={e} which="second" b64={e.second} /> : null}
        </li>
      ))}
    </ul>
  );
}
