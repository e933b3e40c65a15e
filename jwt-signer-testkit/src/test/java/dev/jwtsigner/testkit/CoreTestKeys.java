package dev.jwtsigner.testkit;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.internal.JoseSigner;
import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.PublicKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

/** The core module's pre-made test keys (jwt-signer-core/src/test/resources/keys), for the test kit's tests. */
final class CoreTestKeys {

  static final Path DIR = Path.of(System.getProperty("jwtsigner.root", ".."))
      .resolve("jwt-signer-core/src/test/resources/keys");

  private CoreTestKeys() {}

  /** The text of the key file {@code name}, such as {@code p521.pem}. */
  static String text(String name) {
    try {
      return Files.readString(DIR.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The private key {@code <name>.pem} as a key source. */
  static KeySource keySource(String name) {
    return KeySource.fromPemText(text(name + ".pem"));
  }

  /** The public key {@code <name>.pub.pem}. */
  static PublicKey publicKey(String name) {
    return PublicKeys.parse(text(name + ".pub.pem"));
  }

  /** {@code claimsJson} signed exactly as given, for tokens no builder would make. */
  static String sign(String name, JwsAlgorithm alg, String claimsJson) {
    return JoseSigner.prepare(keySource(name).signingKey(), alg).sign(claimsJson);
  }
}
