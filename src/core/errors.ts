/** Errors the domain raises; the HTTP layer maps each code to a status and a page, once. */
export type DomainErrorCode =
  'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'INVALID' | 'UNAUTHENTICATED';

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** Plain-English text safe to show the user; the message is for logs. */
  readonly userMessage: string | undefined;

  constructor(code: DomainErrorCode, message: string, userMessage?: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.userMessage = userMessage;
  }
}

export const notFound = (what = 'Not found') => new DomainError('NOT_FOUND', what);
export const forbidden = (what = 'Forbidden') => new DomainError('FORBIDDEN', what);
export const conflict = (message: string, userMessage?: string) =>
  new DomainError('CONFLICT', message, userMessage ?? message);
