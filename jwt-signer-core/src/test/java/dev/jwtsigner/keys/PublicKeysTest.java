package dev.jwtsigner.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.KeyRejectedException;
import dev.jwtsigner.TestKeys;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicKeysTest {

  static final String FORMS = "expected a PEM public key (-----BEGIN PUBLIC KEY----- or -----BEGIN RSA PUBLIC KEY-----),"
      + " a certificate, an OpenSSH line (ssh-rsa AAAA...) or a JWK/JWKS";
  static final String MAKE_PUBLIC = "print the public key with `openssl pkey -in private.pem -pubout`"
      + " or `ssh-keygen -e -m PEM -f jwtRS512.key`";

  /** RFC 7638 section 3.1: the example key and its thumbprint. */
  static final String RFC7638_JWK = "{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4"
      + "cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-"
      + "65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd"
      + "2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\"}";

  @ParameterizedTest
  @ValueSource(strings = {"rsa2048.pub.pem", "rsa2048.pub.rsa.pem", "rsa2048.cert.pem", "rsa2048.pub"})
  void parsesEveryFormOfAnRsaPublicKey(String name) throws Exception {
    PublicKey key = PublicKeys.parse(TestKeys.pem(name));
    assertThat(key).isEqualTo(spki("rsa2048.pub.pem", "RSA"));
    assertThat(PublicKeys.check(key)).isSameAs(key);
  }

  @ParameterizedTest
  @ValueSource(strings = {"p521.pub.pem", "p521.pub", "p521.explicit.pub.pem"})
  void parsesEveryFormOfAP521PublicKey(String name) throws Exception {
    PublicKey key = PublicKeys.parse(TestKeys.pem(name));
    assertThat(key).isEqualTo(spki("p521.pub.pem", "EC"));
    assertThat(PublicKeys.check(key)).isSameAs(key);
  }

  @Test
  void parsesAJwkAndKeepsItsKid() throws Exception {
    PublicKey rsa = spki("rsa2048.pub.pem", "RSA");
    String jwk = new com.nimbusds.jose.jwk.RSAKey.Builder((java.security.interfaces.RSAPublicKey) rsa).keyID("key_1").build().toJSONString();
    assertThat(PublicKeys.parse(jwk)).isEqualTo(rsa);
    assertThat(PublicKeys.parseAllWithIds(jwk)).containsExactly(Map.entry("key_1", rsa));
  }

  @Test
  void namesAKeyWithoutKidByItsRfc7638Thumbprint() {
    PublicKey key = PublicKeys.parse(RFC7638_JWK);
    assertThat(PublicKeys.thumbprint(key)).isEqualTo("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    assertThat(PublicKeys.parseAllWithIds(RFC7638_JWK)).containsOnlyKeys("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  }

  @Test
  void parsesAJwksWithOneKeyAsOneKey() throws Exception {
    String jwks = new JWKSet(JWK.parse(RFC7638_JWK)).toString();
    assertThat(PublicKeys.parse(jwks)).isEqualTo(PublicKeys.parse(RFC7638_JWK));
  }

  @Test
  void returnsEveryKeyOfAJwksByKid() throws Exception {
    PublicKey rsa = spki("rsa2048.pub.pem", "RSA");
    PublicKey ec = spki("p521.pub.pem", "EC");
    String jwks = jwks(rsa, "key_1", ec, "key_2");
    assertThat(PublicKeys.parseAll(jwks)).containsExactly(rsa, ec);
    assertThat(PublicKeys.parseAllWithIds(jwks)).containsExactly(Map.entry("key_1", rsa), Map.entry("key_2", ec));
  }

  @Test
  void refusesAJwksWithSeveralKeysWhereOneIsExpected() throws Exception {
    String jwks = jwks(spki("rsa2048.pub.pem", "RSA"), "key_1", spki("p521.pub.pem", "EC"), "key_2");
    assertRejected(() -> PublicKeys.parse(jwks), Reason.PUBLIC_KEY_AMBIGUOUS,
        "public key text holds 2 keys where one was expected. Fix: pass a single key, or use PublicKeys.parseAll /"
            + " parseAllWithIds to trust each of them.");
  }

  @Test
  void refusesTwoDifferentKeysWithOneKid() throws Exception {
    String jwks = jwks(spki("rsa2048.pub.pem", "RSA"), "key_1", spki("p521.pub.pem", "EC"), "key_1");
    assertRejected(() -> PublicKeys.parseAllWithIds(jwks), Reason.PUBLIC_KEY_AMBIGUOUS,
        "public key text holds two different keys with kid \"key_1\". Fix: give each key its own kid.");
  }

  @Test
  void returnsEveryKeyOfConcatenatedPemBlocks() throws Exception {
    String bundle = TestKeys.pem("rsa2048.cert.pem") + TestKeys.pem("p521.pub.pem") + TestKeys.pem("rsa2048.pub.rsa.pem");
    assertThat(PublicKeys.parseAll(bundle)).containsExactly(spki("rsa2048.pub.pem", "RSA"), spki("p521.pub.pem", "EC"),
        spki("rsa2048.pub.pem", "RSA"));
    assertThat(PublicKeys.parseAllWithIds(bundle)).as("the same key twice is listed once").hasSize(2);
  }

  @Test
  void returnsEveryLineOfAnAuthorizedKeysText() throws Exception {
    String lines = "# team keys\n" + TestKeys.pem("rsa2048.pub") + "\n" + TestKeys.pem("p521.pub");
    assertThat(PublicKeys.parseAll(lines)).containsExactly(spki("rsa2048.pub.pem", "RSA"), spki("p521.pub.pem", "EC"));
  }

  @Test
  void loadsAShortRsaKeyButCheckRefusesIt() {
    PublicKey key = PublicKeys.parse(TestKeys.pem("rsa1024.pub.pem"));
    assertRejected(() -> PublicKeys.check(key), Reason.KEY_TOO_SHORT,
        "RSA key has 1024 bits; at least 2048 are required (RFC 7518 section 3.3). Fix: " + KeyChecks.MAKE_RSA + ".");
  }

  @Test
  void loadsAnRsaPssKeyButCheckRefusesIt() {
    PublicKey key = PublicKeys.parse(TestKeys.pem("rsapss.pub.pem"));
    assertRejected(() -> PublicKeys.check(key), Reason.KEY_TYPE_UNSUPPORTED, KeyChecksTest.PSS_REFUSED);
  }

  @Test
  void loadsAP256KeyButCheckRefusesIt() {
    PublicKey key = PublicKeys.parse(TestKeys.pem("p256.pub.pem"));
    assertThat(((ECPublicKey) key).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    assertRejected(() -> PublicKeys.check(key), Reason.KEY_CURVE_UNSUPPORTED,
        "EC key is on a 256-bit curve; ES512 needs P-521 (secp521r1). Fix: " + KeyChecks.MAKE_P521 + ".");
  }

  @Test
  void refusesAP256KeyWithExplicitParametersByItsCurve() {
    assertRejected(() -> PublicKeys.parse(TestKeys.pem("p256.explicit.pub.pem")), Reason.KEY_CURVE_UNSUPPORTED,
        "public key text holds an EC key with explicit parameters of a 256-bit curve that is not P-521; ES512 needs"
            + " P-521 (secp521r1). Fix: " + KeyChecks.MAKE_P521 + ".");
  }

  @Test
  void refusesAnEd25519OpenSshLine() {
    assertRejected(() -> PublicKeys.parse(TestKeys.pem("ed25519.openssh.pub")), Reason.KEY_TYPE_UNSUPPORTED,
        "public key text holds a key of type Ed25519, which RS256, RS512 and ES512 cannot use. Fix: use an RSA key ("
            + KeyChecks.MAKE_RSA + ") or an EC P-521 key (" + KeyChecks.MAKE_P521 + ").");
  }

  @Test
  void refusesAP521PemKeyWhosePointIsNotOnTheCurve() {
    // found by CliInputFuzzTest: the JDK's key factory took the point, and `keys convert --json` then failed
    // with nimbus' IllegalStateException; the last byte of y edited takes the point off P-521
    byte[] der = Base64.getMimeDecoder().decode(TestKeys.pem("p521.pub.pem").replaceAll("-----[A-Z ]+-----", ""));
    der[der.length - 1] ^= 1;
    String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PUBLIC KEY-----\n";
    assertRejected(() -> PublicKeys.parse(pem), Reason.PUBLIC_KEY_MALFORMED,
        "public key text holds an EC key whose point is not on its curve (a corrupted or edited key). Fix: "
            + MAKE_PUBLIC + ".");
  }

  @Test
  void refusesASymmetricJwk() {
    assertRejected(() -> PublicKeys.parse("{\"kty\":\"oct\",\"k\":\"GawgguFyGrWKav7AX4VKUg\"}"), Reason.PUBLIC_KEY_MALFORMED,
        "public key text holds a private or secret JWK (it has \"d\" or \"k\"); never share or upload private key material."
            + " Fix: publish only the public half, such as with nimbus' jwk.toPublicJWK().");
  }

  @Test
  void refusesAPrivateJwk() throws Exception {
    String privateJwk = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_521).generate().toJSONString();
    assertRejected(() -> PublicKeys.parse(privateJwk), Reason.PUBLIC_KEY_MALFORMED,
        "public key text holds a private or secret JWK (it has \"d\" or \"k\"); never share or upload private key material."
            + " Fix: publish only the public half, such as with nimbus' jwk.toPublicJWK().");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rsa2048.pem", "p521.openssh-encrypted", "rsa2048.encrypted.pem"})
  void refusesPrivateKeyPem(String name) {
    assertThatThrownBy(() -> PublicKeys.parse(TestKeys.pem(name)))
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PUBLIC_KEY_MALFORMED))
        .hasMessageStartingWith("public key text holds a private key (-----BEGIN ")
        .hasMessageEndingWith("-----); never share or upload private key material. Fix: " + MAKE_PUBLIC + ".");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "hello | public key text is in no supported form; " + FORMS + ". Fix: " + MAKE_PUBLIC + ".",
      "'  ' | public key text is empty; " + FORMS + ". Fix: " + MAKE_PUBLIC + ".",
      "{\"kty\":\"RSA\"} | public key text is JSON but not a valid JWK or JWKS (RFC 7517). Fix: pass the JWK"
          + " ({\"kty\":\"RSA\",\"n\":...,\"e\":...}) or JWKS ({\"keys\":[...]}) as published.",
      "{\"keys\":[]} | public key text holds no public key; " + FORMS + ". Fix: " + MAKE_PUBLIC + ".",
      "ssh-rsa AAAAB3NzaC1yc2E= me@host | public key text line 1 is not a valid OpenSSH public key line (type, base64 key,"
          + " comment). Fix: pass the .pub file as ssh-keygen wrote it, or " + MAKE_PUBLIC + ".",
      "---- BEGIN SSH2 PUBLIC KEY ----\\nAAAA\\n---- END SSH2 PUBLIC KEY ---- | public key text is an RFC 4716 SSH2 public key"
          + " (what `ssh-keygen -e` prints without -m); " + FORMS + ". Fix: print it as PEM with `ssh-keygen -e -m PEM -f key.pub`.",
      "-----BEGIN PUBLIC KEY-----\\nMIIBIjAN\\n-----END PUBLIC KEY----- | public key text holds a garbled or truncated PEM"
          + " block. Fix: copy the whole block, from -----BEGIN to -----END, or " + MAKE_PUBLIC + ".",
      "-----BEGIN X509 CRL-----\\nMAA=\\n-----END X509 CRL----- | public key text holds a garbled or truncated PEM"
          + " block. Fix: copy the whole block, from -----BEGIN to -----END, or " + MAKE_PUBLIC + "."})
  void refusesGarbage(String text, String message) {
    assertRejected(() -> PublicKeys.parse(text.replace("\\n", "\n")), Reason.PUBLIC_KEY_MALFORMED, message);
  }

  @Test
  void refusesNull() {
    assertRejected(() -> PublicKeys.parse(null), Reason.PUBLIC_KEY_MALFORMED,
        "public key text is null; " + FORMS + ". Fix: " + MAKE_PUBLIC + ".");
    assertRejected(() -> PublicKeys.check(null), Reason.INVALID_ARGUMENT, "publicKey is null. Fix: pass the PublicKey to check.");
  }

  static PublicKey spki(String name, String algorithm) throws Exception {
    String b64 = TestKeys.pem(name).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
  }

  private static String jwks(PublicKey first, String firstKid, PublicKey second, String secondKid) throws Exception {
    return new JWKSet(List.of(withKid(first, firstKid), withKid(second, secondKid))).toString();
  }

  private static JWK withKid(PublicKey key, String kid) throws Exception {
    Map<String, Object> json = PublicKeys.toJwk(key, false).toJSONObject();
    json.put("kid", kid);
    return JWK.parse(json);
  }

  private static void assertRejected(ThrowingCallable call, Reason reason, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(KeyRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessage(message);
  }
}
