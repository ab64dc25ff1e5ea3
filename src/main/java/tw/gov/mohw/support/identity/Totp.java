package tw.gov.mohw.support.identity;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), as every authenticator app makes
 * them. A code of the step before or after is accepted for clock drift; the caller refuses a step already used.
 */
public final class Totp {

    static final int STEP_SECONDS = 30;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Totp() {
    }

    public static byte[] newSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The code for the step containing {@code at}. */
    public static String code(byte[] secret, Instant at) {
        return code(secret, at.getEpochSecond() / STEP_SECONDS);
    }

    /** The step {@code code} belongs to, within one step of {@code now}, if it is right. */
    static OptionalLong match(byte[] secret, String code, Instant now) {
        if (code == null || !code.matches("\\d{6}")) {
            return OptionalLong.empty();
        }
        long current = now.getEpochSecond() / STEP_SECONDS;
        for (long step = current - 1; step <= current + 1; step++) {
            if (MessageDigest.isEqual(code(secret, step).getBytes(), code.getBytes())) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    private static String code(byte[] secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = h[h.length - 1] & 0x0f;
            int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
                    | (h[offset + 3] & 0xff);
            return "%06d".formatted(binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What an authenticator app scans or is given: {@code otpauth://totp/報備支援系統:<account>?secret=…}. */
    public static String uri(String account, byte[] secret) {
        return "otpauth://totp/" + java.net.URLEncoder.encode("報備支援系統:" + account,
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20") + "?secret=" + base32(secret)
                + "&issuer=" + java.net.URLEncoder.encode("報備支援系統", java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The secret as authenticator apps take it (RFC 4648 base32, no padding). */
    public static String base32(byte[] secret) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : secret) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
