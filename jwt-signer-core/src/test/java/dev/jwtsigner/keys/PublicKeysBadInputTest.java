package dev.jwtsigner.keys;

import static dev.jwtsigner.catalogue.BadInput.rejected;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.nimbusds.jose.jwk.RSAKey;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TestKeys;
import dev.jwtsigner.catalogue.BadInput;
import dev.jwtsigner.catalogue.LeakWatch;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue of {@link PublicKeys}: every parser with each hostile text (JWK and JWKS garbage,
 * truncated PEM of every kind, broken OpenSSH lines, private keys where a public key belongs), and
 * {@code check} / {@code thumbprint} with keys of the wrong kind. Each row ends in a typed rejection, never a
 * raw nimbus, Bouncy Castle or JDK exception, an error or a hang.
 */
class PublicKeysBadInputTest {

  static final String RSA = TestKeys.pem("rsa2048.pem");
  static final String SPKI = TestKeys.pem("rsa2048.pub.pem");
  static final String PKCS1 = TestKeys.pem("rsa2048.pub.rsa.pem");
  static final String CERTIFICATE = TestKeys.pem("rsa2048.cert.pem");
  static final String OPENSSH = TestKeys.pem("rsa2048.pub");

  @RegisterExtension
  static final LeakWatch LEAKS = LeakWatch.forbidding()
      .key("rsa2048", KeySource.fromPemText(RSA).signingKey().privateKey())
      .key("p521", KeySource.fromPemText(TestKeys.pem("p521.pem")).signingKey().privateKey())
      .pem("rsa2048.pem", RSA).pem("p521.pem", TestKeys.pem("p521.pem"))
      .pem("p521.openssh-encrypted", TestKeys.pem("p521.openssh-encrypted"));

  static final String NO_FORM = "public key text is in no supported form; expected a PEM public key";
  static final String NOT_JWK = "public key text is JSON but not a valid JWK or JWKS (RFC 7517).";
  static final String GARBLED = "public key text holds a garbled or truncated PEM block.";
  static final String PRIVATE = "public key text holds a private key (-----BEGIN ";
  static final String BAD_LINE = "public key text line 1 is not a valid OpenSSH public key line";

