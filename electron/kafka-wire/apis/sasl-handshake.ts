// SaslHandshake v0-1: the client names its SASL mechanism. With v1 the tokens then travel in
// SaslAuthenticate requests; with v0 the next frame is a bare token (size prefix only).
import { defineApi } from '../api';
import { ApiKey } from '../api-keys';

export interface SaslHandshakeRequest {
  mechanism: string;
}

export interface SaslHandshakeResponse {
  errorCode: number;
  /** The mechanisms the broker offers. */
  mechanisms: string[];
}

export const SaslHandshake = defineApi<SaslHandshakeRequest, SaslHandshakeResponse>({
  apiKey: ApiKey.SaslHandshake,
  name: 'SaslHandshake',
  minVersion: 0,
  maxVersion: 1,
  flexibleFrom: null,
  encodeRequest(w, _v, req) {
    w.string(req.mechanism);
  },
  decodeRequest(r) {
    return { mechanism: r.string() };
  },
  encodeResponse(w, _v, res) {
    w.int16(res.errorCode).array(res.mechanisms, (w2, m) => w2.string(m));
  },
  decodeResponse(r) {
    return { errorCode: r.int16(), mechanisms: r.array((x) => x.string()) };
  },
});
