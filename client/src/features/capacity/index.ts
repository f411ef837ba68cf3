export { UtilisationView, type UtilisationSettings } from './components/UtilisationView';
export { HeatMap } from './components/HeatMap';
export { TrendChart } from './components/TrendChart';
export { mondayOf } from './lib/utilisation';
