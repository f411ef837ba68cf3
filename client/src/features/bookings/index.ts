export { BookingForm, type BookingFormProps } from './components/BookingForm';
export { BookingDrawer } from './components/BookingDrawer';
export { BookingsList } from './components/BookingsList';
export type { Booking } from './types';
