import { GraphQLError } from 'graphql';
import { PlatformError } from './platform-errors';

/**
 * The one error family of the gateway. Every error a client may see is a
 * GatewayError with a stable `extensions.code`; anything else is masked as
 * INTERNAL_SERVER_ERROR by the server's error formatter.
 */
export interface FieldViolation {
  /** Dotted path of the offending input field, e.g. `input.address.state`. */
  field: string;
  /** Stable machine code, e.g. `REQUIRED`, `INVALID_FORMAT`, `EMAIL_ALREADY_IN_USE`. */
  code: string;
  message: string;
}

export class GatewayError extends GraphQLError {
  constructor(code: string, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
  }

  get code(): string {
    return this.extensions.code as string;
  }
}

/** The code a client gets for `error`: a gateway error's own, anything else is masked as INTERNAL_SERVER_ERROR. */
export function clientCodeOf(error: unknown): string {
  return error instanceof GatewayError ? error.code : PlatformError.INTERNAL_SERVER_ERROR;
}

/** Bad input: every violation is listed at once, each with its field path (Bankly's 400 shape). */
export class InputError extends GatewayError {
  constructor(
    readonly violations: FieldViolation[],
    code = violations.length === 1 ? violations[0].code : PlatformError.INVALID_PARAMETER,
  ) {
    super(code, violations.map((v) => `${v.field}: ${v.message}`).join('; '), { fields: violations });
  }
}

/** A business rule refused the request (the provider's 409/422 family). */
export class BusinessRuleError extends GatewayError {}

/** Collects violations while validating, then throws them together. */
export class Violations {
  private readonly list: FieldViolation[] = [];

  add(field: string, code: string, message: string): void {
    this.list.push({ field, code, message });
  }

  get isEmpty(): boolean {
    return this.list.length === 0;
  }

  has(field: string): boolean {
    return this.list.some((v) => v.field === field);
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new InputError([...this.list]);
  }
}
