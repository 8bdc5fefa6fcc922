// CRC-32C (Castagnoli) as record batches use it; the SIMD implementation from @node-rs/crc32.
import { crc32c as nativeCrc32c } from '@node-rs/crc32';

export function crc32c(data: Buffer): number {
  return nativeCrc32c(data) >>> 0;
}
