package io.wirelab.report;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What both directions of one TLS connection share: the client random (to find the secrets in the
 * key log) and the negotiated version and cipher suite; and the TLS 1.3 record protection
 * (RFC 8446 §5.2-5.3, §7.1-7.3) each direction decrypts with.
 */
final class TlsSession {
    final TlsKeys keys;
    String clientRandom;
    int cipherSuite = -1;
    boolean tls13;

    TlsSession(TlsKeys keys) { this.keys = keys; }

    /** One direction's record protection: key, IV and record sequence number. */
    final class Protection {
        private final Cipher cipher;
        private final SecretKeySpec key;
        private final byte[] iv;
        private final boolean chacha;
        private long seq;

        private Protection(byte[] secret) throws GeneralSecurityException {
            String hmac = cipherSuite == 0x1302 ? "HmacSHA384" : "HmacSHA256";
            int keyLength = cipherSuite == 0x1301 ? 16 : 32;
            chacha = cipherSuite == 0x1303;
            this.key = new SecretKeySpec(expandLabel(hmac, secret, "key", keyLength), chacha ? "ChaCha20" : "AES");
            this.iv = expandLabel(hmac, secret, "iv", 12);
            this.cipher = Cipher.getInstance(chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding");
        }

        /** The TLSInnerPlaintext of one record (RFC 8446 §5.2), or null when it does not decrypt. */
        byte[] open(byte[] header, byte[] body) {
            byte[] nonce = iv.clone();
            for (int i = 0; i < 8; i++) nonce[nonce.length - 1 - i] ^= (byte) (seq >>> (8 * i));   // RFC 8446 §5.3
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, chacha ? new IvParameterSpec(nonce) : new GCMParameterSpec(128, nonce));
                cipher.updateAAD(header);
                byte[] plain = cipher.doFinal(body);
                seq++;
                return plain;
            } catch (GeneralSecurityException e) {
                return null;
            }
        }
    }

    /** The protection for label's secret ("SERVER_HANDSHAKE_TRAFFIC_SECRET"), or null when the key log lacks it or the suite is unknown. */
    Protection protection(String label) {
        if (!tls13 || clientRandom == null || cipherSuite < 0x1301 || cipherSuite > 0x1303) return null;
        byte[] secret = keys.secret(clientRandom, label);
        if (secret == null) return null;
        try {
            return new Protection(secret);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** HKDF-Expand-Label with an empty context (RFC 8446 §7.1), HKDF-Expand of RFC 5869 §2.3. */
    static byte[] expandLabel(String hmac, byte[] secret, String label, int length) throws GeneralSecurityException {
        byte[] full = ("tls13 " + label).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer info = ByteBuffer.allocate(2 + 1 + full.length + 1);
        info.putShort((short) length).put((byte) full.length).put(full).put((byte) 0);
        Mac mac = Mac.getInstance(hmac);
        mac.init(new SecretKeySpec(secret, hmac));
        byte[] out = new byte[length], t = new byte[0];
        for (int done = 0, i = 1; done < length; i++) {
            mac.update(t);
            mac.update(info.array());
            mac.update((byte) i);
            t = mac.doFinal();
            int n = Math.min(t.length, length - done);
            System.arraycopy(t, 0, out, done, n);
            done += n;
        }
        return out;
    }
}
