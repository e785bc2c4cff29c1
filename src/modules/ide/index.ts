export { ideModule } from './ide.module';
