package dev.jwtsigner.bench;

import java.util.Base64;

/**
 * The DER body of a single PEM block (PKCS#8 or SPKI), with the JDK alone: the "raw JCA" way to load a
 * key, used by the floors and by the cold-start peers, so that none of them loads Bouncy Castle.
 */
public final class Pem {

  private Pem() {}

  /** The base64-decoded lines between {@code -----BEGIN ...-----} and {@code -----END ...-----}. */
  public static byte[] body(String pem) {
    StringBuilder b64 = new StringBuilder(pem.length());
    for (String line : pem.split("\n")) {
      if (!line.startsWith("-----")) {
        b64.append(line.trim());
      }
    }
    return Base64.getDecoder().decode(b64.toString());
  }
}
