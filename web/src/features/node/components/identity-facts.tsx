import type { ReactNode } from 'react';
import type { Identity } from '../../../lib/api/types';
import { useI18n } from '../../../lib/i18n/i18n';

export function IdentityFacts({
  id,
  keys,
  children,
}: {
  id: Identity;
  keys?: boolean;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <dl className="facts">
      <dt>{t('overview.party')}</dt>
      <dd>{id.name}</dd>
      <dt>{t('overview.partyId')}</dt>
      <dd className="mono break">{id.party_id}</dd>
      {keys ? (
        <>
          <dt>{t('settings.publicKey')}</dt>
          <dd className="mono break">{id.public_key}</dd>
          <dt>{t('settings.noteKey')}</dt>
          <dd className="mono break">{id.note_verifier_key}</dd>
        </>
      ) : null}
      {children}
    </dl>
  );
}
