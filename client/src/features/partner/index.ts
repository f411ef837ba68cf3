export { MonthAvailability } from './components/MonthAvailability';
export { MonthGrid, MonthGridLegend, type GridFacility } from './components/MonthGrid';
export { FreeSearch, freeSearchFields, toFreeSearchParams, type FreeSearchValues } from './components/FreeSearch';
export { toMonthGrid, type DayCell, type DayState, type GridRow } from './lib/month-grid';
export { isMonth, isDay, addDays as addMoscowDays } from './lib/dates';
