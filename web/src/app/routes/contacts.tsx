import { ApiView } from '../../components/api-view';
import { Panel } from '../../components/panel';
import { useChecks, useContacts } from '../../features/dialogue/api/dialogue-api';
import { useIdentity } from '../../features/node/api/get-identity';
import { IdentityFacts } from '../../features/node/components/identity-facts';
import { useI18n } from '../../lib/i18n/i18n';

export function ContactsPage() {
  const { t } = useI18n();
  const identity = useIdentity();
  const contacts = useContacts();
  const checks = useChecks();
  return (
    <div className="grid">
      <Panel title={t('contacts.us')}>
        <ApiView state={identity}>{(id) => <IdentityFacts id={id} />}</ApiView>
      </Panel>
      <Panel title={t('contacts.directory')}>
        <ApiView state={contacts}>{(d) => <pre className="note">{JSON.stringify(d.contacts, null, 2)}</pre>}</ApiView>
      </Panel>
      <Panel title={t('contacts.checks')} wide>
        <ApiView state={checks}>{(d) => <pre className="note">{JSON.stringify(d.checks, null, 2)}</pre>}</ApiView>
      </Panel>
    </div>
  );
}
