// SaslAuthenticate v0-1: one SASL token each way (for PLAIN, one round).
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';

export interface SaslAuthenticateRequest {
  authBytes: Buffer;
}

export interface SaslAuthenticateResponse {
  errorCode: number;
  errorMessage: string | null;
  authBytes: Buffer;
  /** v1+; 0 = no re-authentication required */
  sessionLifetimeMs: number;
}

export const SaslAuthenticate = defineApi<SaslAuthenticateRequest, SaslAuthenticateResponse>({
  apiKey: ApiKey.SaslAuthenticate,
  name: 'SaslAuthenticate',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: null,
  encodeRequest(w, _v, req) {
    w.bytes(req.authBytes);
  },
  decodeRequest(r) {
    return { authBytes: r.bytes() };
  },
  encodeResponse(w, v, res) {
    w.int16(res.errorCode).nullableString(res.errorMessage).bytes(res.authBytes);
    if (v >= 1) w.int64(res.sessionLifetimeMs);
  },
  decodeResponse(r, v) {
    const errorCode = r.int16();
    const errorMessage = r.nullableString();
    const authBytes = r.bytes();
    return { errorCode, errorMessage, authBytes, sessionLifetimeMs: v >= 1 ? r.int64n() : 0 };
  },
});
