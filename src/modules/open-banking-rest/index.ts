export { openBankingRestModule } from './open-banking-rest.module';
export { OPEN_BANKING_PREFIX } from './routes';
