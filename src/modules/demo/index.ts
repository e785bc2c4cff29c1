export { demoModule } from './demo.module';
export { DEMO_FIRST_CNPJ, DEMO_FIRST_CPF, loadDemoDataIfEmpty } from './demo-data';
export { seedCustomers } from './generator';
export type { SeedOptions, SeedProgress, SeedResult } from './generator';
