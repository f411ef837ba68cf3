export { UtilisationView, type UtilisationSettings } from './components/UtilisationView';
export { HeatMap } from './components/HeatMap';
export { mondayOf } from './lib/utilisation';
