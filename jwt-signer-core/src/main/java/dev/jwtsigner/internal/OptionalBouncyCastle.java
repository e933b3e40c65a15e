package dev.jwtsigner.internal;

import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;

/**
 * Whether Bouncy Castle is on the class path. It is a default dependency that a user may exclude: without it the
 * JDK reads unencrypted PKCS#8 and PKCS#1 RSA keys and PKCS#8 EC keys, and ES512 signs and verifies on SunEC;
 * a key format only Bouncy Castle reads is refused when the key is loaded, naming the dependency to add.
 *
 * <pre>{@code
 * if (!OptionalBouncyCastle.pemReaderPresent()) {
 *   throw OptionalBouncyCastle.pemReaderMissing("key file private.pem");
 * }
 * }</pre>
 */
public final class OptionalBouncyCastle {

  /** The artifact that reads PEM formats beyond plain PKCS#8/PKCS#1; it brings {@code bcprov-jdk18on}. */
  public static final String PEM_ARTIFACT = "org.bouncycastle:bcpkix-jdk18on";

  private static final boolean PROVIDER = present("org.bouncycastle.jce.provider.BouncyCastleProvider");
  private static final boolean PEM_READER = PROVIDER && present("org.bouncycastle.openssl.PEMParser");

  private OptionalBouncyCastle() {}

  private static boolean present(String className) {
    try {
      Class.forName(className, false, OptionalBouncyCastle.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** True when {@code bcprov-jdk18on} is on the class path: ES512 then signs and verifies on its provider. */
  public static boolean providerPresent() {
    return PROVIDER;
  }

  /** True when {@code bcprov-jdk18on} and {@code bcpkix-jdk18on} are: every supported key format is read. */
  public static boolean pemReaderPresent() {
    return PEM_READER;
  }

  /** The refusal of a key that only Bouncy Castle's PEM reader reads, when it is missing; {@code origin} names the input. */
  public static KeyRejectedException pemReaderMissing(String origin) {
    return new KeyRejectedException(Reason.KEY_FORMAT_NEEDS_BOUNCY_CASTLE,
        origin + " is not an unencrypted PKCS#8 PRIVATE KEY or PKCS#1 RSA PRIVATE KEY that the JDK reads alone;"
            + " its format (encrypted, SEC1 EC PRIVATE KEY, OpenSSH, several blocks) and the exact reason a key is"
            + " refused need Bouncy Castle, which is not on the class path. Fix: add the dependency " + PEM_ARTIFACT
            + " (with bcprov-jdk18on), or convert the key with `openssl pkcs8 -topk8 -nocrypt -in key.pem -out private.pem`.");
  }
}
