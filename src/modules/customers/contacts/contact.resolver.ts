import { FieldResolver, Resolver, Root } from 'type-graphql';
import { NOT_AVAILABLE } from '../bases';
import { Phone } from './contact.entities';

@Resolver(() => Phone)
export class PhoneResolver {
  /** 1.0.3 has no null here: a phone without an extension (stored NULL) answers the literal NA, as before. */
  @FieldResolver(() => String)
  phoneExtension(@Root() phone: Phone): string {
    return phone.phoneExtension ?? NOT_AVAILABLE;
  }
}
