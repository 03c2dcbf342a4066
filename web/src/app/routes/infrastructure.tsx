import { ApiView } from '../../components/api-view';
import { Panel } from '../../components/panel';
import { useCrosswalk, useDesignations } from '../../features/dialogue/api/dialogue-api';
import { useI18n } from '../../lib/i18n/i18n';

export function InfrastructurePage() {
  const { t } = useI18n();
  const designations = useDesignations();
  const crosswalk = useCrosswalk();
  return (
    <div className="grid">
      <Panel title={t('ci.designations')} wide>
        <ApiView state={designations}>{(d) => <pre className="note">{JSON.stringify(d.designations, null, 2)}</pre>}</ApiView>
      </Panel>
      <Panel title={t('ci.crosswalk')} wide>
        <ApiView state={crosswalk}>{(d) => <pre className="note">{JSON.stringify(d.mappings, null, 2)}</pre>}</ApiView>
      </Panel>
    </div>
  );
}
