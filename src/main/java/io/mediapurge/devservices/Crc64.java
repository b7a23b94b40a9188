package io.mediapurge.devservices;

/**
 * CRC-64/XZ (ECMA-182 polynomial, reflected), the checksum OSS sends as
 * {@code x-oss-hash-crc64ecma}; the SDK compares it with its own on uploads and downloads.
 */
final class Crc64 {

    private static final long POLY = 0xC96C5795D7870F42L;
    private static final long[] TABLE = new long[256];

    static {
        for (int n = 0; n < 256; n++) {
            long crc = n;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY : crc >>> 1;
            }
            TABLE[n] = crc;
        }
    }

    private Crc64() {
    }

    /** The checksum as OSS writes it: an unsigned decimal number. */
    static String of(byte[] data) {
        long crc = ~0L;
        for (byte b : data) {
            crc = TABLE[(int) ((crc ^ b) & 0xFF)] ^ (crc >>> 8);
        }
        return Long.toUnsignedString(~crc);
    }
}
