package dev.jwtsigner.apto;

import dev.jwtsigner.TestKeys;
import dev.jwtsigner.keys.KeySource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Keys, the vendor guide's create-user body and token decoding for the apto tests. */
final class AptoFixtures {

  private AptoFixtures() {}

  /** A key source for the pre-made test key {@code name} ({@code rsa2048}, {@code rsa4096}, {@code p521}). */
  static KeySource keys(String name) {
    return KeySource.fromPemText(TestKeys.pem(name + ".pem"));
  }

  /** The public half of the pre-made RSA test key {@code name} (any size: read by the JDK, not a KeySource). */
  static RSAPublicKey publicKey(String name) {
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der(name + ".pem")));
      return (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The P-521 test public key. */
  static PublicKey p521PublicKey() {
    try {
      return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der("p521.pub.pem")));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] der(String file) {
    return Base64.getMimeDecoder().decode(TestKeys.pem(file).replaceAll("-----[A-Z ]+-----", ""));
  }

  /** The create-user body from the vendor's guide, as JSON text. */
  static String createUserJson() {
    try (InputStream in = AptoFixtures.class.getResourceAsStream("/apto/create-user.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The decoded text of part {@code index} (0 header, 1 payload) of a compact JWS. */
  static String part(String token, int index) {
    return new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8);
  }
}
