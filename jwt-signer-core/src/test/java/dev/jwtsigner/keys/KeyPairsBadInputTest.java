package dev.jwtsigner.keys;

import static dev.jwtsigner.catalogue.BadInput.rejected;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TestKeys;
import dev.jwtsigner.catalogue.BadInput;
import dev.jwtsigner.catalogue.LeakWatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue of {@link KeyPairs}: generation with a null algorithm or a wrong size, every export
 * with null or unexportable keys, and {@code writeFiles} into folders it must not or cannot write. Each row ends
 * in a typed rejection; no row generates a key.
 */
class KeyPairsBadInputTest {

  static final String RSA = TestKeys.pem("rsa2048.pem");
  static final PrivateKey PRIVATE = KeySource.fromPemText(RSA).signingKey().privateKey();
  static final KeyPair PAIR = new KeyPair(PublicKeys.parse(TestKeys.pem("rsa2048.pub.pem")), PRIVATE);

  @RegisterExtension
  static final LeakWatch LEAKS = LeakWatch.forbidding().key("rsa2048", PRIVATE).pem("rsa2048.pem", RSA);

  @TempDir
  static Path dir;

  static final String NULL_ALGORITHM = "algorithm is null. Fix: pass RS256, RS512 or ES512.";

  static Stream<Arguments> sizes() {
    return Stream.of(
        arguments(named("null algorithm", null), 2048, Reason.INVALID_ARGUMENT, NULL_ALGORITHM),
        arguments(named("RS256", JwsAlgorithm.RS256), Integer.MIN_VALUE, Reason.KEY_TOO_SHORT,
            "an RSA key of -2147483648 bits is too short; at least 2048 are required"),
        arguments(named("RS256", JwsAlgorithm.RS256), -1, Reason.KEY_TOO_SHORT, "an RSA key of -1 bits is too short;"),
        arguments(named("RS256", JwsAlgorithm.RS256), 0, Reason.KEY_TOO_SHORT, "an RSA key of 0 bits is too short;"),
        arguments(named("RS512", JwsAlgorithm.RS512), 1024, Reason.KEY_TOO_SHORT, "an RSA key of 1024 bits is too short;"),
        arguments(named("RS512", JwsAlgorithm.RS512), 2047, Reason.KEY_TOO_SHORT, "an RSA key of 2047 bits is too short;"),
        arguments(named("RS256", JwsAlgorithm.RS256), 16_385, Reason.INVALID_ARGUMENT,
            "an RSA key of 16385 bits is larger than 16384."),
        arguments(named("RS256", JwsAlgorithm.RS256), 100_000, Reason.INVALID_ARGUMENT,
            "an RSA key of 100000 bits is larger than 16384."),
        arguments(named("RS512", JwsAlgorithm.RS512), Integer.MAX_VALUE, Reason.INVALID_ARGUMENT,
            "an RSA key of 2147483647 bits is larger than 16384."),
        arguments(named("ES512", JwsAlgorithm.ES512), 2048, Reason.INVALID_ARGUMENT,
            "ES512 keys are on P-521; a size of 2048 bits does not apply."),
        arguments(named("ES512", JwsAlgorithm.ES512), -1, Reason.INVALID_ARGUMENT,
            "ES512 keys are on P-521; a size of -1 bits does not apply."));
  }

  @ParameterizedTest(name = "{0}, {1} bits")
  @MethodSource("sizes")
  void generateRejectsSize(JwsAlgorithm algorithm, int bits, Reason reason, String messageStart) {
    rejected(() -> KeyPairs.generate(algorithm, bits), reason, messageStart);
  }

  @ParameterizedTest(name = "null algorithm")
  @MethodSource("nullAlgorithm")
  void generateRejectsNullAlgorithm(JwsAlgorithm algorithm) {
    rejected(() -> KeyPairs.generate(algorithm), Reason.INVALID_ARGUMENT, NULL_ALGORITHM);
  }

  static Stream<JwsAlgorithm> nullAlgorithm() {
    return Stream.of((JwsAlgorithm) null);
  }

