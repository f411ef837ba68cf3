export { ApprovalsQueue } from './components/ApprovalsQueue';
export { BlackoutForm } from './components/BlackoutForm';
