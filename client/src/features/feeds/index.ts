export { CrewFeedCard } from './components/CrewFeedCard';
export { PartnersAdmin } from './components/PartnersAdmin';
