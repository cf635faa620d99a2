import { describe, expect, it } from 'vitest';
import { classifyError, fromHttpStatus, fromNetFailure, fromWsClose } from '../../src/transports/close-report.js';

describe('why a transport ended, as data', () => {
  it.each([1001, 1005, 1006, 1011, 1012, 1013, 1008])('ws close %i from the server: reconnect', (code) => {
    expect(fromWsClose(code, '')).toMatchObject({ retry: true, wsCode: code });
  });

  it('ws 4401 and 4403 stop with a cause; a 1000 from the server ends', () => {
    expect(fromWsClose(4401, 'bad token')).toMatchObject({ code: 'unauthorized', retry: false, reason: 'ws closed by the server, 4401: bad token' });
    expect(fromWsClose(4403, '')).toMatchObject({ code: 'forbidden', retry: false });
    expect(fromWsClose(1000, '')).toMatchObject({ code: 'fatal', retry: false });
  });

  it('HTTP refusals: 401 stops, a disabled transport is refused, 5xx and 429 are retried', () => {
    const body = (code: string, error: string): string => JSON.stringify({ code, error });
    expect(fromHttpStatus('sse stream', 401, body('unauthorized', 'the token is not valid'))).toEqual({
      code: 'unauthorized',
      reason: 'sse stream refused, 401 unauthorized: the token is not valid',
      retry: false,
      unreachable: false,
      status: 401,
      errorCode: 'unauthorized',
    });
    expect(fromHttpStatus('ws upgrade', 403, body('forbidden_origin', 'no'))).toMatchObject({ code: 'forbidden', retry: false });
    expect(fromHttpStatus('poll', 403, body('name_mismatch', 'not yours'))).toMatchObject({ code: 'forbidden', retry: false, errorCode: 'name_mismatch' });
    expect(fromHttpStatus('ws upgrade', 421, body('forbidden_host', 'not here'))).toMatchObject({ code: 'forbidden', retry: false });
    expect(fromHttpStatus('sse stream', 401, body('token_expired', 'old'))).toMatchObject({ code: 'unauthorized', retry: false });
    expect(fromHttpStatus('ws upgrade', 403, 'proxy says no')).toMatchObject({ code: 'refused', reason: 'ws upgrade refused, 403', retry: false });
    expect(fromHttpStatus('poll', 404, body('transport_disabled', 'off'))).toMatchObject({ code: 'refused', errorCode: 'transport_disabled' });
    for (const status of [408, 429, 500, 502, 503]) expect(fromHttpStatus('poll', status, '')).toMatchObject({ code: 'unavailable', retry: true });
  });

  it('network failures: never connected is unreachable, lost on the way is dropped', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(classifyError(refused)).toEqual({ kind: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:9', errno: 'ECONNREFUSED' });
    expect(classifyError(reset)).toEqual({ kind: 'reset', message: 'ECONNRESET socket hang up', errno: 'ECONNRESET' });
    expect(classifyError(new Error('no code'))).toEqual({ kind: 'reset', message: 'no code' });
    expect(fromNetFailure('long poll', classifyError(refused))).toMatchObject({ code: 'unreachable', retry: true, unreachable: true, errno: 'ECONNREFUSED' });
    expect(fromNetFailure('long poll', classifyError(reset))).toMatchObject({ code: 'dropped', retry: true, unreachable: false });
    expect(fromNetFailure('poll', { kind: 'timeout', message: 'no answer within 10 ms' })).toMatchObject({ code: 'timeout', reason: 'poll timed out: no answer within 10 ms' });
  });
});
