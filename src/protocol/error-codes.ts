/**
 * Stable error codes. HTTP answers carry them as `{error, code}`, WebSocket `error` frames as
 * `{code, message}`. docs/protocol.md lists each.
 */
export const ErrorCode = {
  badRequest: 'bad_request',
  invalidJson: 'invalid_json',
  invalidUtf8: 'invalid_utf8',
  invalidRoom: 'invalid_room',
  invalidUser: 'invalid_user',
  invalidField: 'invalid_field',
  textTooLong: 'text_too_long',
  payloadTooLarge: 'payload_too_large',
  unknownFrame: 'unknown_frame',
  rateLimited: 'rate_limited',
  tooManyRooms: 'too_many_rooms',
  unauthorized: 'unauthorized',
  tokenExpired: 'token_expired',
  nameMismatch: 'name_mismatch',
  forbiddenOrigin: 'forbidden_origin',
  forbiddenHost: 'forbidden_host',
  notFound: 'not_found',
  methodNotAllowed: 'method_not_allowed',
  transportDisabled: 'transport_disabled',
  upgradeRequired: 'upgrade_required',
  unavailable: 'unavailable',
  tooManyConnections: 'too_many_connections',
  requestTimeout: 'request_timeout',
  internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