  static Stream<Arguments> exports() {
    PublicKey ec = PublicKeys.parse(TestKeys.pem("p521.pub.pem"));
    PublicKey hidden = PublicKeysBadInputTest.rsaKey(null);
    return Stream.of(
        export("privateKeyPem(null)", k -> KeyPairs.privateKeyPem(null), Reason.KEY_EXPORT_FAILED, "the private key is null."),
        export("privateKeyPem(unexportable key)", k -> KeyPairs.privateKeyPem(unexportable()), Reason.KEY_EXPORT_FAILED,
            "the private key cannot be exported"),
        export("publicKeyPem(null)", k -> KeyPairs.publicKeyPem(null), Reason.KEY_EXPORT_FAILED, "the public key is null."),
        export("publicKeyPem(unexportable key)", k -> KeyPairs.publicKeyPem(hidden), Reason.KEY_EXPORT_FAILED,
            "the public key cannot be exported"),
        export("rsaPublicKeyPem(null)", k -> KeyPairs.rsaPublicKeyPem(null), Reason.INVALID_ARGUMENT,
            "an RSA PUBLIC KEY block holds only RSA keys, not null."),
        export("rsaPublicKeyPem(EC key)", k -> KeyPairs.rsaPublicKeyPem(ec), Reason.INVALID_ARGUMENT,
            "an RSA PUBLIC KEY block holds only RSA keys, not EC."),
        export("rsaPublicKeyPem(unexportable key)", k -> KeyPairs.rsaPublicKeyPem(hidden), Reason.KEY_EXPORT_FAILED,
            "the public key cannot be exported"),
        export("rsaPublicKeyPem(garbage encoding)", k -> KeyPairs.rsaPublicKeyPem(garbled()), Reason.KEY_EXPORT_FAILED,
            "the RSA public key cannot be encoded as PKCS#1"),
        export("jwk(null)", k -> KeyPairs.jwk(null), Reason.INVALID_ARGUMENT, "publicKey is null."),
        export("jwk(modulus-less RSA key)", k -> KeyPairs.jwk(hidden), Reason.KEY_EXPORT_FAILED, "the RSA key hides its numbers"),
        export("jwk(EC key without curve)", k -> KeyPairs.jwk(PublicKeysBadInputTest.ecKey(null)), Reason.KEY_CURVE_UNSUPPORTED,
            "the EC key is on a curve JWK cannot name."),
        export("jwks(null array)", k -> KeyPairs.jwks((PublicKey[]) null), Reason.INVALID_ARGUMENT, "keys is null."),
        export("jwks(null key)", k -> KeyPairs.jwks(ec, null), Reason.INVALID_ARGUMENT, "publicKey is null."),
        export("jwks(key named with control characters)", k -> KeyPairs.jwks(PublicKeysBadInputTest.otherKey(BadInput.CONTROL)),
            Reason.KEY_TYPE_UNSUPPORTED, "public key text holds a key of type key\\u0000"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exports")
  void exportRejects(Function<Void, String> call, Reason reason, String messageStart) {
    rejected(() -> call.apply(null), reason, messageStart);
  }

  static Stream<Arguments> folders() {
    return Stream.of(
        folder("null folder", d -> null, Reason.INVALID_ARGUMENT, "folder is null."),
        folder("a regular file", d -> file(d, "plain-file"), Reason.KEY_EXPORT_FAILED, "folder {} is a file, not a folder."),
        folder("a folder below a regular file", d -> file(d, "parent-file").resolve("keys"), Reason.KEY_EXPORT_FAILED,
            "writing key files into {} failed (FileSystemException after 0 files)."),
        folder("a folder that holds a private key", d -> written(d.resolve("has-key")), Reason.KEY_EXPORT_FAILED,
            "{}/private.pem already exists; a private key is never overwritten."),
        folder("a folder named with control characters that holds a private key", d -> written(d.resolve("k\u001b[2J\ry")),
            Reason.KEY_EXPORT_FAILED, "{}/private.pem already exists;"),
        folder("a read-only folder", KeyPairsBadInputTest::readOnly, Reason.KEY_EXPORT_FAILED,
            "writing key files into {} failed (AccessDeniedException after 0 files)."),
        folder("/dev/null", d -> Path.of("/dev/null"), Reason.KEY_EXPORT_FAILED, "folder /dev/null is a file, not a folder."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("folders")
  void writeFilesRejects(Function<Path, Path> make, Reason reason, String messageStart) {
    Path folder = make.apply(dir);
    rejected(() -> KeyPairs.writeFiles(PAIR, folder), reason,
        messageStart.replace("{}", dev.jwtsigner.internal.SafeText.of(folder)));
  }

  static Stream<Arguments> pairs() {
    return Stream.of(
        row("null pair", null, Reason.INVALID_ARGUMENT, "pair is null."),
        row("pair without a private key", new KeyPair(PAIR.getPublic(), null), Reason.KEY_EXPORT_FAILED, "the private key is null."),
        row("pair without a public key", new KeyPair(null, PRIVATE), Reason.KEY_EXPORT_FAILED, "the public key is null."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void writeFilesRejectsPair(KeyPair pair, Reason reason, String messageStart) {
    Path folder = dir.resolve("pair-" + Integer.toHexString(System.identityHashCode(pair)));
    rejected(() -> KeyPairs.writeFiles(pair, folder), reason, messageStart);
  }

  static Arguments row(String name, Object input, Reason reason, String messageStart) {
    return arguments(named(name, input), reason, messageStart);
  }

  private static Arguments export(String name, Function<Void, String> call, Reason reason, String messageStart) {
    return row(name, call, reason, messageStart);
  }

  private static Arguments folder(String name, Function<Path, Path> make, Reason reason, String messageStart) {
    return row(name, make, reason, messageStart);
  }

  private static Path file(Path folder, String name) {
    try {
      return Files.writeString(folder.resolve(name), "not a folder");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path written(Path folder) {
    KeyPairs.writeFiles(PAIR, folder);
    return folder;
  }

  private static Path readOnly(Path parent) {
    try {
      Path folder = Files.createDirectories(parent.resolve("read-only"));
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-x------"));
      assumeThat(Files.isWritable(folder)).as("the folder is read-only for this user (not root)").isFalse();
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static PrivateKey unexportable() {
    return new PrivateKey() {
      @Override public String getAlgorithm() { return "RSA"; }
      @Override public String getFormat() { return null; }
      @Override public byte[] getEncoded() { return null; }
    };
  }

  private static PublicKey garbled() {
    return new java.security.interfaces.RSAPublicKey() {
      @Override public java.math.BigInteger getPublicExponent() { return java.math.BigInteger.valueOf(65537); }
      @Override public java.math.BigInteger getModulus() { return java.math.BigInteger.TWO.pow(2047); }
      @Override public String getAlgorithm() { return "RSA"; }
      @Override public String getFormat() { return "X.509"; }
      @Override public byte[] getEncoded() { return BadInput.BINARY.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1); }
    };
  }
}
