package dev.jwtsigner.internal;

import static dev.jwtsigner.internal.Jws.b64;
import static dev.jwtsigner.internal.Jws.signed;
import static dev.jwtsigner.internal.Jws.token;
import static dev.jwtsigner.internal.Jws.unb64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.JwtSignerException;
import dev.jwtsigner.JwtSignerException.Reason;
import dev.jwtsigner.TestKeys;
import dev.jwtsigner.Violation;
import dev.jwtsigner.Violation.Rule;
import dev.jwtsigner.keys.KeySource;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JwsDecoderTest {

  private static final String CLAIMS = "{\"sub\":\"u1\",\"iat\":1767225600,\"exp\":1767229200}";
  private static final String NOT_ALLOWED_TAIL =
      "; only RS256, RS512 or ES512 are allowed, so the token is refused without checking its signature.";
  private static final JwsDecoder ALL = JwsDecoder.create(EnumSet.allOf(JwsAlgorithm.class), StrictJson.create(65_536, 100));

  private static PrivateKey rsa2048;
  private static PrivateKey rsa4096;
  private static PrivateKey p521;
  private static PublicKey rsa2048Public;
  private static PublicKey rsa4096Public;
  private static PublicKey p521Public;

  @BeforeAll
  static void loadKeys() throws Exception {
    rsa2048 = Jws.privateKey("rsa2048");
    rsa4096 = Jws.privateKey("rsa4096");
    p521 = Jws.privateKey("p521");
    rsa2048Public = Jws.publicKey("rsa2048");
    rsa4096Public = Jws.publicKey("rsa4096");
    p521Public = Jws.publicKey("p521");
  }

  private static String joseSigned(String key, JwsAlgorithm alg, String kid, String claims) {
    return JoseSigner.prepare(KeySource.fromPemText(TestKeys.pem(key + ".pem")).signingKey(), alg, kid).sign(claims);
  }

  private static List<TrustedKey> trust(PublicKey... keys) {
    return Arrays.stream(keys).map(k -> TrustedKey.of(null, k)).toList();
  }

  private static List<Rule> rules(DecodedJws jws) {
    return jws.violations().stream().map(Violation::rule).toList();
  }

  private static Violation only(DecodedJws jws) {
    assertThat(jws.violations()).hasSize(1);
    return jws.violations().get(0);
  }

  // --- what is accepted ---

  @ParameterizedTest
  @CsvSource({"rsa2048, RS256", "rsa2048, RS512", "rsa4096, RS512", "p521, ES512"})
  void acceptsATokenSignedByJoseSignerWithEachAllowedAlgorithm(String key, JwsAlgorithm alg) throws Exception {
    DecodedJws jws = ALL.decode(joseSigned(key, alg, "k1", CLAIMS), List.of(TrustedKey.of("k1", Jws.publicKey(key))));
    assertThat(jws.violations()).isEmpty();
    assertThat(jws.signatureValid()).isTrue();
    assertThat(jws.algorithm()).contains(alg);
    assertThat(jws.keyId()).contains("k1");
    assertThat(jws.header()).containsExactly(Map.entry("alg", alg.name()), Map.entry("typ", "JWT"), Map.entry("kid", "k1"));
    assertThat(jws.claims()).containsExactly(Map.entry("sub", "u1"), Map.entry("iat", 1767225600L), Map.entry("exp", 1767229200L));
  }

  @Test
  void acceptsEs512SignedOnSunEcToo() throws Exception {
    String token = signed("{\"alg\":\"ES512\"}", CLAIMS, "SHA512withECDSAinP1363Format", p521);
    assertThat(ALL.decode(token, trust(p521Public)).signatureValid()).isTrue();
  }

  // --- algorithm attacks: never verified with any key ---

  @Test
  void rejectsAlgNoneWithoutSignature() {
    DecodedJws jws = ALL.decode(token("{\"alg\":\"none\"}", CLAIMS, new byte[0]), trust(rsa2048Public));
    assertThat(jws.signatureValid()).isFalse();
    assertThat(jws.violations()).extracting(Violation::field, Violation::rule, Violation::message).containsExactly(
        tuple("signature", Rule.SIGNATURE_INVALID, "the signature part is empty: the token is unsigned."),
        tuple("header.alg", Rule.ALGORITHM_NOT_ALLOWED, "header.alg is none" + NOT_ALLOWED_TAIL));
    assertThat(jws.violations().get(1).fix()).isEqualTo("sign with RS256, RS512 or ES512; the platform accepts no other algorithm.");
    assertThat(jws.claims()).containsEntry("sub", "u1");
    assertThat(jws.algorithm()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "none | header.alg is none",
      "None | header.alg names no registered JWS algorithm",
      "NONE | header.alg names no registered JWS algorithm",
      "rs256 | header.alg names no registered JWS algorithm",
      "''   | header.alg names no registered JWS algorithm"})
  void rejectsAlgNoneAndLookalikesEvenWithAValidSignatureFromATrustedKey(String alg, String start) throws Exception {
    String token = signed("{\"alg\":\"" + alg + "\"}", CLAIMS, "SHA256withRSA", rsa2048);
    DecodedJws jws = ALL.decode(token, trust(rsa2048Public));
    assertThat(jws.signatureValid()).isFalse();
    assertThat(only(jws).message()).isEqualTo(start + NOT_ALLOWED_TAIL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pem", "der"})
  void rejectsHs256MacKeyedWithThePublicKey(String form) throws Exception {
    byte[] secret = form.equals("pem")
        ? TestKeys.pem("rsa2048.pub.pem").getBytes(StandardCharsets.US_ASCII)
        : rsa2048Public.getEncoded();
    String input = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64(CLAIMS);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    String token = input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));

    DecodedJws jws = ALL.decode(token, trust(rsa2048Public));
    assertThat(jws.signatureValid()).isFalse();
    assertThat(only(jws)).extracting(Violation::field, Violation::rule, Violation::message)
        .containsExactly("header.alg", Rule.ALGORITHM_NOT_ALLOWED, "header.alg is HS256" + NOT_ALLOWED_TAIL);
  }

  static Stream<Arguments> otherAsymmetricAlgorithms() throws Exception {
    PrivateKey p256 = Jws.privateKey("p256");
    return Stream.of(
        Arguments.of("RS384", signed("{\"alg\":\"RS384\"}", CLAIMS, "SHA384withRSA", rsa2048), rsa2048Public),
        Arguments.of("PS256", pss(rsa2048), rsa2048Public),
        Arguments.of("ES256", signed("{\"alg\":\"ES256\"}", CLAIMS, "SHA256withECDSAinP1363Format", p256), Jws.publicKey("p256")),
        Arguments.of("ES384", signed("{\"alg\":\"ES384\"}", CLAIMS, "SHA384withECDSAinP1363Format", p521), p521Public));
  }

  private static String pss(PrivateKey key) throws Exception {
    String input = b64("{\"alg\":\"PS256\"}") + "." + b64(CLAIMS);
    java.security.Signature s = java.security.Signature.getInstance("RSASSA-PSS");
    s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    s.initSign(key);
    s.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + b64(s.sign());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("otherAsymmetricAlgorithms")
  void rejectsOtherAsymmetricAlgorithmsWithoutVerifying(String alg, String token, PublicKey key) {
    DecodedJws jws = ALL.decode(token, trust(key));
    assertThat(jws.signatureValid()).isFalse();
    assertThat(only(jws).message()).isEqualTo("header.alg is " + alg + NOT_ALLOWED_TAIL);
  }

  @Test
  void rejectsAnAlgorithmOutsideANarrowerWhitelist() {
    JwsDecoder rs256Only = JwsDecoder.create(EnumSet.of(JwsAlgorithm.RS256), StrictJson.create(1_024, 10));
    DecodedJws jws = rs256Only.decode(joseSigned("rsa2048", JwsAlgorithm.RS512, null, CLAIMS), trust(rsa2048Public));
    assertThat(jws.signatureValid()).isFalse();
    assertThat(jws.algorithm()).contains(JwsAlgorithm.RS512);
    assertThat(only(jws)).extracting(Violation::message, Violation::fix).containsExactly(
        "header.alg is RS512; only RS256 is allowed, so the token is refused without checking its signature.",
        "sign with RS256; the platform accepts no other algorithm.");
  }

  @Test
  void rejectsAnAlgorithmThatDoesNotFitTheKey() {
    DecodedJws jws = ALL.decode(joseSigned("p521", JwsAlgorithm.ES512, null, CLAIMS), trust(rsa2048Public));
    assertThat(only(jws)).extracting(Violation::field, Violation::rule, Violation::message).containsExactly(
        "header.alg", Rule.ALGORITHM_KEY_MISMATCH,
        "the token is ES512, which needs an EC P-521 key, but the trusted key for it is RSA 2048 bits.");
    DecodedJws rsa = ALL.decode(joseSigned("rsa2048", JwsAlgorithm.RS256, null, CLAIMS), trust(p521Public));
    assertThat(only(rsa).message())
        .isEqualTo("the token is RS256, which needs an RSA key, but the trusted key for it is EC P-521.");
    assertThat(jws.signatureValid()).isFalse();
    assertThat(rsa.signatureValid()).isFalse();
  }

  @Test
  void aKeyRegisteredForOneAlgorithmVerifiesNoOther() {
    TrustedKey rs512Only = TrustedKey.fromJwk(new com.nimbusds.jose.jwk.RSAKey.Builder(
        (java.security.interfaces.RSAPublicKey) rsa2048Public).algorithm(com.nimbusds.jose.JWSAlgorithm.RS512).build());
    assertThat(ALL.decode(joseSigned("rsa2048", JwsAlgorithm.RS512, null, CLAIMS), List.of(rs512Only)).signatureValid())
        .isTrue();
    DecodedJws rs256 = ALL.decode(joseSigned("rsa2048", JwsAlgorithm.RS256, null, CLAIMS), List.of(rs512Only));
    assertThat(only(rs256)).extracting(Violation::rule, Violation::message).containsExactly(Rule.ALGORITHM_KEY_MISMATCH,
        "the token is RS256, which needs an RSA key, but the trusted key for it is RSA 2048 bits for RS512 only.");
  }

  @Test
  void usesTheKeyThatFitsWhenKeysOfBothTypesAreTrusted() {
    List<TrustedKey> both = trust(rsa2048Public, p521Public);
    assertThat(ALL.decode(joseSigned("p521", JwsAlgorithm.ES512, null, CLAIMS), both).signatureValid()).isTrue();
    assertThat(ALL.decode(joseSigned("rsa2048", JwsAlgorithm.RS256, null, CLAIMS), both).signatureValid()).isTrue();
  }

  @Test
  void refusesKeysBelowThePlatformsFloor() throws Exception {
    String rsa1024Token = signed("{\"alg\":\"RS256\"}", CLAIMS, "SHA256withRSA", Jws.privateKey("rsa1024"));
    DecodedJws jws = ALL.decode(rsa1024Token, trust(Jws.publicKey("rsa1024")));
    assertThat(only(jws)).extracting(Violation::field, Violation::rule, Violation::message).containsExactly(
        "key", Rule.KEY_UNSUITABLE,
        "the trusted key for this RS256 token is RSA 1024 bits; the platform needs RSA of at least 2048 bits.");
    assertThat(only(jws).fix())
        .isEqualTo(KeyRequirements.MAKE_RSA + ".");
    assertThat(jws.signatureValid()).isFalse();
    String p256Token = signed("{\"alg\":\"ES512\"}", CLAIMS, "SHA512withECDSAinP1363Format", Jws.privateKey("p256"));
    DecodedJws p256 = ALL.decode(p256Token, trust(Jws.publicKey("p256")));
    assertThat(only(p256)).extracting(Violation::message, Violation::fix).containsExactly(
        "the trusted key for this ES512 token is EC 256-bit curve; the platform needs EC on P-521.",
        KeyRequirements.MAKE_P521 + ".");
    assertThat(p256.signatureValid()).isFalse();
  }

  // --- header ---

  @Test
  void rejectsAnyCriticalHeaderEvenWhenTheSignatureIsValid() throws Exception {
    String token = signed("{\"alg\":\"RS256\",\"crit\":[\"exp\"],\"exp\":1}", CLAIMS, "SHA256withRSA", rsa2048);
    DecodedJws jws = ALL.decode(token, trust(rsa2048Public));
    assertThat(jws.signatureValid()).isFalse();
    assertThat(only(jws)).extracting(Violation::field, Violation::rule, Violation::fix).containsExactly(
        "header.crit", Rule.CRITICAL_HEADER_UNSUPPORTED, "sign without a crit header; the platform understands no JWS extensions.");
  }

  @Test
  void neverVerifiesWithKeysEmbeddedInTheHeader() throws Exception {
    String jwk = com.nimbusds.jose.jwk.RSAKey.parse(new com.nimbusds.jose.jwk.RSAKey.Builder(
        (java.security.interfaces.RSAPublicKey) rsa4096Public).build().toJSONString()).toJSONString();
    String header = "{\"alg\":\"RS256\",\"jwk\":" + jwk + ",\"jku\":\"https://attacker.example/jwks.json\","
        + "\"x5u\":\"https://attacker.example/cert.pem\"}";
    DecodedJws jws = ALL.decode(signed(header, CLAIMS, "SHA256withRSA", rsa4096), trust(rsa2048Public));
    assertThat(jws.signatureValid()).isFalse();
    assertThat(only(jws)).extracting(Violation::rule, Violation::message).containsExactly(Rule.SIGNATURE_INVALID,
        "the RS256 signature does not verify with the trusted key (RSA 2048 bits).");
    assertThat(ALL.decode(signed(header, CLAIMS, "SHA256withRSA", rsa4096), List.of()).violations())
        .extracting(Violation::message).containsExactly("no public key is trusted, so the signature cannot be checked.");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"alg\":\"RS256\",\"alg\":\"none\"}  | header     | DUPLICATE_MEMBER  | header has a member name twice in one object at line 1, column 21.",
      "[\"RS256\"]                           | header     | NOT_A_JSON_OBJECT | header is a JSON array, not a JSON object.",
      "{alg:RS256}                           | header     | JSON_MALFORMED    | header is not strict JSON at line 1, column 2.",
      "{\"typ\":\"JWT\"}                     | header.alg | HEADER_INVALID    | header has no alg.",
      "{\"alg\":null}                        | header.alg | HEADER_INVALID    | header has no alg (it is null).",
      "{\"alg\":[\"RS256\"]}                 | header.alg | HEADER_INVALID    | header.alg is not a JSON string.",
      "{\"alg\":\"RS256\",\"kid\":7}         | header.kid | HEADER_INVALID    | header.kid is not a JSON string.",
      "{\"alg\":\"RS256\",\"kid\":\"\"}      | header.kid | HEADER_INVALID    | header.kid is an empty string."})
  void rejectsAHeaderThatIsNotOneSoundObject(String header, String field, Rule rule, String message) throws Exception {
    DecodedJws jws = ALL.decode(signed(header, CLAIMS, "SHA256withRSA", rsa2048), trust(rsa2048Public));
    assertThat(jws.signatureValid()).isFalse();
    assertThat(only(jws)).extracting(Violation::field, Violation::rule, Violation::message).containsExactly(field, rule, message);
  }

  // --- key selection by kid ---

  @Test
  void aKnownKidSelectsOnlyThatKey() {
    List<TrustedKey> keys = List.of(TrustedKey.of("k1", rsa4096Public), TrustedKey.of("k2", rsa2048Public));
    assertThat(ALL.decode(joseSigned("rsa2048", JwsAlgorithm.RS256, "k2", CLAIMS), keys).signatureValid()).isTrue();
    DecodedJws wrongKid = ALL.decode(joseSigned("rsa2048", JwsAlgorithm.RS256, "k1", CLAIMS), keys);
    assertThat(only(wrongKid).message())
        .isEqualTo("the RS256 signature does not verify with the trusted key (RSA 4096 bits kid=k1).");
  }

  @Test
  void anUnknownKidFallsBackToKeysWithoutAKid() {
    List<TrustedKey> keys = List.of(TrustedKey.of("k1", rsa4096Public), TrustedKey.of(null, rsa2048Public));
    DecodedJws jws = ALL.decode(joseSigned("rsa2048", JwsAlgorithm.RS256, "rotated", CLAIMS), keys);
    assertThat(jws.signatureValid()).isTrue();
    assertThat(jws.keyId()).contains("rotated");
  }

  @Test
  void anUnknownKidWithOnlyNamedKeysIsRefused() {
    List<TrustedKey> keys = List.of(TrustedKey.of("k1", rsa4096Public), TrustedKey.of("k2", rsa2048Public));
    DecodedJws jws = ALL.decode(joseSigned("rsa2048", JwsAlgorithm.RS256, "k3", CLAIMS), keys);
    assertThat(only(jws)).extracting(Violation::field, Violation::rule, Violation::message).containsExactly(
        "header.kid", Rule.KEY_ID_UNKNOWN,
        "the token's kid matches none of the trusted keys' kids (k1, k2), and no key without a kid is trusted.");
  }

  @Test
  void withoutAKidEveryFittingKeyIsTried() {
    List<TrustedKey> keys = List.of(TrustedKey.of("k1", rsa4096Public), TrustedKey.of(null, p521Public),
        TrustedKey.of("k2", rsa2048Public));
    assertThat(ALL.decode(joseSigned("rsa2048", JwsAlgorithm.RS256, null, CLAIMS), keys).signatureValid()).isTrue();
    DecodedJws forged = ALL.decode(joseSigned("rsa2048", JwsAlgorithm.RS256, null, CLAIMS),
        List.of(TrustedKey.of("k1", rsa4096Public), TrustedKey.of(null, p521Public)));
    assertThat(only(forged).message())
        .isEqualTo("the RS256 signature does not verify with the trusted key (RSA 4096 bits kid=k1).");
  }

  // --- ECDSA signatures (CVE-2022-21449 and encodings) ---

  static Stream<Arguments> forgedEs512Signatures() {
    BigInteger n = KeyRequirements.P521_ORDER;
    return Stream.of(
        Arguments.of("r=0, s=0", BigInteger.ZERO, BigInteger.ZERO),
        Arguments.of("r=0, s=1", BigInteger.ZERO, BigInteger.ONE),
        Arguments.of("r=1, s=0", BigInteger.ONE, BigInteger.ZERO),
        Arguments.of("r=n, s=n", n, n),
        Arguments.of("r=n, s=1", n, BigInteger.ONE),
        Arguments.of("r=1, s=n", BigInteger.ONE, n),
        Arguments.of("r=n-1, s=n-1", n.subtract(BigInteger.ONE), n.subtract(BigInteger.ONE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forgedEs512Signatures")
  void rejectsEs512SignaturesWithROrSOutOfRange(String name, BigInteger r, BigInteger s) {
    String token = joseSigned("p521", JwsAlgorithm.ES512, null, CLAIMS);
    String forged = token.substring(0, token.lastIndexOf('.') + 1) + b64(p1363(r, s));
    DecodedJws jws = ALL.decode(forged, trust(p521Public));
    assertThat(jws.signatureValid()).isFalse();
    assertThat(only(jws).message())
        .isEqualTo("the ES512 signature does not verify with the trusted key (EC P-521).");
    byte[] input = forged.substring(0, forged.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
    assertThat(JwsDecoder.verifySignature(JwsAlgorithm.ES512, TrustedKey.of(null, p521Public), input, p1363(r, s))).isFalse();
  }

  @Test
  void rejectsAValidEs512SignatureReencodedAsDer() {
    String token = joseSigned("p521", JwsAlgorithm.ES512, null, CLAIMS);
    byte[] rs = unb64(token.substring(token.lastIndexOf('.') + 1));
    byte[] der = der(rs);
    DecodedJws jws = ALL.decode(token.substring(0, token.lastIndexOf('.') + 1) + b64(der), trust(p521Public));
    assertThat(only(jws)).extracting(Violation::rule, Violation::message, Violation::fix).containsExactly(
        Rule.SIGNATURE_INVALID,
        "the ES512 signature has " + der.length + " bytes; JWS requires exactly 132 (r and s, 66 bytes each, RFC 7518 section 3.4).",
        "encode ES512 signatures as r‖s (IEEE P1363), not DER: sign with a JOSE library.");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 66, 131, 133, 264})
  void rejectsEs512SignaturesOfAnyOtherLength(int length) {
    String token = joseSigned("p521", JwsAlgorithm.ES512, null, CLAIMS);
    byte[] rs = Arrays.copyOf(unb64(token.substring(token.lastIndexOf('.') + 1)), length);
    DecodedJws jws = ALL.decode(token.substring(0, token.lastIndexOf('.') + 1) + b64(rs), trust(p521Public));
    assertThat(jws.signatureValid()).isFalse();
    assertThat(jws.violations()).extracting(Violation::rule).containsOnly(Rule.SIGNATURE_INVALID);
  }

  @ParameterizedTest
  @CsvSource({"flip-last-bit", "drop-last-byte", "prepend-zero", "swap-halves"})
  void rejectsManipulatedSignatures(String change) throws Exception {
    for (String key : List.of("rsa2048", "p521")) {
      JwsAlgorithm alg = key.equals("p521") ? JwsAlgorithm.ES512 : JwsAlgorithm.RS256;
      String token = joseSigned(key, alg, null, CLAIMS);
      byte[] sig = unb64(token.substring(token.lastIndexOf('.') + 1));
      byte[] bad = switch (change) {
        case "flip-last-bit" -> flipLastBit(sig);
        case "drop-last-byte" -> Arrays.copyOf(sig, sig.length - 1);
        case "prepend-zero" -> prependZero(sig);
        default -> swapHalves(sig);
      };
      DecodedJws jws = ALL.decode(token.substring(0, token.lastIndexOf('.') + 1) + b64(bad), trust(Jws.publicKey(key)));
      assertThat(jws.signatureValid()).as(key + " " + change).isFalse();
      assertThat(rules(jws)).containsExactly(Rule.SIGNATURE_INVALID);
    }
  }

  @Test
  void rejectsAModifiedPayloadOrHeader() {
    String token = joseSigned("rsa2048", JwsAlgorithm.RS256, null, CLAIMS);
    String[] p = token.split("\\.");
    String otherClaims = b64("{\"sub\":\"admin\",\"iat\":1767225600,\"exp\":1767229200}");
    assertThat(rules(ALL.decode(p[0] + "." + otherClaims + "." + p[2], trust(rsa2048Public)))).containsExactly(Rule.SIGNATURE_INVALID);
    String otherHeader = b64("{\"typ\":\"JWT\",\"alg\":\"RS256\"}");
    assertThat(rules(ALL.decode(otherHeader + "." + p[1] + "." + p[2], trust(rsa2048Public)))).containsExactly(Rule.SIGNATURE_INVALID);
  }

  // --- serialization and base64url ---

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "padded header        | header    | the header part has '=' padding at character ",
      "space in signature   | signature | the signature part has whitespace at character ",
      "newline in payload   | claims    | the claims part has whitespace at character ",
      "plus in signature    | signature | the signature part has a character outside A-Z a-z 0-9 - _ at character ",
      "truncated signature  | signature | the signature part has 341 characters, a length no base64url text has (it is truncated or padded).",
      "unused bits set      | signature | the signature part has non-zero unused bits in its last character, so it is not the canonical encoding."})
  void rejectsNonCanonicalBase64Url(String change, String field, String messageStart) {
    String token = joseSigned("rsa2048", JwsAlgorithm.RS256, null, CLAIMS);
    String[] p = token.split("\\.");
    String bad = switch (change.trim()) {
      case "padded header" -> p[0] + "=." + p[1] + "." + p[2];
      case "space in signature" -> p[0] + "." + p[1] + "." + p[2].substring(0, 10) + " " + p[2].substring(10);
      case "newline in payload" -> p[0] + "." + p[1] + "\n." + p[2];
      case "plus in signature" -> p[0] + "." + p[1] + "." + "+" + p[2].substring(1);
      case "truncated signature" -> p[0] + "." + p[1] + "." + p[2].substring(0, p[2].length() - 1);
      default -> p[0] + "." + p[1] + "." + withUnusedBitSet(p[2]);
    };
    DecodedJws jws = ALL.decode(bad, trust(rsa2048Public));
    assertThat(jws.signatureValid()).isFalse();
    assertThat(only(jws)).extracting(Violation::field, Violation::rule).containsExactly(field, Rule.TOKEN_MALFORMED);
    assertThat(only(jws).message()).startsWith(messageStart);
    assertThat(only(jws).fix()).startsWith("encode each part as base64url without padding or whitespace (RFC 7515 section 2)");
  }

  @Test
  void reportsEachPartThatIsNotBase64UrlAndStillReadsTheOthers() {
    String[] p = joseSigned("rsa2048", JwsAlgorithm.RS256, null, CLAIMS).split("\\.");
    String emojiInHeader = p[0].substring(0, 5) + "\ud83d\ude00" + p[0].substring(5) + "." + p[1] + "." + p[2];
    DecodedJws jws = ALL.decode(emojiInHeader, trust(rsa2048Public));
    assertThat(jws.signatureValid()).isFalse();
    assertThat(jws.violations()).extracting(Violation::field, Violation::message).containsExactly(
        tuple("header", "the header part has a character outside A-Z a-z 0-9 - _ at character 6."));
    assertThat(jws.claims()).as("the claims part after it is still found and read").containsEntry("sub", "u1");
    String twoBadParts = p[0].substring(0, 5) + " " + p[0].substring(5) + "." + p[1] + ".é" + p[2].substring(1);
    DecodedJws both = ALL.decode(twoBadParts, trust(rsa2048Public));
    assertThat(both.violations()).extracting(Violation::field, Violation::message).containsExactly(
        tuple("header", "the header part has whitespace at character 6."),
        tuple("signature", "the signature part has a character outside A-Z a-z 0-9 - _ at character 1."));
    assertThat(both.claims()).containsEntry("sub", "u1");
    DecodedJws euro = ALL.decode(p[0] + "." + p[1].substring(0, 3) + "€" + p[1].substring(3) + "." + p[2], trust(rsa2048Public));
    assertThat(euro.violations()).extracting(Violation::field, Violation::message).containsExactly(
        tuple("claims", "the claims part has a character outside A-Z a-z 0-9 - _ at character 4."));
  }

  @Test
  void oneDecoderAndKeyGiveTheRightAnswerTokenAfterToken() {
    List<TrustedKey> keys = trust(rsa2048Public, p521Public);
    for (int i = 0; i < 4; i++) {
      String claims = "{\"sub\":\"u" + i + "\",\"iat\":1767225600,\"exp\":1767229200}";
      for (JwsAlgorithm alg : List.of(JwsAlgorithm.RS256, JwsAlgorithm.ES512)) {
        String token = joseSigned(alg == JwsAlgorithm.ES512 ? "p521" : "rsa2048", alg, null, claims);
        String other = joseSigned(alg == JwsAlgorithm.ES512 ? "p521" : "rsa2048", alg, null, claims.replace("\"u", "\"v"));
        String spliced = token.substring(0, token.lastIndexOf('.')) + other.substring(other.lastIndexOf('.'));
        assertThat(ALL.decode(token, keys).signatureValid()).as(alg + " #" + i).isTrue();
        assertThat(rules(ALL.decode(spliced, keys))).as(alg + " spliced #" + i).containsExactly(Rule.SIGNATURE_INVALID);
        assertThat(ALL.decode(token, keys).claims()).as(alg + " again #" + i).containsEntry("sub", "u" + i);
      }
    }
  }

  @Test
  void aHeaderReadBeforeIsTakenFromMemoryAndCheckedForEveryToken() throws Exception {
    JwsDecoder decoder = JwsDecoder.create(EnumSet.of(JwsAlgorithm.RS256), StrictJson.create(1_024, 10));
    List<TrustedKey> keys = List.of(TrustedKey.of("k1", rsa2048Public));
    String u1 = joseSigned("rsa2048", JwsAlgorithm.RS256, "k1", CLAIMS);
    String u2 = joseSigned("rsa2048", JwsAlgorithm.RS256, "k1", "{\"sub\":\"u2\"}");
    DecodedJws first = decoder.decode(u1, keys);
    DecodedJws second = decoder.decode(u2, keys);
    assertThat(second.violations()).isEmpty();
    assertThat(second.header()).as("read once").isSameAs(first.header());
    assertThat(second.claims()).containsExactly(Map.entry("sub", "u2"));
    String spliced = u1.substring(0, u1.lastIndexOf('.')) + u2.substring(u2.lastIndexOf('.'));
    assertThat(rules(decoder.decode(spliced, keys))).containsExactly(Rule.SIGNATURE_INVALID);

    String crit = "{\"alg\":\"RS256\",\"kid\":\"k1\",\"crit\":[\"exp\"]}";
    for (String claims : List.of(CLAIMS, "{\"sub\":\"u2\"}")) {
      DecodedJws jws = decoder.decode(signed(crit, claims, "SHA256withRSA", rsa2048), keys);
      assertThat(rules(jws)).as("crit refused again from memory").containsExactly(Rule.CRITICAL_HEADER_UNSUPPORTED);
      assertThat(jws.signatureValid()).isFalse();
    }
    DecodedJws other = decoder.decode(signed("{\"alg\":\"RS256\"}", CLAIMS, "SHA256withRSA", rsa2048), keys);
    assertThat(other.violations()).isEmpty();
    assertThat(other.header()).containsExactly(Map.entry("alg", "RS256"));
  }

  @Test
  void unusedBitsWouldOtherwiseDecodeToTheSameSignature() {
    String sig = joseSigned("rsa2048", JwsAlgorithm.RS256, null, CLAIMS).split("\\.")[2];
    assertThat(java.util.Base64.getUrlDecoder().decode(withUnusedBitSet(sig))).isEqualTo(unb64(sig));
    assertThat(Base64Url.problem(sig)).isNull();
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @CsvSource(delimiter = '|', value = {
      "a.b.c.d      | token has 4 parts separated by '.'; a compact JWS has exactly 3.",
      "a.b.c.d.e    | token has 5 parts separated by '.'; a compact JWS has exactly 3.",
      "a.b          | token has 2 parts separated by '.'; a compact JWS has exactly 3.",
      "abc          | token has 1 part separated by '.'; a compact JWS has exactly 3.",
      "''           | token is empty.",
      "{\"payload\":\"e30\",\"signatures\":[]} | token is in the JWS JSON serialization; only the compact serialization is accepted."})
  void rejectsAnythingButThreeParts(String token, String message) {
    DecodedJws jws = ALL.decode(token, trust(rsa2048Public));
    assertThat(only(jws)).extracting(Violation::field, Violation::rule, Violation::message)
        .containsExactly("token", Rule.TOKEN_MALFORMED, message);
    assertThat(only(jws).fix()).isEqualTo(
        "send the compact JWS exactly as signed: three base64url parts joined by dots (header.payload.signature).");
  }

  @Test
  void rejectsAValidTokenWithAnExtraOrMissingPart() {
    String token = joseSigned("rsa2048", JwsAlgorithm.RS256, null, CLAIMS);
    assertThat(rules(ALL.decode(token + ".", trust(rsa2048Public)))).containsExactly(Rule.TOKEN_MALFORMED);
    assertThat(rules(ALL.decode(token.substring(0, token.lastIndexOf('.')), trust(rsa2048Public))))
        .containsExactly(Rule.TOKEN_MALFORMED);
  }

  @Test
  void rejectsNullWithoutThrowing() {
    DecodedJws jws = ALL.decode(null, null);
    assertThat(jws.signatureValid()).isFalse();
    assertThat(only(jws).message()).isEqualTo("token is null.");
    assertThat(jws.header()).isEmpty();
    assertThat(jws.claims()).isEmpty();
  }

  @Test
  void refusesAHugeTokenBeforeDecodingIt() {
    JwsDecoder small = JwsDecoder.create(EnumSet.of(JwsAlgorithm.RS256), StrictJson.create(1_024, 10));
    assertThat(small.maxTokenChars()).isEqualTo(4 * (1_024 + 8_192));
    String huge = "a".repeat(small.maxTokenChars() + 1);
    assertThat(only(small.decode(huge, trust(rsa2048Public)))).extracting(Violation::rule, Violation::message)
        .containsExactly(Rule.TOO_LARGE, "token has 36865 characters; the limit is 36864.");
    assertThat(only(ALL.decode("x".repeat(50_000_000), List.of())).rule()).isEqualTo(Rule.TOO_LARGE);
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "..", "...", "....", "\u0000", "\ud800.\udc00.x", "é.é.é", "e30.e30.e30",
      "eyJhbGciOiJSUzI1NiJ9..", "eyJhbGciOiJSUzI1NiJ9.e30.", ".e30.AAAA", "W10.W10.W10", "bnVsbA.bnVsbA.bnVsbA"})
  void neverThrowsAndNeverAcceptsGarbage(String token) {
    DecodedJws jws = ALL.decode(token, trust(rsa2048Public, p521Public));
    assertThat(jws.signatureValid()).isFalse();
    assertThat(jws.violations()).isNotEmpty();
  }

  // --- claims ---

  @Test
  void refusesDuplicateClaimNamesInsteadOfPickingOne() throws Exception {
    String token = signed("{\"alg\":\"RS256\"}", "{\"sub\":\"alice\",\"sub\":\"admin\"}", "SHA256withRSA", rsa2048);
    DecodedJws jws = ALL.decode(token, trust(rsa2048Public));
    assertThat(jws.signatureValid()).as("the signature itself is fine").isTrue();
    assertThat(jws.claims()).isEmpty();
    assertThat(only(jws)).extracting(Violation::field, Violation::rule, Violation::message).containsExactly(
        "claims", Rule.DUPLICATE_MEMBER, "claims has a member name twice in one object at line 1, column 21.");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[1,2]     | claims is a JSON array, not a JSON object.",
      "\"foo\"   | claims is a JSON string, not a JSON object.",
      "''        | claims is empty, not a JSON object.",
      "null      | claims is JSON null, not a JSON object."})
  void refusesClaimsThatAreNotAnObject(String payload, String message) throws Exception {
    DecodedJws jws = ALL.decode(signed("{\"alg\":\"RS256\"}", payload, "SHA256withRSA", rsa2048), trust(rsa2048Public));
    assertThat(only(jws)).extracting(Violation::field, Violation::rule, Violation::message)
        .containsExactly("claims", Rule.NOT_A_JSON_OBJECT, message);
  }

  @Test
  void refusesClaimsOverTheConfiguredLimits() throws Exception {
    JwsDecoder small = JwsDecoder.create(EnumSet.of(JwsAlgorithm.RS256), StrictJson.create(40, 2));
    String tooBig = signed("{\"alg\":\"RS256\"}", "{\"data\":\"" + "x".repeat(40) + "\"}", "SHA256withRSA", rsa2048);
    assertThat(rules(small.decode(tooBig, trust(rsa2048Public)))).containsExactly(Rule.TOO_LARGE);
    String tooDeep = signed("{\"alg\":\"RS256\"}", "{\"a\":{\"b\":{}}}", "SHA256withRSA", rsa2048);
    assertThat(rules(small.decode(tooDeep, trust(rsa2048Public)))).containsExactly(Rule.TOO_DEEP);
  }

  @Test
  void reportsEveryProblemAtOnce() throws Exception {
    String token = b64("{\"alg\":\"HS256\",\"crit\":[\"b64\"]}") + "." + b64("{\"a\":1,\"a\":2}") + ".";
    assertThat(rules(ALL.decode(token, trust(rsa2048Public)))).containsExactly(
        Rule.SIGNATURE_INVALID, Rule.ALGORITHM_NOT_ALLOWED, Rule.CRITICAL_HEADER_UNSUPPORTED, Rule.DUPLICATE_MEMBER);
  }

  @Test
  void messagesNeverEchoTokenContent() throws Exception {
    String marker = "Zx9Marker";
    List<String> tokens = List.of(
        signed("{\"alg\":\"" + marker + "\",\"kid\":\"" + marker + "\"}", "{\"sub\":\"" + marker + "\"}", "SHA256withRSA", rsa2048),
        signed("{\"alg\":\"RS256\",\"kid\":\"" + marker + "\",\"crit\":[\"" + marker + "\"]}", "{\"" + marker + "\":1,\""
            + marker + "\":2}", "SHA256withRSA", rsa2048),
        signed("{\"alg\":\"RS256\",\"kid\":\"" + marker + "\"}", "[\"" + marker + "\"]", "SHA256withRSA", rsa4096),
        b64("{\"" + marker + "\":") + "." + b64(marker) + "." + b64(marker),
        marker + "." + marker + "=." + marker);
    for (String token : tokens) {
      DecodedJws jws = ALL.decode(token, List.of(TrustedKey.of("k1", rsa2048Public)));
      assertThat(jws.violations()).isNotEmpty();
      assertThat(jws.violations()).allSatisfy(v -> assertThat(v.toString()).doesNotContain(marker));
      assertThat(jws.toString()).doesNotContain(marker);
    }
  }

  // --- construction and the raw verification routine ---

  @Test
  void refusesAnEmptyWhitelistOrNoClaimsReader() {
    assertThatThrownBy(() -> JwsDecoder.create(EnumSet.noneOf(JwsAlgorithm.class), StrictJson.create(10, 1)))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessage("allowed algorithms are empty. Fix: pass the algorithms the platform accepts, such as"
            + " EnumSet.of(JwsAlgorithm.RS256).");
    assertThatThrownBy(() -> JwsDecoder.create(EnumSet.of(JwsAlgorithm.RS256), null))
        .isInstanceOfSatisfying(JwtSignerException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT))
        .hasMessageStartingWith("claimsJson is null.");
    assertThat(ALL.allowed()).containsExactly(JwsAlgorithm.RS256, JwsAlgorithm.RS512, JwsAlgorithm.ES512);
  }

  @Test
  void verifySignatureChecksRawSigningInput() throws Exception {
    byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);
    TrustedKey rsa = TrustedKey.of(null, rsa2048Public);
    TrustedKey ec = TrustedKey.of(null, p521Public);
    byte[] rs256 = Jws.sign("SHA256withRSA", rsa2048, input);
    byte[] es512 = Jws.sign("SHA512withECDSAinP1363Format", p521, input);
    assertThat(JwsDecoder.verifySignature(JwsAlgorithm.RS256, rsa, input, rs256)).isTrue();
    assertThat(JwsDecoder.verifySignature(JwsAlgorithm.RS512, rsa, input, rs256)).isFalse();
    assertThat(JwsDecoder.verifySignature(JwsAlgorithm.ES512, ec, input, es512)).isTrue();
    assertThat(JwsDecoder.verifySignature(JwsAlgorithm.ES512, rsa, input, es512)).isFalse();
    assertThat(JwsDecoder.verifySignature(JwsAlgorithm.RS256, ec, input, rs256)).isFalse();
    assertThat(JwsDecoder.verifySignature(JwsAlgorithm.RS256, rsa, input, null)).isFalse();
    assertThat(JwsDecoder.verifySignature(null, rsa, input, rs256)).isFalse();
    assertThat(JwsDecoder.verifySignature(JwsAlgorithm.RS256, rsa, "other".getBytes(StandardCharsets.US_ASCII), rs256)).isFalse();
  }

  // --- helpers ---

  private static byte[] p1363(BigInteger r, BigInteger s) {
    byte[] out = new byte[132];
    copyRight(r.toByteArray(), out, 0);
    copyRight(s.toByteArray(), out, 66);
    return out;
  }

  private static void copyRight(byte[] value, byte[] out, int offset) {
    int len = Math.min(value.length, 66);
    System.arraycopy(value, value.length - len, out, offset + 66 - len, len);
  }

  private static byte[] der(byte[] rs) {
    try {
      ASN1EncodableVector v = new ASN1EncodableVector();
      v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rs, 0, 66))));
      v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rs, 66, 132))));
      return new DERSequence(v).getEncoded();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static byte[] flipLastBit(byte[] sig) {
    byte[] out = sig.clone();
    out[out.length - 1] ^= 1;
    return out;
  }

  private static byte[] prependZero(byte[] sig) {
    byte[] out = new byte[sig.length + 1];
    System.arraycopy(sig, 0, out, 1, sig.length);
    return out;
  }

  private static byte[] swapHalves(byte[] sig) {
    int half = sig.length / 2;
    byte[] out = new byte[sig.length];
    System.arraycopy(sig, half, out, 0, sig.length - half);
    System.arraycopy(sig, 0, out, sig.length - half, half);
    return out;
  }

  /** The same bytes with a non-zero unused bit in the last character (a 256-byte signature has 4 unused bits). */
  private static String withUnusedBitSet(String part) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int last = alphabet.indexOf(part.charAt(part.length() - 1));
    return part.substring(0, part.length() - 1) + alphabet.charAt(last | 1);
  }
}
