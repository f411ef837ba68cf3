export { CatalogueAdmin, type CatalogueRow } from './components/CatalogueAdmin';