  static Stream<Arguments> texts() {
    String e = "\"e\":\"AQAB\"";
    return Stream.of(
        row("null", null, Reason.PUBLIC_KEY_MALFORMED, "public key text is null; expected a PEM public key"),
        row("empty", "", Reason.PUBLIC_KEY_MALFORMED, "public key text is empty; expected a PEM public key"),
        row("whitespace", " \t\r\n ", Reason.PUBLIC_KEY_MALFORMED, "public key text is empty; expected a PEM public key"),
        row("10 MB string", BadInput.TEN_MB, Reason.PUBLIC_KEY_MALFORMED, NO_FORM),
        row("10 MB PEM block", "-----BEGIN PUBLIC KEY-----\n" + BadInput.TEN_MB + "\n-----END PUBLIC KEY-----\n",
            Reason.PUBLIC_KEY_MALFORMED, GARBLED),
        row("binary garbage", BadInput.BINARY, Reason.PUBLIC_KEY_MALFORMED, NO_FORM),
        row("control characters", BadInput.CONTROL, Reason.PUBLIC_KEY_MALFORMED, NO_FORM),
        row("lone surrogates", BadInput.LONE_SURROGATES, Reason.PUBLIC_KEY_MALFORMED, NO_FORM),
        row("20,000-deep JSON array", BadInput.DEEP_JSON, Reason.PUBLIC_KEY_MALFORMED, NO_FORM),
        row("20,000-deep JSON object", BadInput.DEEP_OBJECT, Reason.PUBLIC_KEY_MALFORMED, NOT_JWK),
        row("20,000-deep JWKS", "{\"keys\":[" + BadInput.DEEP_JSON + "]}", Reason.PUBLIC_KEY_MALFORMED, NOT_JWK),
        row("duplicate member names", BadInput.DUPLICATE_NAMES, Reason.PUBLIC_KEY_MALFORMED, NOT_JWK),
        row("JWK with a duplicate kty", "{\"kty\":\"RSA\",\"kty\":\"EC\"," + e + ",\"n\":\"AQAB\"}", Reason.PUBLIC_KEY_MALFORMED,
            NOT_JWK),
        row("JWK of kty oct", "{\"kty\":\"oct\",\"k\":\"AQAB\"}", Reason.PUBLIC_KEY_MALFORMED,
            "public key text holds a private or secret JWK (it has \"d\" or \"k\")"),
        row("JWK of an unknown kty", "{\"kty\":\"XYZ\"," + e + "}", Reason.PUBLIC_KEY_MALFORMED, NOT_JWK),
        row("JWK without kty", "{" + e + ",\"n\":\"AQAB\"}", Reason.PUBLIC_KEY_MALFORMED, NOT_JWK),
        row("RSA JWK without n", "{\"kty\":\"RSA\"," + e + "}", Reason.PUBLIC_KEY_MALFORMED, NOT_JWK),
        row("RSA JWK whose n is not base64url", "{\"kty\":\"RSA\",\"n\":\"!!!!\"," + e + "}", Reason.PUBLIC_KEY_MALFORMED,
            "public key text holds a JWK whose key values are invalid."),
        row("RSA JWK whose n is a number", "{\"kty\":\"RSA\",\"n\":12345," + e + "}", Reason.PUBLIC_KEY_MALFORMED, NOT_JWK),
        row("RSA JWK whose n is 2^70 digits", "{\"kty\":\"RSA\",\"n\":" + BadInput.TWO_TO_THE_70 + "," + e + "}",
            Reason.PUBLIC_KEY_MALFORMED, NOT_JWK),
        row("RSA JWK whose e is 1e400", "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":" + BadInput.HUGE_EXPONENT + "}",
            Reason.PUBLIC_KEY_MALFORMED, NOT_JWK),
        row("RSA JWK with a private exponent", "{\"kty\":\"RSA\",\"n\":\"AQAB\"," + e + ",\"d\":\"AQAB\"}",
            Reason.PUBLIC_KEY_MALFORMED, "public key text holds a private or secret JWK"),
        row("EC JWK on P-256 with garbage coordinates", "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AQAB\",\"y\":\"AQAB\"}",
            Reason.PUBLIC_KEY_MALFORMED, NOT_JWK),
        row("JWKS whose keys is a string", "{\"keys\":\"AQAB\"}", Reason.PUBLIC_KEY_MALFORMED, NOT_JWK),
        row("JWKS whose keys is an object", "{\"keys\":{\"kty\":\"RSA\"}}", Reason.PUBLIC_KEY_MALFORMED, NOT_JWK),
        row("JWKS whose keys is null", "{\"keys\":null}", Reason.PUBLIC_KEY_MALFORMED, NOT_JWK),
        row("JWKS with no keys", "{\"keys\":[]}", Reason.PUBLIC_KEY_MALFORMED, "public key text holds no public key;"),
        row("JWKS holding a number", "{\"keys\":[7]}", Reason.PUBLIC_KEY_MALFORMED, NOT_JWK),
        row("JSON with a lone surrogate", "{\"kty\":\"RSA\",\"n\":\"" + BadInput.LONE_SURROGATES + "\"," + e + "}",
            Reason.PUBLIC_KEY_MALFORMED, "public key text holds a JWK whose key values are invalid."),
        row("truncated JSON", "{\"keys\":[{\"kty\":\"RSA\"", Reason.PUBLIC_KEY_MALFORMED, NOT_JWK),
        row("truncated SPKI PEM", BadInput.truncatedPem(SPKI), Reason.PUBLIC_KEY_MALFORMED, GARBLED),
        row("SPKI PEM with truncated base64", BadInput.truncatedBase64(SPKI), Reason.PUBLIC_KEY_MALFORMED, GARBLED),
        row("truncated PKCS#1 PEM", BadInput.truncatedPem(PKCS1), Reason.PUBLIC_KEY_MALFORMED, GARBLED),
        row("PKCS#1 PEM with truncated base64", BadInput.truncatedBase64(PKCS1), Reason.PUBLIC_KEY_MALFORMED, GARBLED),
        row("truncated certificate PEM", BadInput.truncatedPem(CERTIFICATE), Reason.PUBLIC_KEY_MALFORMED, GARBLED),
        row("certificate PEM with truncated base64", BadInput.truncatedBase64(CERTIFICATE), Reason.PUBLIC_KEY_MALFORMED,
            GARBLED),
        row("PEM block of base64 garbage", "-----BEGIN PUBLIC KEY-----\nAAAA!!!!\n-----END PUBLIC KEY-----\n",
            Reason.PUBLIC_KEY_MALFORMED, GARBLED),
        row("PEM block of the wrong type", "-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n", Reason.PUBLIC_KEY_MALFORMED,
            "public key text holds a "),
        row("OpenSSH line of base64 garbage", "ssh-rsa AAAA!!!! me@host", Reason.PUBLIC_KEY_MALFORMED, BAD_LINE),
        row("OpenSSH line of 10 MB base64", "ssh-rsa AAAA" + BadInput.TEN_MB + " me@host", Reason.PUBLIC_KEY_MALFORMED,
            BAD_LINE),
        row("OpenSSH line with binary garbage", "ssh-rsa AAAA" + BadInput.BINARY.replaceAll("\\s", ""),
            Reason.PUBLIC_KEY_MALFORMED, BAD_LINE),
        row("truncated OpenSSH line", OPENSSH.substring(0, OPENSSH.length() / 2), Reason.PUBLIC_KEY_MALFORMED, BAD_LINE),
        row("RFC 4716 SSH2 public key", "---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n---- END SSH2 PUBLIC KEY ----\n",
            Reason.PUBLIC_KEY_MALFORMED, "public key text is an RFC 4716 SSH2 public key"),
        row("PKCS#8 private key", RSA, Reason.PUBLIC_KEY_MALFORMED, PRIVATE + "PRIVATE KEY-----)"),
        row("encrypted PKCS#8 private key", TestKeys.pem("rsa2048.encrypted.pem"), Reason.PUBLIC_KEY_MALFORMED,
            PRIVATE + "ENCRYPTED PRIVATE KEY-----)"),
        row("OpenSSH private key", TestKeys.pem("p521.openssh-encrypted"), Reason.PUBLIC_KEY_MALFORMED,
            PRIVATE + "OPENSSH PRIVATE KEY-----)"),
        row("public key then a private key", SPKI + RSA, Reason.PUBLIC_KEY_MALFORMED, PRIVATE + "PRIVATE KEY-----)"),
        row("Ed25519 OpenSSH line", TestKeys.pem("ed25519.openssh.pub"), Reason.KEY_TYPE_UNSUPPORTED,
            "public key text holds a key of type Ed25519"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("texts")
  void parseRejects(String text, Reason reason, String messageStart) {
    rejected(() -> PublicKeys.parse(text), reason, messageStart);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("texts")
  void parseAllRejects(String text, Reason reason, String messageStart) {
    rejected(() -> PublicKeys.parseAll(text), reason, messageStart);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("texts")
  void parseAllWithIdsRejects(String text, Reason reason, String messageStart) {
    rejected(() -> PublicKeys.parseAllWithIds(text), reason, messageStart);
  }

  static Stream<Arguments> severalKeys() throws Exception {
    PublicKey rsa2048 = PublicKeys.parse(SPKI);
    PublicKey rsa4096 = PublicKeys.parse(TestKeys.pem("rsa4096.pub.pem"));
    String twoKeys = "{\"keys\":[" + jwk(rsa2048, "k") + "," + jwk(rsa4096, "k") + "]}";
    return Stream.of(
        row("two PEM keys", SPKI + TestKeys.pem("rsa4096.pub.pem"), Reason.PUBLIC_KEY_AMBIGUOUS,
            "public key text holds 2 keys where one was expected."),
        row("JWKS with two keys under one kid", twoKeys, Reason.PUBLIC_KEY_AMBIGUOUS,
            "public key text holds 2 keys where one was expected."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("severalKeys")
  void parseRejectsSeveralKeys(String text, Reason reason, String messageStart) {
    rejected(() -> PublicKeys.parse(text), reason, messageStart);
  }

  static Stream<Arguments> duplicateKeyIds() throws Exception {
    PublicKey rsa2048 = PublicKeys.parse(SPKI);
    PublicKey rsa4096 = PublicKeys.parse(TestKeys.pem("rsa4096.pub.pem"));
    return Stream.of(
        row("two keys under one kid", "{\"keys\":[" + jwk(rsa2048, "k") + "," + jwk(rsa4096, "k") + "]}",
            Reason.PUBLIC_KEY_AMBIGUOUS, "public key text holds two different keys with kid \"k\"."),
        row("a kid that is a kid-less key's thumbprint",
            "{\"keys\":[" + jwk(rsa2048, PublicKeys.thumbprint(rsa4096)) + "," + jwk(rsa4096, null) + "]}",
            Reason.PUBLIC_KEY_AMBIGUOUS, "public key text holds two different keys with kid \"" + PublicKeys.thumbprint(rsa4096)
                + "\"."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("duplicateKeyIds")
  void parseAllWithIdsRejectsDuplicateKeyIds(String text, Reason reason, String messageStart) {
    rejected(() -> PublicKeys.parseAllWithIds(text), reason, messageStart);
  }

  static Stream<Arguments> keys() throws Exception {
    return Stream.of(
        row("null", null, Reason.INVALID_ARGUMENT, "publicKey is null."),
        row("RSA 1024", PublicKeys.parse(TestKeys.pem("rsa1024.pub.pem")), Reason.KEY_TOO_SHORT, "RSA key has 1024 bits;"),
        row("RSA with a 2^70 modulus", rsaKey(BigInteger.TWO.pow(70)), Reason.KEY_TOO_SHORT, "RSA key has 71 bits;"),
        row("P-256", PublicKeys.parse(TestKeys.pem("p256.pub.pem")), Reason.KEY_CURVE_UNSUPPORTED, "EC key is on a 256-bit curve;"),
        row("EC without curve parameters", ecKey(null), Reason.KEY_CURVE_UNSUPPORTED, "EC key is on an unknown curve;"),
        row("Ed25519", ed25519(), Reason.KEY_TYPE_UNSUPPORTED, "a key of type Ed25519 cannot sign"),
        row("key with a null algorithm", otherKey(null), Reason.KEY_TYPE_UNSUPPORTED, "a key of type null cannot sign"),
        row("key named with control characters", otherKey(BadInput.CONTROL), Reason.KEY_TYPE_UNSUPPORTED,
            "a key of type key\\u0000"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keys")
  void checkRejects(PublicKey key, Reason reason, String messageStart) {
    rejected(() -> PublicKeys.check(key), reason, messageStart);
  }

  static Stream<Arguments> unthumbprintable() throws Exception {
    return Stream.of(
        row("null", null, Reason.INVALID_ARGUMENT, "publicKey is null."),
        row("Ed25519", ed25519(), Reason.KEY_TYPE_UNSUPPORTED, "public key text holds a key of type Ed25519"),
        row("EC without curve parameters", ecKey(null), Reason.KEY_CURVE_UNSUPPORTED, "the EC key is on a curve JWK cannot name."),
        row("RSA without a modulus", rsaKey(null), Reason.KEY_EXPORT_FAILED, "the RSA key hides its numbers"),
        row("key named with control characters", otherKey(BadInput.CONTROL), Reason.KEY_TYPE_UNSUPPORTED,
            "public key text holds a key of type key\\u0000"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unthumbprintable")
  void thumbprintRejects(PublicKey key, Reason reason, String messageStart) {
    rejected(() -> PublicKeys.thumbprint(key), reason, messageStart);
  }

  static Arguments row(String name, Object input, Reason reason, String messageStart) {
    return arguments(named(name, input), reason, messageStart);
  }

  private static String jwk(PublicKey key, String kid) {
    return new RSAKey.Builder((RSAPublicKey) key).keyID(kid).build().toJSONString();
  }

  private static PublicKey ed25519() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
  }

  static RSAPublicKey rsaKey(BigInteger modulus) {
    return new RSAPublicKey() {
      @Override public BigInteger getPublicExponent() { return BigInteger.valueOf(65537); }
      @Override public BigInteger getModulus() { return modulus; }
      @Override public String getAlgorithm() { return "RSA"; }
      @Override public String getFormat() { return null; }
      @Override public byte[] getEncoded() { return null; }
    };
  }

  static ECPublicKey ecKey(ECParameterSpec params) {
    return new ECPublicKey() {
      @Override public java.security.spec.ECPoint getW() { return java.security.spec.ECPoint.POINT_INFINITY; }
      @Override public ECParameterSpec getParams() { return params; }
      @Override public String getAlgorithm() { return "EC"; }
      @Override public String getFormat() { return null; }
      @Override public byte[] getEncoded() { return null; }
    };
  }

  static PublicKey otherKey(String algorithm) {
    return new PublicKey() {
      @Override public String getAlgorithm() { return algorithm; }
      @Override public String getFormat() { return null; }
      @Override public byte[] getEncoded() { return null; }
    };
  }
}
