export { useFacilities } from './api/get-facilities';
export { useSites } from './api/get-sites';
export { useFacility } from './api/get-facility';
export { FacilityFilters } from './components/FacilityFilters';
export { FacilitySpecs } from './components/FacilitySpecs';
export { filtersFromParams, filterFacilities, hasFilters, filterParamNames, type FilterParam } from './lib/filters';
