export { ApprovalsQueue } from './components/ApprovalsQueue';
export { BlackoutForm } from './components/BlackoutForm';
export { AuditLog } from './components/AuditLog';
export type { AuditFilters } from './api/search-audit';
export { HoldQueue } from './components/HoldQueue';
