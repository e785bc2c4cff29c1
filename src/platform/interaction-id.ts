import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { PlatformError } from './platform-errors';

/** Open Banking's x-fapi-interaction-id: echoed when valid, generated (UUID) when absent. */
export const INTERACTION_ID_HEADER = 'x-fapi-interaction-id';
export const INTERACTION_ID_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,99}$/;

declare module 'http' {
  interface IncomingMessage {
    interactionId?: string;
  }
}

/** Express middleware: validates or creates the interaction id and echoes it on the response. */
export function interactionId(req: Request, res: Response, next: NextFunction): void {
  const given = req.headers[INTERACTION_ID_HEADER];
  if (given !== undefined && (typeof given !== 'string' || !INTERACTION_ID_PATTERN.test(given))) {
    const generated = randomUUID();
    res.setHeader(INTERACTION_ID_HEADER, generated);
    res.status(400).json({
      errors: [
        {
          message: `${INTERACTION_ID_HEADER} must match ${INTERACTION_ID_PATTERN.source}`,
          extensions: { code: PlatformError.INVALID_INTERACTION_ID, interactionId: generated },
        },
      ],
    });
    return;
  }
  req.interactionId = given ?? randomUUID();
  res.setHeader(INTERACTION_ID_HEADER, req.interactionId);
  next();
}

/** A WebSocket connection keeps the interaction id of its upgrade request (or gets a new one). */
export function connectionInteractionId(request: IncomingMessage): string {
  const given = request.headers[INTERACTION_ID_HEADER];
  if (typeof given === 'string' && INTERACTION_ID_PATTERN.test(given)) return given;
  request.interactionId ??= randomUUID();
  return request.interactionId;
}
