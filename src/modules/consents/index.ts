export { consentsModule } from './consents.module';
