package dev.jwtsigner.keys;

import static dev.jwtsigner.catalogue.BadInput.rejected;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.jwtsigner.catalogue.BadInput;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.catalogue.LeakWatch;
import dev.jwtsigner.TestKeys;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECParameterSpec;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue of every {@link KeySource} factory: each hostile input ends in a typed rejection
 * with its reason and message start, never a raw exception, an error, a hang or a usable source.
 */
class KeySourceBadInputTest {

  static final String RSA = TestKeys.pem("rsa2048.pem");
  static final String ENCRYPTED = TestKeys.pem("rsa2048.encrypted.pem");
  static final String PASS = "correct horse battery";
  static final char[] SENTINEL = LeakWatch.PASSPHRASE_SENTINEL.toCharArray();

  @RegisterExtension
  static final LeakWatch LEAKS = LeakWatch.forbidding()
      .key("rsa2048", KeySource.fromPemText(RSA).signingKey().privateKey())
      .key("p521", KeySource.fromPemText(TestKeys.pem("p521.pem")).signingKey().privateKey())
      .pem("rsa2048.pem", RSA).pem("rsa2048.encrypted.pem", ENCRYPTED)
      .pem("p521.pem", TestKeys.pem("p521.pem")).pem("p521.openssh-encrypted", TestKeys.pem("p521.openssh-encrypted"))
      .text("the test keys' passphrase", PASS);

  @TempDir
  static Path dir;

  static final String GARBLED = "PEM text holds a garbled or truncated PEM block.";
  static final String NO_BLOCK = "PEM text holds no PEM private key block.";

