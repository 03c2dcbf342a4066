import { useI18n } from '../lib/i18n/i18n';
import type { MessageKey } from '../lib/i18n/en';

/**
 * Codes and kinds the node sends, in the reader's language. A word the catalogue lacks is shown
 * as the node sent it, so a new server kind is never hidden.
 */
export function useServerWords() {
  const { t } = useI18n();
  const known = (key: string): string | undefined => {
    const s = t(key as MessageKey);
    return s === key ? undefined : s;
  };
  return {
    alarmKind: (k: string): string => known(`alarm.kind.${k}`) ?? k,
    evidenceKind: (k: string): string => known(`evidence.kind.${k}`) ?? k,
    /** The sentence for an error code, or undefined when the catalogue does not know it. */
    code: (c: string): string | undefined => known(`error.${c}`),
  };
}

/** A failure in words by its code, with the node's own English text kept beside it (lang="en"). */
export function CodedReason({ code, message }: { code: string; message?: string | undefined }) {
  const { t } = useI18n();
  const words = useServerWords().code(code);
  return (
    <>
      {words ?? t('error.generic', { code })}
      {message ? (
        <span className="small block" lang="en">
          {code}: {message}
        </span>
      ) : null}
    </>
  );
}
