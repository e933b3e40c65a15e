package dev.jwtsigner.keys;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.internal.SafeText;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;

/**
 * Reads an {@code openssh-key-v1} private key (the body of an {@code OPENSSH PRIVATE KEY} block) with
 * Bouncy Castle. Before parsing, it reads the container's clear header itself (cipher and the public key's
 * type, per OpenSSH's PROTOCOL.key), so a key of a type no JWS algorithm here signs with (DSA, Ed25519,
 * Ed448, security keys) is refused by its type name, with or without a passphrase. Bouncy Castle wants an
 * unencrypted key's padding to stop at 8 bytes; PuTTY pads to 16, as {@code ssh-keygen} accepts, so such
 * a key is re-padded and read again.
 */
final class OpenSshKeys {

  private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
  /** The key types RS256, RS512 and ES512 can use; other ECDSA curves are refused by the curve check. */
  private static final Set<String> SIGNING_TYPES =
      Set.of("ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521");
  private static final int UNENCRYPTED_BLOCK = 8;

  private OpenSshKeys() {}

  /** The clear parts of the container: the cipher, the public key's type, and where the private section lies. */
  record Header(String cipher, String keyType, int privateStart, int privateLength) {
    boolean encrypted() {
      return !"none".equals(cipher);
    }
  }

  /** The header of {@code blob}, or null when it is no {@code openssh-key-v1} container with one key. */
  static Header header(byte[] blob) {
    if (blob.length < MAGIC.length || !Arrays.equals(blob, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      return null;
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(blob, MAGIC.length, blob.length - MAGIC.length);
      String cipher = ascii(string(in, 64));
      string(in, 64); // kdf name
      string(in, 1024); // kdf options
      if (in.getInt() != 1) {
        return null;
      }
      ByteBuffer publicKey = ByteBuffer.wrap(string(in, 1 << 16));
      String type = ascii(string(publicKey, 64));
      int length = in.getInt();
      if (length < 0 || length > in.remaining()) {
        return null; // an AEAD cipher (aes-gcm, chacha20-poly1305) puts its tag after the private section
      }
      return new Header(cipher, type, in.position(), length);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      return null;
    }
  }

  static PrivateKeyInfo read(byte[] blob, char[] passphrase, String origin) {
    Header header = header(blob);
    if (header == null) {
      throw BouncyCastlePem.garbled(origin);
    }
    if (!SIGNING_TYPES.contains(header.keyType())) {
      throw new KeyRejectedException(Reason.KEY_TYPE_UNSUPPORTED,
          origin + " holds an OpenSSH " + SafeText.of(header.keyType()) + " key, which cannot sign RS256, RS512 or ES512;"
              + " only RSA (2048 bits or more) and EC P-521 keys can. Fix: " + KeyChecks.MAKE_RSA
              + ", or `ssh-keygen -t ecdsa -b 521 -m PEM -P \"\" -f jwtES512.key`.");
    }
    String kind = "OpenSSH format, encrypted with " + SafeText.of(header.cipher());
    if (header.encrypted()) {
      BouncyCastlePem.requirePassphrase(passphrase, kind, origin, "ssh-keygen -p -N \"\" -m PEM -f key");
      byte[] secret = utf8(passphrase);
      try {
        return PrivateKeyInfoFactory.createPrivateKeyInfo(OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(blob, secret));
      } catch (Exception e) {
        throw BouncyCastlePem.wrongPassphrase(kind, origin);
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
    }
    try {
      return PrivateKeyInfoFactory.createPrivateKeyInfo(parse(blob, header));
    } catch (Exception e) {
      throw BouncyCastlePem.garbled(origin);
    }
  }

  private static AsymmetricKeyParameter parse(byte[] blob, Header header) throws Exception {
    try {
      return OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(blob);
    } catch (IllegalArgumentException e) {
      byte[] repadded = repadded(blob, header);
      if (repadded == null) {
        throw e;
      }
      return OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(repadded);
    }
  }

  /**
   * {@code blob} with the unencrypted private section's padding (the bytes 1, 2, 3... at its end) cut to the
   * next multiple of 8, or null when its end is not such padding.
   */
  static byte[] repadded(byte[] blob, Header header) {
    int end = header.privateStart() + header.privateLength();
    int pad = blob[end - 1] & 0xFF;
    if (pad < 1 || pad > header.privateLength()) {
      return null;
    }
    for (int i = 0; i < pad; i++) {
      if ((blob[end - pad + i] & 0xFF) != i + 1) {
        return null;
      }
    }
    int content = header.privateLength() - pad;
    int newPad = (UNENCRYPTED_BLOCK - content % UNENCRYPTED_BLOCK) % UNENCRYPTED_BLOCK;
    int newLength = content + newPad;
    ByteBuffer out = ByteBuffer.allocate(header.privateStart() + newLength);
    out.put(blob, 0, header.privateStart() - 4).putInt(newLength).put(blob, header.privateStart(), content);
    for (int i = 1; i <= newPad; i++) {
      out.put((byte) i);
    }
    return out.array();
  }

  private static byte[] string(ByteBuffer in, int max) {
    int length = in.getInt();
    if (length < 0 || length > max || length > in.remaining()) {
      throw new IllegalArgumentException("bad length");
    }
    byte[] out = new byte[length];
    in.get(out);
    return out;
  }

  private static String ascii(byte[] bytes) {
    return new String(bytes, StandardCharsets.US_ASCII);
  }

  private static byte[] utf8(char[] chars) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] out = new byte[encoded.remaining()];
    encoded.get(out);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    return out;
  }
}
