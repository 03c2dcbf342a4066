import { ApiView } from '../../components/api-view';
import { Panel } from '../../components/panel';
import { hasRole, useUser } from '../../features/auth/auth-context';
import { useChannel } from '../../features/dialogue/api/dialogue-api';
import { ChannelList } from '../../features/dialogue/components/channel-list';
import { Timeline } from '../../features/dialogue/components/timeline';
import { PingButton } from '../../features/dialogue/components/envelope-actions';
import { useIdentity } from '../../features/node/api/get-identity';
import { useState } from 'react';
import { useLogs } from '../../features/logs/api/get-logs';
import type { LogHead } from '../../lib/api/types';
import { useI18n } from '../../lib/i18n/i18n';
import { Link } from '../../lib/router';

function LogsByChannel({ logs }: { logs: LogHead[] }) {
  const { t, number } = useI18n();
  const byChannel = new Map<string, LogHead[]>();
  for (const l of logs) byChannel.set(l.channel, [...(byChannel.get(l.channel) ?? []), l]);
  if (byChannel.size === 0) return <p className="muted">{t('verification.noLogs')}</p>;
  return (
    <>
      <p className="muted">{t('channels.logs.desc')}</p>
      <ul className="items">
        {[...byChannel].map(([channel, ls]) => (
          <li key={channel} className="item">
            <Link href={`/channels/${encodeURIComponent(channel)}`} className="mono break">
              {channel}
            </Link>
            <ul className="small">
              {ls.map((l) => (
                <li key={l.author}>
                  {t('channels.author')}: <span className="mono">{l.author}</span> — {t('channels.size')}:{' '}
                  {number(l.size)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ChannelsPage() {
  const { t } = useI18n();
  const logs = useLogs();
  return (
    <div className="grid">
      <Panel title={t('channels.list')} wide>
        <ChannelList />
      </Panel>
      <Panel title={t('channels.logs')} wide>
        <ApiView state={logs}>{(d) => <LogsByChannel logs={d.logs} />}</ApiView>
      </Panel>
    </div>
  );
}

export function ChannelPage({ id }: { id: string }) {
  const { t } = useI18n();
  const user = useUser();
  const channel = useChannel(id);
  const identity = useIdentity();
  const [version, setVersion] = useState(0);
  const analyst = hasRole(user, 'analyst');
  return (
    <div className="grid">
      <p className="wide">
        <Link href="/channels">← {t('channels.back')}</Link>
      </p>
      <Panel title={channel.status === 'ok' ? channel.data.name : id} wide>
        <p className="mono break small">{id}</p>
        {analyst ? (
          channel.status === 'ok' && channel.data.state === 'active' ? (
            <PingButton channel={id} onDone={() => setVersion((v) => v + 1)} />
          ) : null
        ) : (
          <p className="notice" data-testid="viewer-no-send">
            {t('channels.viewerNoSend')}
          </p>
        )}
      </Panel>
      <Panel title={t('channels.timeline')} wide>
        <Timeline
          key={version}
          channel={id}
          canAct={analyst}
          self={identity.status === 'ok' ? identity.data.party_id : undefined}
        />
      </Panel>
    </div>
  );
}
