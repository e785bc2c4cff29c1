// The onboarding module's public surface: what other modules may use.
export { onboardingModule } from './onboarding.module';
export { CustomerEvent, CustomerRegistration } from './registration.entities';
export { contextOf, CustomerEventName, EVENT_CONTEXTS } from './onboarding.enums';
export * from './onboarding.enums';
export { DOCUMENT_IMAGE_PATH } from './documents/document-image.route';
