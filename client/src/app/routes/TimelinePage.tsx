import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  FacilityFilters,
  filterFacilities,
  filterParamNames,
  filtersFromParams,
  useFacilities,
  useSites,
  type FilterParam,
} from '../../features/facilities';
import { useI18n } from '../../lib/i18n';
import { QueryState } from '../../components/QueryState';
import { TimelinePanel } from './TimelinePanel';

export function TimelinePage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const facilities = useFacilities();
  const sites = useSites();
  const query = useMemo(() => filtersFromParams(params), [params]);
  const visible = useMemo(
    () => (facilities.data ? filterFacilities(facilities.data, query) : []),
    [facilities.data, query],
  );
  const values = Object.fromEntries(filterParamNames.map((n) => [n, params.get(n) ?? ''])) as Record<
    FilterParam,
    string
  >;

  const onChange = (name: FilterParam, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  const onReset = () =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      for (const n of filterParamNames) next.delete(n);
      return next;
    });

  if (!facilities.data || !sites.data)
    return (
      <>
        <h1 className="visually-hidden">{t('timeline.title')}</h1>
        <QueryState
          error={facilities.error ?? sites.error}
          onRetry={() => {
            void facilities.refetch();
            void sites.refetch();
          }}
        />
      </>
    );

  return (
    <div className="timeline-layout">
      <h1 className="visually-hidden">{t('timeline.title')}</h1>
      <aside>
        <FacilityFilters
          sites={sites.data}
          facilities={facilities.data}
          values={values}
          onChange={onChange}
          onReset={onReset}
          shown={visible.length}
        />
      </aside>
      <TimelinePanel facilities={visible} all={facilities.data} sites={sites.data} />
    </div>
  );
}
