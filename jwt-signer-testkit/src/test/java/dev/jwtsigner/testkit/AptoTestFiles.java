package dev.jwtsigner.testkit;

import dev.jwtsigner.keys.KeySource;
import dev.jwtsigner.keys.PublicKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

/** The core module's pre-made test keys and the vendor guide's create-user body, for the Apto tests. */
final class AptoTestFiles {

  private static final Path CORE_TEST_RESOURCES =
      Path.of(System.getProperty("jwtsigner.root", "..")).resolve("jwt-signer-core/src/test/resources");

  private AptoTestFiles() {}

  /** A key source for {@code keys/<name>.pem}, such as {@code rsa2048}. */
  static KeySource keys(String name) {
    return KeySource.fromPemText(read("keys/" + name + ".pem"));
  }

  /** The public key in {@code keys/<name>.pub.pem}. */
  static PublicKey publicKey(String name) {
    return PublicKeys.parse(read("keys/" + name + ".pub.pem"));
  }

  /** The create-user body from the vendor's guide: the test kit's fixture. */
  static String createUserJson() {
    return AptoFixtures.createUserBody();
  }

  /** The core module's copy of the create-user body, which its tests sign (core cannot see the test kit). */
  static String coreCreateUserJson() {
    return read("apto/create-user.json");
  }

  private static String read(String path) {
    try {
      return Files.readString(CORE_TEST_RESOURCES.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