  static Stream<Arguments> pemTexts() {
    return Stream.of(
        row("null", null, Reason.KEY_MALFORMED, "PEM text is null; expected a PEM private key"),
        row("empty", "", Reason.KEY_MALFORMED, "PEM text is empty; expected a PEM private key"),
        row("whitespace", " \t\r\n ", Reason.KEY_MALFORMED, "PEM text is empty; expected a PEM private key"),
        row("10 MB string", BadInput.TEN_MB, Reason.KEY_MALFORMED, NO_BLOCK),
        row("10 MB PEM block", "-----BEGIN PRIVATE KEY-----\n" + BadInput.TEN_MB + "\n-----END PRIVATE KEY-----\n",
            Reason.KEY_MALFORMED, GARBLED),
        row("binary garbage", BadInput.BINARY, Reason.KEY_MALFORMED, NO_BLOCK),
        row("truncated PEM", BadInput.truncatedPem(RSA), Reason.KEY_MALFORMED, GARBLED),
        row("truncated base64", BadInput.truncatedBase64(RSA), Reason.KEY_MALFORMED, GARBLED),
        row("PEM block of base64 garbage", "-----BEGIN PRIVATE KEY-----\nAAAA!!!!\n-----END PRIVATE KEY-----\n",
            Reason.KEY_MALFORMED, GARBLED),
        row("PEM block of the wrong type", "-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n", Reason.KEY_MALFORMED, GARBLED),
        row("control characters", BadInput.CONTROL, Reason.KEY_MALFORMED, NO_BLOCK),
        row("lone surrogates", BadInput.LONE_SURROGATES, Reason.KEY_MALFORMED, NO_BLOCK),
        row("20,000-deep JSON", BadInput.DEEP_JSON, Reason.KEY_MALFORMED, NO_BLOCK),
        row("a JWK with a private part", "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"d\":\"AQAB\"}",
            Reason.KEY_MALFORMED, NO_BLOCK),
        row("public key PEM", TestKeys.pem("rsa2048.pub.pem"), Reason.KEY_NOT_PRIVATE, "PEM text holds only a public key"),
        row("two private keys", RSA + RSA, Reason.KEY_MALFORMED, "PEM text holds more than one private key."),
        row("RSA 1024", TestKeys.pem("rsa1024.pem"), Reason.KEY_TOO_SHORT, "RSA key has 1024 bits;"),
        row("P-256", TestKeys.pem("p256.pem"), Reason.KEY_CURVE_UNSUPPORTED, "EC key is on a 256-bit curve;"),
        row("Ed25519", TestKeys.pem("ed25519.pem"), Reason.KEY_TYPE_UNSUPPORTED, "a key of type Ed25519 cannot sign"),
        row("encrypted without passphrase", ENCRYPTED, Reason.KEY_PASSPHRASE_REQUIRED, "PEM text holds an encrypted private key"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pemTexts")
  void fromPemTextRejects(String pem, Reason reason, String messageStart) {
    rejected(() -> KeySource.fromPemText(pem), reason, messageStart);
  }

  static Stream<Arguments> passphrases() {
    String wrong = "PEM text holds an encrypted private key (encrypted PKCS#8 with aes-256-cbc, -----BEGIN ENCRYPTED PRIVATE KEY-----)"
        + " that the given passphrase does not decrypt.";
    return Stream.of(
        row("null", null, Reason.KEY_PASSPHRASE_REQUIRED, "PEM text holds an encrypted private key (encrypted PKCS#8"),
        row("empty", new char[0], Reason.KEY_PASSPHRASE_WRONG, wrong),
        row("whitespace", " \t\n".toCharArray(), Reason.KEY_PASSPHRASE_WRONG, wrong),
        row("sentinel (wrong) passphrase", SENTINEL, Reason.KEY_PASSPHRASE_WRONG, wrong),
        row("right passphrase and a trailing newline", (PASS + "\n").toCharArray(), Reason.KEY_PASSPHRASE_WRONG, wrong),
        row("10 MB passphrase", BadInput.TEN_MB.toCharArray(), Reason.KEY_PASSPHRASE_WRONG, wrong),
        row("binary garbage", BadInput.BINARY.toCharArray(), Reason.KEY_PASSPHRASE_WRONG, wrong),
        row("control characters", BadInput.CONTROL.toCharArray(), Reason.KEY_PASSPHRASE_WRONG, wrong),
        row("lone surrogates", BadInput.LONE_SURROGATES.toCharArray(), Reason.KEY_PASSPHRASE_WRONG, wrong));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("passphrases")
  void fromPemTextWithPassphraseRejects(char[] passphrase, Reason reason, String messageStart) {
    rejected(() -> KeySource.fromPemText(ENCRYPTED, passphrase), reason, messageStart);
  }

  static Stream<Arguments> encryptedFormats() {
    return Stream.of(
        row("legacy Proc-Type encryption, sentinel passphrase", "rsa2048.legacy-encrypted.pem", Reason.KEY_PASSPHRASE_WRONG,
            "key file "),
        row("OpenSSH encryption, sentinel passphrase", "p521.openssh-encrypted", Reason.KEY_PASSPHRASE_WRONG, "key file "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encryptedFormats")
  void fromPemFileWithPassphraseRejects(String name, Reason reason, String messageStart) throws Exception {
    Path file = Files.writeString(dir.resolve(name), TestKeys.pem(name));
    rejected(() -> KeySource.fromPem(file, SENTINEL), reason, messageStart + file + " holds an encrypted private key");
  }

  static Stream<Arguments> files() {
    return Stream.of(
        row("null", (Function<Path, Path>) d -> null, Reason.INVALID_ARGUMENT, "key file path is null."),
        row("missing file", file(d -> d.resolve("missing.pem")), Reason.KEY_FILE_UNREADABLE, "key file {} does not exist"),
        row("directory", file(d -> d), Reason.KEY_FILE_UNREADABLE, "key file {} is a directory."),
        row("empty file", text(""), Reason.KEY_MALFORMED, "key file {} is empty;"),
        row("whitespace file", text(" \n\t\n"), Reason.KEY_MALFORMED, "key file {} is empty;"),
        row("10 MB file", text(BadInput.TEN_MB), Reason.KEY_MALFORMED, "key file {} is larger than 1048576 bytes"),
        row("binary garbage file", bytes(BadInput.BINARY.getBytes(StandardCharsets.ISO_8859_1)), Reason.KEY_MALFORMED,
            "key file {} is binary, not PEM text"),
        row("truncated PEM file", text(BadInput.truncatedPem(RSA)), Reason.KEY_MALFORMED,
            "key file {} holds a garbled or truncated PEM block."),
        row("truncated base64 file", text(BadInput.truncatedBase64(RSA)), Reason.KEY_MALFORMED,
            "key file {} holds a garbled or truncated PEM block."),
        row("lone surrogate (invalid UTF-8) file", bytes(new byte[] {'a', (byte) 0xed, (byte) 0xa0, (byte) 0x80}),
            Reason.KEY_MALFORMED, "key file {} is binary, not PEM text"),
        row("endless device (/dev/zero)", file(d -> Path.of("/dev/zero")), Reason.KEY_FILE_UNREADABLE,
            "key file {} is not a regular file."),
        row("file name of control characters", file(d -> d.resolve("key\u0001\u001b[2J.pem")), Reason.KEY_FILE_UNREADABLE,
            "key file "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void fromPemRejects(Function<Path, Path> make, Reason reason, String messageStart) {
    Path file = make.apply(dir);
    rejected(() -> KeySource.fromPem(file), reason, messageStart.replace("{}", String.valueOf(file)));
  }

  static Stream<Arguments> variableNames() {
    return Stream.of(
        row("null", null, Reason.INVALID_ARGUMENT, "environment variable name is null."),
        row("empty", "", Reason.INVALID_ARGUMENT, "environment variable name is blank."),
        row("whitespace", " \t", Reason.INVALID_ARGUMENT, "environment variable name is blank."),
        row("unset name", "JWT_SIGNER_UNSET_VARIABLE_7f3a", Reason.KEY_ENVIRONMENT_VARIABLE_MISSING,
            "environment variable JWT_SIGNER_UNSET_VARIABLE_7f3a is not set."),
        row("10 MB name", BadInput.TEN_MB, Reason.KEY_ENVIRONMENT_VARIABLE_MISSING, "environment variable AAAA"),
        row("control characters", BadInput.CONTROL, Reason.KEY_ENVIRONMENT_VARIABLE_MISSING, "environment variable key"),
        row("lone surrogates", BadInput.LONE_SURROGATES, Reason.KEY_ENVIRONMENT_VARIABLE_MISSING, "environment variable a"),
        row("name with =", "A=B", Reason.KEY_ENVIRONMENT_VARIABLE_MISSING, "environment variable A=B is not set."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variableNames")
  void fromEnvironmentRejectsName(String name, Reason reason, String messageStart) {
    rejected(() -> KeySource.fromEnvironment(name), reason, messageStart);
  }

  static Stream<Arguments> variableValues() {
    String origin = "environment variable JWT_PRIVATE_KEY";
    return Stream.of(
        row("empty", "", Reason.KEY_ENVIRONMENT_VARIABLE_MISSING, origin + " is empty."),
        row("whitespace", " \n", Reason.KEY_ENVIRONMENT_VARIABLE_MISSING, origin + " is empty."),
        row("10 MB value", BadInput.TEN_MB, Reason.KEY_MALFORMED, origin + " holds no PEM private key block."),
        row("binary garbage", BadInput.BINARY, Reason.KEY_MALFORMED, origin + " holds no PEM private key block."),
        row("truncated PEM with \\n escapes", BadInput.truncatedPem(RSA).replace("\n", "\\n"), Reason.KEY_MALFORMED,
            origin + " holds a garbled or truncated PEM block."),
        row("encrypted key (no passphrase possible)", ENCRYPTED, Reason.KEY_PASSPHRASE_REQUIRED,
            origin + " holds an encrypted private key"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variableValues")
  void fromEnvironmentRejectsValue(String value, Reason reason, String messageStart) {
    rejected(() -> FixedKeySource.fromEnvironment("JWT_PRIVATE_KEY", Map.of("JWT_PRIVATE_KEY", value)::get), reason, messageStart);
  }

  static Stream<Arguments> keyStoreInputs() throws Exception {
    KeyStore loaded = keyStore();
    String entry = "key store PKCS12 entry \"";
    return Stream.of(
        arguments(named("null store", null), "jwt", SENTINEL, Reason.INVALID_ARGUMENT, "keyStore is null."),
        arguments(named("store not loaded", KeyStore.getInstance("PKCS12")), "jwt", SENTINEL, Reason.KEY_STORE_ENTRY_UNUSABLE,
            "key store PKCS12 is not loaded."),
        arguments(named("null alias", loaded), null, SENTINEL, Reason.INVALID_ARGUMENT, "alias is null."),
        arguments(named("empty alias", loaded), "", SENTINEL, Reason.KEY_STORE_ENTRY_UNUSABLE, entry + "\" does not exist"),
        arguments(named("10 MB alias", loaded), BadInput.TEN_MB, SENTINEL, Reason.KEY_STORE_ENTRY_UNUSABLE, entry + "AAAA"),
        arguments(named("control-character alias", loaded), BadInput.CONTROL, SENTINEL, Reason.KEY_STORE_ENTRY_UNUSABLE,
            entry + "key"),
        arguments(named("lone-surrogate alias", loaded), BadInput.LONE_SURROGATES, SENTINEL, Reason.KEY_STORE_ENTRY_UNUSABLE,
            entry + "a"),
        arguments(named("null password", loaded), "jwt", null, Reason.KEY_PASSPHRASE_WRONG, entry + "jwt\" cannot be recovered"),
        arguments(named("sentinel (wrong) password", loaded), "jwt", SENTINEL, Reason.KEY_PASSPHRASE_WRONG,
            entry + "jwt\" cannot be recovered"),
        arguments(named("10 MB password", loaded), "jwt", BadInput.TEN_MB.toCharArray(), Reason.KEY_PASSPHRASE_WRONG,
            entry + "jwt\" cannot be recovered"),
        arguments(named("certificate-only entry", loaded), "cert", SENTINEL, Reason.KEY_NOT_PRIVATE,
            entry + "cert\" holds only a certificate"));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("keyStoreInputs")
  void fromKeyStoreRejects(KeyStore store, String alias, char[] password, Reason reason, String messageStart) {
    rejected(() -> KeySource.fromKeyStore(store, alias, password), reason, messageStart);
  }

  static Stream<Arguments> privateKeys() {
    return Stream.of(
        row("null", null, Reason.INVALID_ARGUMENT, "privateKey is null."),
        row("RSA key with a 2^70 modulus", rsaKey(BigInteger.TWO.pow(70)), Reason.KEY_TOO_SHORT, "RSA key has 71 bits;"),
        row("RSA key with modulus 1", rsaKey(BigInteger.ONE), Reason.KEY_TOO_SHORT, "RSA key has 1 bits;"),
        row("EC key without curve parameters", ecKey(null), Reason.KEY_CURVE_UNSUPPORTED, "EC key is on an unknown curve;"),
        row("key with a null algorithm", otherKey(null), Reason.KEY_TYPE_UNSUPPORTED, "a key of type null cannot sign"),
        row("key with an empty algorithm", otherKey(""), Reason.KEY_TYPE_UNSUPPORTED, "a key of type  cannot sign"),
        row("key named with control characters", otherKey(BadInput.CONTROL), Reason.KEY_TYPE_UNSUPPORTED, "a key of type key"),
        row("DSA-named key", otherKey("DSA"), Reason.KEY_TYPE_UNSUPPORTED, "a key of type DSA cannot sign"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("privateKeys")
  void ofRejects(PrivateKey key, Reason reason, String messageStart) {
    rejected(() -> KeySource.of(key), reason, messageStart);
  }

  static Stream<Arguments> keyIds() {
    return Stream.of(
        row("null", null, Reason.KEY_ID_INVALID, "kid is null."),
        row("empty", "", Reason.KEY_ID_INVALID, "kid is blank."),
        row("whitespace", " \t\n", Reason.KEY_ID_INVALID, "kid is blank."),
        row("10 MB string", BadInput.TEN_MB, Reason.KEY_ID_INVALID, "kid has 10485760 characters;"),
        row("binary garbage", BadInput.BINARY, Reason.KEY_ID_INVALID, "kid has 4096 characters;"),
        row("control characters", BadInput.CONTROL, Reason.KEY_ID_INVALID, "kid holds a control character"),
        row("lone surrogates", BadInput.LONE_SURROGATES, Reason.KEY_ID_INVALID, "kid holds a lone UTF-16 surrogate"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keyIds")
  void withKeyIdRejects(String keyId, Reason reason, String messageStart) {
    KeySource source = KeySource.fromPemText(RSA);
    rejected(() -> source.withKeyId(keyId), reason, messageStart);
  }

  static Arguments row(String name, Object input, Reason reason, String messageStart) {
    return arguments(named(name, input), reason, messageStart);
  }

  private static Function<Path, Path> file(Function<Path, Path> make) {
    return make;
  }

  private static Function<Path, Path> text(String content) {
    return d -> write(d, content.getBytes(StandardCharsets.UTF_8));
  }

  private static Function<Path, Path> bytes(byte[] content) {
    return d -> write(d, content);
  }

  private static Path write(Path folder, byte[] content) {
    try {
      return Files.write(Files.createTempFile(folder, "key", ".pem"), content);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static KeyStore keyStore() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    Certificate certificate = CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(TestKeys.pem("rsa2048.cert.pem").getBytes(StandardCharsets.US_ASCII)));
    store.setKeyEntry("jwt", KeySource.fromPemText(RSA).signingKey().privateKey(), PASS.toCharArray(),
        new Certificate[] {certificate});
    store.setCertificateEntry("cert", certificate);
    return store;
  }

  private static PrivateKey rsaKey(BigInteger modulus) {
    return new RSAPrivateKey() {
      @Override public BigInteger getPrivateExponent() { return BigInteger.ONE; }
      @Override public BigInteger getModulus() { return modulus; }
      @Override public String getAlgorithm() { return "RSA"; }
      @Override public String getFormat() { return null; }
      @Override public byte[] getEncoded() { return null; }
    };
  }

  private static PrivateKey ecKey(ECParameterSpec params) {
    return new ECPrivateKey() {
      @Override public BigInteger getS() { return BigInteger.ONE; }
      @Override public ECParameterSpec getParams() { return params; }
      @Override public String getAlgorithm() { return "EC"; }
      @Override public String getFormat() { return null; }
      @Override public byte[] getEncoded() { return null; }
    };
  }

  private static PrivateKey otherKey(String algorithm) {
    return new PrivateKey() {
      @Override public String getAlgorithm() { return algorithm; }
      @Override public String getFormat() { return null; }
      @Override public byte[] getEncoded() { return null; }
    };
  }
}
